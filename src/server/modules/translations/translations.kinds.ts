import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LocalizedText } from '../../shared/text.ts';

/** Where a unit's text lives: one JSON LocalizedText column of one row of its module's table. */
export interface TextRef {
  table: keyof DB;
  /** Columns (besides tenant_id) that pick the row. */
  match: Record<string, string>;
  column: string;
  /** Where the LocalizedText sits inside the column's JSON, when not the whole of it. */
  path?: (string | number)[];
}

/** One multilingual text of an object, under a key that stays the same across versions. */
export interface TextUnit {
  key: string;
  /** How a translator finds it: the code of what it belongs to (`A1.1`, `A1.1 KA`, `q3 · agree`)... */
  code: string;
  /** ...and which of its texts it is (`statement`, `rubric`, `choice`), a word the interface translates. */
  field: string;
  text: LocalizedText;
  ref: TextRef;
}

export interface TranslatableObject {
  id: string;
  name: LocalizedText;
  /** The languages the object is kept in; every other language is not asked for. */
  languages: string[];
  /** The language its texts are written in, when not the tenant's (a questionnaire chooses its own). */
  sourceLocale?: string;
}

/**
 * A kind of object with multilingual texts (a standard version, the policy goals, a training module,
 * an indicator...). Its module declares which of its texts are translated and where they live; the
 * translations module reads them and writes only the target-language entries of those columns.
 */
export interface TextScope {
  db: Kysely<DB>;
  tenantId: string;
  /** The tenant's languages: what an object without languages of its own is kept in. */
  locales: string[];
}

export interface TranslatableKind {
  type: string;
  list(scope: TextScope): Promise<TranslatableObject[]>;
  /** Null when the object is unknown. */
  units(scope: TextScope, id: string): Promise<{ object: TranslatableObject; units: TextUnit[] } | null>;
  /**
   * Writes one text's target-language entry, for a kind whose texts are not all in its rows (the
   * catalogues give a wording's texts until the tenant writes its own); others are written at `ref`.
   */
  write?(scope: TextScope, unit: TextUnit, locale: string, value: string): Promise<void>;
  /** Marks the object changed after its translations were written (readers that cache it look at this). */
  touch?(scope: TextScope, id: string): Promise<void>;
  /**
   * Objects of this kind that are never translated in place (a published questionnaire, translated in
   * its next draft): the overview lists them with that note instead of leaving them out silently.
   */
  kept?(scope: TextScope): Promise<{ id: string; name: LocalizedText }[]>;
}

/**
 * A kind whose objects are the rows of one table, each with some LocalizedText columns: declared by
 * the module that owns the table (a training module's title and summary, an indicator's name...).
 */
export function rowTexts(spec: {
  type: string;
  table: keyof DB;
  /** The columns translated, in the order a translator reads them. */
  columns: string[];
  name: string;
  /** The column that names a row to people (its code), if it has one; rows are listed by it. */
  code?: string;
}): TranslatableKind {
  // biome-ignore lint/suspicious/noExplicitAny: the table and columns are named by the owning module.
  const rows = (db: Kysely<DB>, tenantId: string, id?: string): Promise<Record<string, any>[]> => {
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    let query = (db as Kysely<any>).selectFrom(spec.table).selectAll().where('tenant_id', '=', tenantId);
    if (id !== undefined) query = query.where('id', '=', id);
    return query
      .orderBy(spec.code ?? 'created_at')
      .orderBy('id')
      .execute();
  };
  const parse = (text: string) => JSON.parse(text) as LocalizedText;
  return {
    type: spec.type,
    async list({ db, tenantId, locales }) {
      return (await rows(db, tenantId)).map((r) => ({ id: r.id, name: parse(r[spec.name]), languages: locales }));
    },
    async units({ db, tenantId, locales }, id) {
      const [row] = await rows(db, tenantId, id);
      if (!row) return null;
      return {
        object: { id, name: parse(row[spec.name]), languages: locales },
        units: spec.columns.map((column) => ({
          key: column,
          code: spec.code ? String(row[spec.code]) : '',
          field: column,
          text: parse(row[column]),
          ref: { table: spec.table, match: { id }, column },
        })),
      };
    },
  };
}
