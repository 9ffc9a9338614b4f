import { readdirSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/** A catalogue's tree of messages; its `language` and `format` sections describe the language itself. */
export type CatalogueTree = { [key: string]: string | CatalogueTree };

const DIR = new URL('./', import.meta.url);

/**
 * Every message catalogue of src/web/i18n (`<code>.json`), English first, then by code: the languages
 * Pathway speaks are the files here, for the web app (through the plugin below) and the server alike.
 */
export function readCatalogues(): [code: string, tree: CatalogueTree][] {
  const codes = readdirSync(DIR)
    .filter((name) => /^[a-z]{2,3}(-[A-Za-z0-9]+)*\.json$/.test(name))
    .map((name) => name.slice(0, -'.json'.length))
    .sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));
  return codes.map((code) => [code, JSON.parse(readFileSync(new URL(`${code}.json`, DIR), 'utf8')) as CatalogueTree]);
}

const ID = 'virtual:pathway-languages';

/**
 * `virtual:pathway-languages`: each catalogue's code, name, Intl tag and formats, read at build time,
 * so the first bundle knows every language without carrying every catalogue.
 */
export function languagesPlugin(): Plugin {
  return {
    name: 'pathway-languages',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    load(id) {
      if (id !== `\0${ID}`) return undefined;
      for (const name of readdirSync(DIR)) if (name.endsWith('.json')) this.addWatchFile(new URL(name, DIR).pathname);
      const languages = readCatalogues().map(([code, tree]) => {
        const language = tree.language as { name: string; intl: string };
        return { code, name: language.name, intl: language.intl, format: tree.format };
      });
      return `export default ${JSON.stringify(languages)};`;
    },
  };
}
