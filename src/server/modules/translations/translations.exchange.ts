import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { resolveText } from '../../shared/localized.ts';
import {
  placeholders,
  type TranslationDocument,
  TranslationFaults,
  type TranslationUnit,
  type UnitState,
} from './translations.document.ts';
import { fromPo, toPo } from './translations.po.ts';
import { KINDS } from './translations.registry.ts';
import * as service from './translations.service.ts';
import { fromXliff, toXliff } from './translations.xliff.ts';

export const FORMATS = ['xliff', 'po'] as const;
export type TranslationFormat = (typeof FORMATS)[number];

const STATE_OF: Record<string, UnitState> = {
  missing: 'initial',
  stale: 'initial',
  draft: 'initial',
  review: 'translated',
  approved: 'final',
};
const STATUS_OF: Record<UnitState, service.TranslationChange['status']> = {
  initial: 'draft',
  translated: 'review',
  reviewed: 'review',
  final: 'approved',
};

/**
 * An object as the CLI's `--object` and the export route name it: `type:id` (as `status` lists them),
 * or its id alone, found among every kind; an id two kinds share must be given with its type.
 */
export async function resolveObjectRef(ctx: Ctx, ref: string): Promise<{ type: string; id: string }> {
  const at = ref.indexOf(':');
  const type = at > 0 ? ref.slice(0, at) : '';
  if (KINDS.some((k) => k.type === type)) return { type, id: ref.slice(at + 1) };
  const found = await service.findObjects(ctx, ref);
  if (found.length === 1) return found[0]!;
  if (!found.length) throw notFound('translatable', ref);
  throw new AppError('validation_failed', `${ref} names more than one object; give it as type:id.`, {
    field: 'object',
    objects: found.map((o) => `${o.type}:${o.id}`),
  });
}

/** The texts of every object (or one) in one target language, as the translator's tool reads them. */
export async function exportDocument(
  ctx: Ctx,
  locale: string,
  only?: { type: string; id: string },
): Promise<TranslationDocument> {
  const granted = await service.access(ctx);
  const objects = only
    ? [only]
    : (await service.coverage(ctx, granted.sourceLocale)).filter(
        (o) => o.sourceLocale === granted.sourceLocale && o.languages.some((l) => l.locale === locale),
      );
  const doc: TranslationDocument = { sourceLocale: granted.sourceLocale, targetLocale: locale, objects: [] };
  for (const { type, id } of objects) {
    const texts = await service.objectTexts(ctx, type, id, locale);
    // One file has one source language: a questionnaire written in another is exported on its own.
    doc.sourceLocale = texts.sourceLocale;
    doc.objects.push({
      type,
      id,
      name: resolveText(texts.name, granted.sourceLocale, granted.sourceLocale).text,
      units: texts.units.map((u): TranslationUnit => {
        const label = `${u.code} ${u.field}`.trim();
        const unit: TranslationUnit = { key: u.key, source: u.source, state: STATE_OF[u.status]!, note: label };
        if (u.target !== null) unit.target = u.target;
        if (u.previousSource !== null)
          unit.note = `${label}. The source changed since this was translated; it was: ${u.previousSource}`;
        return unit;
      }),
    });
  }
  return doc;
}

export function serialise(doc: TranslationDocument, format: TranslationFormat): string {
  return format === 'xliff' ? toXliff(doc) : toPo(doc);
}

/** Reads an XLIFF 2.0 or PO file, by its first non-blank character. */
export function parseFile(bytes: Buffer): { doc: TranslationDocument; format: TranslationFormat } {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  return text.trimStart().startsWith('<')
    ? { doc: fromXliff(text), format: 'xliff' }
    : { doc: fromPo(text), format: 'po' };
}

/**
 * Imports a translated file, all or nothing: every object and text must exist, the languages must be
 * the tenant's source and one the actor translates into, each source must still be today's (else the
 * translation would be of an old text), and each translation must keep its source's placeholders.
 * Texts the file leaves untranslated or unchanged are left as they are.
 */
export async function importDocument(ctx: Ctx, doc: TranslationDocument) {
  const granted = await service.access(ctx);
  const faults = new TranslationFaults('translation', 200);
  if (!service.mayTranslateInto(granted, doc.targetLocale))
    faults.add(
      'file',
      `You do not translate into ${doc.targetLocale} (yours: ${granted.locales.join(', ') || 'none'}).`,
    );
  faults.failIfAny();
  const plans: { type: string; id: string; changes: service.TranslationChange[] }[] = [];
  for (const object of doc.objects) {
    const where = `${object.type}:${object.id}`;
    if (!KINDS.some((k) => k.type === object.type)) {
      faults.add(where, `${object.type} is not a kind of text Pathway translates.`);
      continue;
    }
    const current = await service.objectTexts(ctx, object.type, object.id, doc.targetLocale).catch((error: unknown) => {
      if (error instanceof AppError) {
        faults.add(where, error.message);
        return null;
      }
      throw error;
    });
    if (!current) continue;
    if (current.sourceLocale !== doc.sourceLocale) {
      faults.add(
        where,
        `Its texts are written in ${current.sourceLocale}; the file's source language is ${doc.sourceLocale}.`,
      );
      continue;
    }
    const units = new Map(current.units.map((u) => [u.key, u]));
    const changes: service.TranslationChange[] = [];
    for (const unit of object.units) {
      const here = units.get(unit.key);
      if (!here) {
        faults.add(`${where}#${unit.key}`, 'There is no such text in this object.');
        continue;
      }
      if (unit.target === undefined || unit.target === '') continue;
      if (unit.source !== here.source) {
        faults.add(`${where}#${unit.key}`, 'Its source has changed since the file was exported; export it again.');
        continue;
      }
      const expected = placeholders(here.source).join(' ');
      const got = placeholders(unit.target).join(' ');
      if (expected !== got) {
        faults.add(
          `${where}#${unit.key}`,
          `The translation must keep the placeholders ${expected || '(none)'}; it has ${got || 'none'}.`,
        );
        continue;
      }
      const status = STATUS_OF[unit.state];
      if (unit.target === here.target && STATE_OF[here.status] === unit.state) continue;
      changes.push({ key: unit.key, text: unit.target, status });
    }
    if (changes.length) plans.push({ type: object.type, id: object.id, changes });
  }
  faults.failIfAny();
  return inTransaction(ctx, async (tx) => {
    for (const plan of plans) await service.saveTranslations(tx, plan.type, plan.id, doc.targetLocale, plan.changes);
    return {
      locale: doc.targetLocale,
      objects: plans.length,
      units: plans.reduce((n, p) => n + p.changes.length, 0),
    };
  });
}
