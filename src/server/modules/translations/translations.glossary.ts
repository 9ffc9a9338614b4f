import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { hasPermissionAt } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { everyLanguage } from '../../shared/catalogues.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import type { LocalizedText } from '../../shared/text.ts';
import * as org from '../org/org.service.ts';
import type { TextUnit, TranslatableKind } from './translations.kinds.ts';

const TERMS = 'terms';
const NAME = everyLanguage('messages.names.glossary');

function terms(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('glossary_term')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** The standard's terms, one object for the tenant, so that they are translated like any text. */
export const glossaryTexts: TranslatableKind = {
  type: 'glossary',
  async list({ db, tenantId, locales }) {
    return (await terms(db, tenantId)).length ? [{ id: TERMS, name: NAME, languages: locales }] : [];
  },
  async units({ db, tenantId, locales }, id) {
    const rows = id === TERMS ? await terms(db, tenantId) : [];
    if (!rows.length) return null;
    const units: TextUnit[] = [];
    for (const row of rows) {
      const term = JSON.parse(row.term) as LocalizedText;
      units.push({
        key: `term/${row.id}`,
        code: String(row.position + 1),
        field: 'term',
        text: term,
        ref: { table: 'glossary_term', match: { id: row.id }, column: 'term' },
      });
      const note = JSON.parse(row.note) as LocalizedText;
      if (Object.values(note).some(Boolean))
        units.push({
          key: `term/${row.id}/note`,
          code: String(row.position + 1),
          field: 'note',
          text: note,
          ref: { table: 'glossary_term', match: { id: row.id }, column: 'note' },
        });
    }
    return { object: { id, name: NAME, languages: locales }, units };
  },
};

export interface GlossaryTerm {
  id: string;
  term: LocalizedText;
  note: LocalizedText;
}

export async function listGlossary(ctx: Ctx): Promise<GlossaryTerm[]> {
  return (await terms(ctx.db, ctx.tenantId)).map((r) => ({
    id: r.id,
    term: JSON.parse(r.term),
    note: JSON.parse(r.note),
  }));
}

async function requireEditor(ctx: Ctx) {
  if (!hasPermissionAt(ctx, 'translations.review', await org.topUnitPath(ctx)))
    throw new AppError('forbidden', 'Editing the glossary needs translations.review.', {
      permission: 'translations.review',
    });
}

/** Adds a term (in the languages given; translators add the rest). */
export async function addTerm(ctx: Ctx, input: { term: LocalizedText; note?: LocalizedText | undefined }) {
  await requireEditor(ctx);
  return inTransaction(ctx, async (tx) => {
    const position = (await terms(tx.db, tx.tenantId)).length;
    const row = {
      tenant_id: tx.tenantId,
      id: newId(),
      term: JSON.stringify(input.term),
      note: JSON.stringify(input.note ?? {}),
      position,
      updated_at: nowIso(),
    };
    await tx.db.insertInto('glossary_term').values(row).execute();
    await recordAudit(tx.db, tx, 'glossary.add', { type: 'glossary_term', id: row.id }, null, input);
    return { id: row.id, term: input.term, note: input.note ?? {} } satisfies GlossaryTerm;
  });
}

export async function removeTerm(ctx: Ctx, id: string) {
  await requireEditor(ctx);
  await inTransaction(ctx, async (tx) => {
    const gone = await tx.db
      .deleteFrom('glossary_term')
      .where('tenant_id', '=', tx.tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!gone.numDeletedRows) throw notFound('glossary_term', id);
    await tx.db
      .deleteFrom('translation_state')
      .where('tenant_id', '=', tx.tenantId)
      .where('object_type', '=', 'glossary')
      .where('unit_key', 'like', `term/${id}%`)
      .execute();
    await recordAudit(tx.db, tx, 'glossary.remove', { type: 'glossary_term', id }, null, null);
  });
}
