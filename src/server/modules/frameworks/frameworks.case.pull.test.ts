import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { testApp } from '../../../../test/http.ts';
import { registerFrameworkCommands } from '../../../cli/framework.ts';
import type { Ctx } from '../../shared/context.ts';
import { fetchJsonWithin, UnreachableDocumentError } from '../recognition/credentials.resolve.ts';
import { pullFramework } from './frameworks.case.pull.ts';
import * as frameworks from './frameworks.service.ts';

/**
 * A CASE 1.1 provider elsewhere, played by a local HTTP server serving a package written here from
 * the CASE 1.1 specification (no humanCodingScheme, as many tools publish): the first pull imports
 * it, a later pull of a changed package becomes a new draft of the same lineage with the diff.
 */

type Json = Record<string, unknown>;
const DOC = '5ea1f00d-0000-4000-8000-000000000000';
const id = (n: string) => `5ea1f00d-0000-4000-8000-0000000000${n}`;
const HOST = 'https://standards.harbour.example/ims/case/v1p1';
const at = '2026-03-01T09:00:00+00:00';

function item(n: string, statement: string): Json {
  return { identifier: id(n), uri: `${HOST}/CFItems/${id(n)}`, fullStatement: statement, lastChangeDateTime: at };
}
function association(n: string, type: string, origin: string, destination: string, seq?: number): Json {
  const node = (x: string) =>
    x === DOC
      ? { title: 'Harbour', identifier: DOC, uri: `${HOST}/CFDocuments/${DOC}` }
      : { title: x, identifier: x, uri: `${HOST}/CFItems/${x}` };
  return {
    identifier: id(n),
    uri: `${HOST}/CFAssociations/${id(n)}`,
    associationType: type,
    ...(seq === undefined ? {} : { sequenceNumber: seq }),
    originNodeURI: node(origin),
    destinationNodeURI: node(destination),
    lastChangeDateTime: at,
  };
}

function harbourPackage(change: 'first' | 'second'): Json {
  const items = [
    item('a1', 'Plans lessons around questions pupils can investigate.'),
    item(
      'a2',
      change === 'first'
        ? 'States a question for a whole class inquiry.'
        : 'States a question that the whole class can investigate together.',
    ),
    item('a3', 'Chooses materials that let pupils test an idea safely.'),
    item('b1', 'Helps pupils explain what they observed.'),
    ...(change === 'first' ? [item('b2', 'Asks pupils to compare their results with another group.')] : []),
    ...(change === 'second' ? [item('b3', 'Invites pupils to question a claim with evidence.')] : []),
  ];
  const associations = [
    association('f1', 'isChildOf', id('a1'), DOC, 1),
    association('f2', 'isChildOf', id('a2'), id('a1'), 1),
    association('f3', 'isChildOf', id('a3'), id('a1'), 2),
    association('f4', 'isChildOf', id('b1'), DOC, 2),
    ...(change === 'first' ? [association('f5', 'isChildOf', id('b2'), id('b1'), 1)] : []),
    ...(change === 'second' ? [association('f6', 'isChildOf', id('b3'), id('b1'), 1)] : []),
    association('f7', 'isRelatedTo', id('b1'), id('a1')),
  ];
  return {
    CFDocument: {
      identifier: DOC,
      uri: `${HOST}/CFDocuments/${DOC}`,
      creator: 'Harbour Teaching Council',
      title: 'Inquiry in the Primary Classroom',
      lastChangeDateTime: change === 'first' ? at : '2026-06-01T09:00:00+00:00',
      language: 'en',
      version: change === 'first' ? '2026' : '2026.2',
      caseVersion: '1.1',
    },
    CFItems: items,
    CFAssociations: associations,
  };
}

