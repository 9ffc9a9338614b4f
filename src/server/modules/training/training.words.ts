import { readFileSync } from 'node:fs';

type Tree = { [key: string]: string | Tree };

/** The languages of the web app's message catalogues, which exports read too: one text per key. */
const LOCALES = new Set(['en', 'ru', 'uz', 'ne', 'fil']);
const catalogues = new Map<string, Tree>();

function catalogue(locale: string): Tree {
  const code = LOCALES.has(locale) ? locale : 'en';
  let tree = catalogues.get(code);
  if (!tree) {
    tree = JSON.parse(readFileSync(new URL(`../../../web/i18n/${code}.json`, import.meta.url), 'utf8')) as Tree;
    catalogues.set(code, tree);
  }
  return tree;
}

const lookup = (tree: Tree, key: string) => {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
};

/**
 * A plain message (no arguments) of the web app's catalogues in the reader's language, else English:
 * what a file the server writes (the transcript CSV) shows instead of a code.
 */
export function word(locale: string, key: string): string {
  return lookup(catalogue(locale), key) ?? lookup(catalogue('en'), key) ?? key;
}
