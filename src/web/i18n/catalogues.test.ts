import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { readCatalogues } from './languages.plugin.ts';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): Map<string, string> =>
  new Map(
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === 'string' ? [[`${prefix}${key}`, value] as const] : [...flatten(value, `${prefix}${key}.`)],
    ),
  );

const catalogues = Object.fromEntries(readCatalogues()) as Record<string, Tree>;
const english = flatten(catalogues.en!);
/** A catalogue's description of its own language (name, Intl tag, date and number formats) is not a translation. */
const ABOUT_THE_LANGUAGE = /^(language|format)\./;

/** Strings that are the same word in that language (names, loanwords); everything else must be translated. */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  ru: ['app.name', 'training.offerings.range'],
  uz: ['app.name', 'scope.role.admin', 'nav.import', 'assessment.portfolio.title'],
  ne: ['app.name', 'training.offerings.range'],
  fil: [
    'app.name',
    // The five languages' names: Filipino writes three of them as English does.
    'languageNames.uz',
    'languageNames.ne',
    'languageNames.fil',
    'people.email',
    'org.code',
    'assessment.evidence.link',
    'training.offerings.range',
    'training.schedule.module',
    // The monitoring report's column: Filipino uses the loanword.
    'messages.monitoringReport.target',
  ],
};

describe('message catalogues', () => {
  it('describe their language: a name, an Intl tag, a script the PDFs draw and twelve month names', () => {
    for (const [code, tree] of Object.entries(catalogues)) {
      const about = tree.language as Tree;
      expect(typeof about.name, code).toBe('string');
      expect(() => new Intl.Locale(about.intl as string), code).not.toThrow();
      expect(['latin', 'cyrillic', 'devanagari'], code).toContain(about.script);
      expect(((tree.format as Tree).months as string).split('|'), code).toHaveLength(12);
      expect([...((tree.format as Tree).digits as string)], code).toHaveLength(10);
    }
  });

  for (const [code, tree] of Object.entries(catalogues)) {
    const messages = flatten(tree);
    it(`${code} has every key of every other catalogue`, () => {
      const all = new Set(Object.values(catalogues).flatMap((t) => [...flatten(t).keys()]));
      expect([...all].filter((key) => !messages.has(key))).toEqual([]);
    });
    if (code === 'en') continue;
    it(`${code} is a translation, not an English copy`, () => {
      const copies = [...messages]
        .filter(([key, value]) => english.get(key) === value && !ABOUT_THE_LANGUAGE.test(key))
        .map(([key]) => key);
      expect(copies.filter((key) => !(SAME_AS_ENGLISH[code] ?? []).includes(key))).toEqual([]);
    });
    it(`${code} keeps the placeholders of the English text`, () => {
      const names = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();
      const broken = [...english].filter(
        ([key, text]) => JSON.stringify(names(text)) !== JSON.stringify(names(messages.get(key) ?? '')),
      );
      expect(broken.map(([key]) => key)).toEqual([]);
    });
  }
  for (const [code, tree] of Object.entries(catalogues)) {
    it(`every ${code} message parses as ICU MessageFormat`, () => {
      const faults = [...flatten(tree)].flatMap(([key, text]) => {
        try {
          parse(text);
          return [];
        } catch (error) {
          return [`${key}: ${(error as Error).message}`];
        }
      });
      expect(faults).toEqual([]);
    });
  }
});
