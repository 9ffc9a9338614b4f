import { recordAudit } from '../../shared/audit.ts';
import { everyLanguage, word } from '../../shared/catalogues.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import * as org from '../org/org.service.ts';
import { placeholders, requirePlaceholders } from './translations.document.ts';
import { access } from './translations.service.ts';
import { trackEdits } from './translations.tracking.ts';
import { putWording, WORDINGS, type Wording, wordingOf, wordingTexts } from './translations.wording.ts';

/** A tenant's notification or certificate texts in its source language, beside Pathway's own wording. */
export async function sourceWording(ctx: Ctx, id: Wording) {
  const { defaultLocale } = await org.getTenant(ctx);
  const texts = await wordingOf(ctx.db, ctx.tenantId, id);
  return {
    id,
    name: everyLanguage(`messages.names.${id}`),
    sourceLocale: defaultLocale,
    units: [...texts].map(([key, text]) => {
      const catalogue = everyLanguage(`${WORDINGS[id]}.${key}`)[defaultLocale] ?? '';
      return { key, text: text[defaultLocale] ?? catalogue, catalogue, placeholders: placeholders(catalogue) };
    }),
  };
}

/**
 * A reviewer rewords source texts, all or nothing: each keeps the placeholders Pathway fills in, and
 * the translations made from the old wording become stale (`trackEdits`). A null text goes back to
 * Pathway's wording.
 */
export async function reword(ctx: Ctx, id: Wording, changes: { key: string; text: string | null }[]) {
  const granted = await access(ctx);
  if (!granted.review)
    throw new AppError('forbidden', 'Rewording Pathway’s texts needs translations.review.', {
      permission: 'translations.review',
    });
  const source = granted.sourceLocale;
  await inTransaction(ctx, async (tx) => {
    const texts = await wordingOf(tx.db, tx.tenantId, id);
    const unknown = changes.filter((c) => !texts.has(c.key)).map((c) => c.key);
    if (unknown.length)
      throw new AppError('unknown_translation_unit', `No text ${unknown[0]} in wording:${id}.`, {
        field: 'units',
        unknown,
      });
    for (const change of changes)
      if (change.text !== null)
        requirePlaceholders(change.key, word('en', `${WORDINGS[id]}.${change.key}`), change.text);
    await trackEdits(tx, wordingTexts, id, () =>
      putWording(
        tx.db,
        tx.tenantId,
        id,
        changes.map((c) => ({ key: c.key, locale: source, text: c.text })),
      ),
    );
    await recordAudit(tx.db, tx, 'wording.reword', { type: 'wording', id }, null, {
      locale: source,
      keys: changes.map((c) => c.key),
    });
  });
  return sourceWording(ctx, id);
}
