import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import en from './en.json' with { type: 'json' };
import fil from './fil.json' with { type: 'json' };
import ne from './ne.json' with { type: 'json' };
import ru from './ru.json' with { type: 'json' };
import uz from './uz.json' with { type: 'json' };

/**
 * The web app shows a failed request as `errors.<code>` (shell/ErrorText.tsx), falling back to a vague
 * "Something went wrong". So every code the server can answer with, and every code the API client makes
 * up itself, needs a message in every catalogue. The codes are read from the sources with the
 * TypeScript checker, so a code passed through a variable typed as a union of literals counts too.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const errorsFile = path.join(root, 'src/server/shared/errors.ts');
const clientFile = path.join(root, 'src/web/api/client.ts');
const httpDir = path.join(root, 'src/server/http') + path.sep;
const catalogues = { en, ru, uz, ne, fil } as Record<string, { errors: Record<string, unknown> }>;

function serverSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return serverSources(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

interface Scan {
  /** code -> where it is first produced (file:line) */
  codes: Map<string, string>;
  /** places that produce a code the checker cannot pin down to string literals */
  unresolved: string[];
}

function scanErrorCodes(): Scan {
  const files = [...serverSources(path.join(root, 'src/server')), clientFile];
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  // Only Pathway's own files: the libraries' types are not needed to read a code, and cost seconds.
  const program = ts.createProgram(files, { ...options, noEmit: true, noResolve: true, types: [], noLib: true });
  const checker = program.getTypeChecker();
  const codes = new Map<string, string>();
  const unresolved: string[] = [];

  const where = (node: ts.Node) => {
    const source = node.getSourceFile();
    return `${path.relative(root, source.fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  };
  const add = (code: string, node: ts.Node) => {
    if (!codes.has(code)) codes.set(code, where(node));
  };
  /** The string literals an expression can be, or null when it can be any string. */
  const literals = (expression: ts.Expression): string[] | null => {
    const type = checker.getTypeAtLocation(expression);
    const parts = type.isUnion() ? type.types : [type];
    return parts.every((t) => t.isStringLiteral()) ? parts.map((t) => (t as ts.StringLiteralType).value) : null;
  };
  /** The declaration an identifier or property access names, through imports. */
  const declared = (expression: ts.Expression) => {
    let symbol = checker.getSymbolAtLocation(expression);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.declarations?.[0];
    return declaration ? { name: symbol!.name, file: path.resolve(declaration.getSourceFile().fileName) } : null;
  };
  const isNamed = (expression: ts.Expression, name: string, file: string) => {
    const found = declared(expression);
    return found?.name === name && found.file === file;
  };
  const insideNotFoundHelper = (node: ts.Node): boolean => {
    for (let up = node.parent; up; up = up.parent)
      if (ts.isFunctionDeclaration(up))
        return up.name?.text === 'notFound' && up.getSourceFile().fileName === errorsFile;
    return false;
  };
  const propertyNamed = (object: ts.ObjectLiteralExpression, name: string) =>
    object.properties.find(
      (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name,
    );

  const visit = (node: ts.Node) => {
    // new AppError('code', ...) and new ApiError(status, 'code', ...) in the client
    if (ts.isNewExpression(node)) {
      const [first, second] = node.arguments ?? [];
      const argument = isNamed(node.expression, 'AppError', errorsFile)
        ? first
        : isNamed(node.expression, 'ApiError', clientFile)
          ? second
          : undefined;
      // The client passes on the server's code (error.code) as it came; only its own literals are new codes.
      const passedOn = argument === second;
      if (argument && !insideNotFoundHelper(node)) {
        const values = literals(argument);
        if (values) for (const v of values) add(v, argument);
        else if (!passedOn) unresolved.push(`${where(argument)} ${argument.getText()}`);
      }
    }
    // notFound('entity', id) -> entity_not_found
    if (ts.isCallExpression(node) && isNamed(node.expression, 'notFound', errorsFile) && node.arguments[0]) {
      const values = literals(node.arguments[0]);
      if (values) for (const v of values) add(`${v}_not_found`, node);
      else unresolved.push(`${where(node)} ${node.getText()}`);
    }
    // An error body written by hand in the HTTP layer ({ code: 'route_not_found', message }), and the client's
    // fallback. A code that is not a literal there passes on one found elsewhere (error.code, FASTIFY_CODES).
    const file = node.getSourceFile().fileName;
    if (ts.isObjectLiteralExpression(node) && (file.startsWith(httpDir) || file === clientFile)) {
      const code = propertyNamed(node, 'code');
      if (code && propertyNamed(node, 'message')) for (const v of literals(code.initializer) ?? []) add(v, code);
    }
    // Fastify's codes mapped to Pathway's, and the status table: codes the API answers with.
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      ['FASTIFY_CODES', 'STATUS_BY_CODE'].includes(node.name.text) &&
      node.initializer &&
      ts.isObjectLiteralExpression(node.initializer)
    ) {
      for (const property of node.initializer.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        if (node.name.text === 'STATUS_BY_CODE') add(property.name.getText().replace(/['"]/g, ''), property);
        else if (ts.isStringLiteral(property.initializer)) add(property.initializer.text, property);
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`TypeScript could not read ${file}`);
    visit(source);
  }
  return { codes, unresolved };
}

describe('error codes', () => {
  let scan: Scan;
  beforeAll(() => {
    scan = scanErrorCodes();
  });

  it('are all found: every code is a string literal (or a union of them) where it is produced', () => {
    expect(scan.codes.size).toBeGreaterThan(50);
    expect([...scan.codes.keys()]).toEqual(
      expect.arrayContaining(['award_no_longer_met', 'condition_too_deep', 'person_not_found', 'too_many_requests']),
    );
    expect(scan.unresolved, 'these produce an error code the scan cannot read; pass a literal').toEqual([]);
  });

  for (const language of Object.keys(catalogues)) {
    it(`each has a message in ${language}.json under "errors"`, () => {
      const messages = catalogues[language]!.errors;
      const missing = [...scan.codes]
        .filter(([code]) => typeof messages[code] !== 'string' || !(messages[code] as string).trim())
        .map(([code, from]) => `${language}.json errors.${code} (thrown at ${from})`);
      expect(missing, `add a message for each code to src/web/i18n/${language}.json, section "errors"`).toEqual([]);
    });
  }
});