describeOnEachDatabase('pulling a framework from a CASE provider', (getDb) => {
  let served: Json;
  let requests: string[];
  let server: http.Server;
  let base: string;
  let ctx: Ctx;
  let tenantCode: string;
  let firstId: string;

  beforeAll(async () => {
    requests = [];
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === `/ims/case/v1p1/CFPackages/${DOC}`) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(served));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ims/case/v1p1`;
    tenantCode = `pull${Math.floor(Math.random() * 1e6)}`;
    ctx = (await make.tenant(getDb(), tenantCode)).ctx;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses a loopback provider unless the operator allows private addresses', async () => {
    served = harbourPackage('first');
    await expect(pullFramework(ctx, `${base}/CFPackages/${DOC}`)).rejects.toBeInstanceOf(UnreachableDocumentError);
    await expect(pullFramework(ctx, `${base}/CFItems/${DOC}`, { allowPrivate: true })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('stops reading a provider’s answer at the size limit', async () => {
    served = harbourPackage('first');
    const limits = { timeoutMs: 5000, maxBytes: 1024, accept: 'application/json', allowPrivate: true };
    await expect(fetchJsonWithin(`${base}/CFPackages/${DOC}`, limits)).rejects.toThrow(/larger than 1 kB/);
  });

  it('imports the first pull as a draft, reading the package URL from a CFDocuments URL', async () => {
    served = harbourPackage('first');
    requests.length = 0;
    const result = await pullFramework(ctx, `${base}/CFDocuments/${DOC.toUpperCase()}`, { allowPrivate: true });
    expect(requests).toEqual([`/ims/case/v1p1/CFPackages/${DOC}`]);
    expect(result.outcome).toBe('imported');
    const fw = await frameworks.getFramework(ctx, result.frameworkId!);
    expect(fw).toMatchObject({ status: 'draft', caseIdentifier: DOC, version: '2026' });
    expect(fw.items.map((i) => i.caseIdentifier).sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2'].map(id).sort());
    firstId = fw.id;
    await frameworks.setStatus(ctx, firstId, 'in_review');
    await frameworks.setStatus(ctx, firstId, 'published');
  });

  it('shows the diff of a changed package without writing anything on a dry run', async () => {
    served = harbourPackage('second');
    const before = (await frameworks.listFrameworks(ctx)).length;
    const result = await pullFramework(ctx, `${base}/CFPackages/${DOC}`, { allowPrivate: true, dryRun: true });
    expect(result.outcome).toBe('dry_run');
    expect(result.frameworkId).toBeNull();
    expect(result.lines).toEqual([
      `~ ${DOC} CFDocument: lastChangeDateTime, version`,
      expect.stringMatching(new RegExp(`^\\+ ${id('b3')} `)),
      expect.stringMatching(new RegExp(`^- ${id('b2')} `)),
      expect.stringMatching(new RegExp(`^~ ${id('a2')} .*: .*statement`)),
    ]);
    expect((await frameworks.listFrameworks(ctx)).length).toBe(before);
  });

  it('applies a changed package to a new draft of the lineage, printing one line per change', async () => {
    served = harbourPackage('second');
    const program = new Command().exitOverride();
    registerFrameworkCommands(program, (work) => work(getDb()));
    const printed: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => printed.push(args.join(' '));
    try {
      await program.parseAsync(
        ['framework', 'import', '--from', `${base}/CFPackages/${DOC}`, '--tenant', tenantCode, '--allow-private'],
        { from: 'user' },
      );
    } finally {
      console.log = log;
    }
    const published = await frameworks.getFramework(ctx, firstId);
    const versions = (await frameworks.listFrameworks(ctx)).filter((f) => f.lineageId === published.lineageId);
    const draft = versions.find((f) => f.status === 'draft')!;
    expect(versions).toHaveLength(2);
    expect(draft).toMatchObject({ version: '2026.2' });
    expect(printed).toEqual([
      draft.id,
      'Pulled Inquiry in the Primary Classroom as a new draft (version 2026.2) of version 2026: 1 added, 1 removed, 1 changed.',
      `~ ${DOC} CFDocument: lastChangeDateTime, version`,
      expect.stringMatching(new RegExp(`^\\+ ${id('b3')} `)),
      expect.stringMatching(new RegExp(`^- ${id('b2')} `)),
      expect.stringMatching(new RegExp(`^~ ${id('a2')} .*: .*statement`)),
    ]);
    const detail = await frameworks.getFramework(ctx, draft.id);
    const statement = (n: string) => detail.items.find((i) => i.caseIdentifier === id(n))?.statement.en;
    expect(statement('a2')).toBe('States a question that the whole class can investigate together.');
    expect(statement('b3')).toBe('Invites pupils to question a claim with evidence.');
    expect(statement('b2')).toBeUndefined();
    // The published version is untouched.
    expect(published.status).toBe('published');
    expect(published.items.find((i) => i.caseIdentifier === id('a2'))?.statement.en).toBe(
      'States a question for a whole class inquiry.',
    );
    expect(published.items.some((i) => i.caseIdentifier === id('b2'))).toBe(true);
  });

  it('makes no draft when the provider has nothing new', async () => {
    served = harbourPackage('second');
    const before = (await frameworks.listFrameworks(ctx)).length;
    const result = await pullFramework(ctx, `${base}/CFPackages/${DOC}`, { allowPrivate: true });
    expect(result).toMatchObject({ outcome: 'unchanged', frameworkId: null, lines: [] });
    expect((await frameworks.listFrameworks(ctx)).length).toBe(before);
  });

  it('serves an item’s associations with sort, orderBy, filter, fields and paging', async () => {
    const app = await testApp(getDb());
    try {
      const get = (query: string) =>
        app.inject({ url: `/ims/case/v1p1/CFItemAssociations/${id('a1')}${query ? `?${query}` : ''}` });
      const all = await get('');
      expect(all.statusCode).toBe(200);
      expect(all.headers['x-total-count']).toBe('4');
      expect(all.json().CFItem.identifier).toBe(id('a1'));
      const sorted = await get('sort=originNodeURI.identifier&orderBy=desc&fields=identifier,associationType');
      expect(sorted.json().CFAssociations).toEqual([
        { identifier: id('f7'), associationType: 'isRelatedTo' },
        { identifier: id('f3'), associationType: 'isChildOf' },
        { identifier: id('f2'), associationType: 'isChildOf' },
        { identifier: id('f1'), associationType: 'isChildOf' },
      ]);
      const children = await get(
        `filter=${encodeURIComponent(`associationType='isChildOf' AND destinationNodeURI.identifier='${id('a1')}'`)}&limit=1`,
      );
      expect(children.headers['x-total-count']).toBe('2');
      expect(children.json().CFAssociations.map((a: Json) => a.identifier)).toEqual([id('f2')]);
      const old = await get(`filter=${encodeURIComponent("associationType='isRelatedTo'")}`);
      expect(old.statusCode).toBe(200);
      const v10 = await app.inject({
        url: `/ims/case/v1p0/CFItemAssociations/${id('a1')}?filter=${encodeURIComponent("associationType='isRelatedTo'")}`,
      });
      expect(v10.headers['x-total-count']).toBe('1');
      const bad = await get('filter=nonsense');
      expect(bad.statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});
