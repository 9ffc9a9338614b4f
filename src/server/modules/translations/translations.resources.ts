import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../shared/ids.ts';
import type { LocalizedText } from '../../shared/text.ts';
import { reindexResource } from '../community/resources.service.ts';
import type { TextUnit, TranslatableKind, TranslatableObject } from './translations.kinds.ts';

const parse = (text: string) => JSON.parse(text) as LocalizedText;

/**
 * Library resources once their authors share them (school, district, submitted or published): a private
 * draft is read by its authors alone, so it is not shown to translators. A resource's title and
 * description are translated from the language its author wrote the title in first (a Nepali teacher's
 * resource from Nepali), which stays first as translations are added after it.
 */
function shared(db: Kysely<DB>, tenantId: string, id?: string) {
  let query = db
    .selectFrom('resource')
    .select(['id', 'title', 'description', 'subject', 'grade'])
    .where('tenant_id', '=', tenantId)
    .where('status', '!=', 'draft');
  if (id !== undefined) query = query.where('id', '=', id);
  return query.orderBy('created_at').orderBy('id').execute();
}

function objectOf(row: { id: string; title: string }, locales: string[]): TranslatableObject {
  const name = parse(row.title);
  const source = Object.keys(name).find((l) => name[l]) ?? locales[0]!;
  return {
    id: row.id,
    name,
    languages: locales.includes(source) ? locales : [source, ...locales],
    sourceLocale: source,
  };
}

export const resourceTexts: TranslatableKind = {
  type: 'resource',
  async list({ db, tenantId, locales }) {
    return (await shared(db, tenantId)).map((r) => objectOf(r, locales));
  },
  async units({ db, tenantId, locales }, id) {
    const [row] = await shared(db, tenantId, id);
    if (!row) return null;
    const code = [row.subject, row.grade].filter(Boolean).join(' · ');
    const ref = (column: string) => ({ table: 'resource' as const, match: { id }, column });
    const units: TextUnit[] = [{ key: 'title', code, field: 'title', text: parse(row.title), ref: ref('title') }];
    const description = parse(row.description);
    if (Object.values(description).some(Boolean))
      units.push({ key: 'description', code, field: 'description', text: description, ref: ref('description') });
    return { object: objectOf(row, locales), units };
  },
  async touch({ db, tenantId }, id) {
    await db
      .updateTable('resource')
      .set({ updated_at: nowIso() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    // Search reads every language of the title and description: a translation is found at once.
    await reindexResource(db, tenantId, id);
  },
};
