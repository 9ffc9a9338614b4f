import { z } from 'zod';
import { LocalizedTextSchema } from '../../shared/text.ts';
import { STATUSES } from './translations.tracking.ts';

const Locale = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'A language code such as ne or fil.');
export const TranslationStatus = z.enum(STATUSES);

export const Access = z.object({ sourceLocale: z.string(), locales: z.array(z.string()), review: z.boolean() });

export const Counts = z.object({
  total: z.number().int(),
  coverage: z.number().int(),
  missing: z.number().int(),
  draft: z.number().int(),
  review: z.number().int(),
  approved: z.number().int(),
  stale: z.number().int(),
});

export const Overview = z.object({
  access: Access,
  objects: z.array(
    z.object({
      type: z.string(),
      id: z.string(),
      name: z.record(z.string(), z.string()),
      languages: z.array(z.object({ locale: z.string(), counts: Counts })),
    }),
  ),
  /** Objects kept as they are (a published questionnaire is translated in its next draft). */
  kept: z.array(z.object({ type: z.string(), id: z.string(), name: z.record(z.string(), z.string()) })),
});

export const ObjectParams = z.strictObject({
  type: z.string().min(1).max(40),
  id: z.string().min(1).max(200),
  locale: Locale,
});

export const ObjectTexts = z.object({
  type: z.string(),
  id: z.string(),
  name: z.record(z.string(), z.string()),
  sourceLocale: z.string(),
  locale: z.string(),
  review: z.boolean(),
  units: z.array(
    z.object({
      key: z.string(),
      code: z.string(),
      field: z.string(),
      source: z.string(),
      target: z.string().nullable(),
      status: TranslationStatus,
      previousSource: z.string().nullable(),
      updatedAt: z.string().nullable(),
    }),
  ),
  glossary: z.array(z.object({ source: z.string(), target: z.string().nullable() })),
});

export const SaveBody = z.strictObject({
  units: z
    .array(
      z.strictObject({
        key: z.string().min(1).max(300),
        text: z.string().trim().min(1).max(2000),
        status: z.enum(['draft', 'review', 'approved']).default('review'),
      }),
    )
    .min(1)
    .max(2000),
});

export const ApproveBody = z.strictObject({ keys: z.array(z.string().min(1).max(300)).min(1).max(2000) });

export const QueueQuery = z.strictObject({ locale: Locale.optional(), status: TranslationStatus.optional() });
export const Queue = z.object({
  total: z.number().int(),
  entries: z.array(
    z.object({
      type: z.string(),
      id: z.string(),
      name: z.record(z.string(), z.string()),
      locale: z.string(),
      key: z.string(),
      code: z.string(),
      field: z.string(),
      status: TranslationStatus,
    }),
  ),
});

export const ExportQuery = z.strictObject({
  locale: Locale,
  format: z.enum(['xliff', 'po']).default('xliff'),
  object: z
    .string()
    .min(1)
    .max(240)
    .optional()
    .describe('type:id (e.g. framework:<id>) or the id alone; all objects when absent'),
});
export const ImportResult = z.object({ locale: z.string(), objects: z.number().int(), units: z.number().int() });

export const Translator = z.object({ accountId: z.string(), locales: z.array(z.string()) });
export const TranslatorAccount = Translator.extend({ username: z.string(), name: z.string() });
export const TranslatorParams = z.strictObject({ accountId: z.string().min(1).max(100) });
export const TranslatorBody = z.strictObject({ locales: z.array(Locale).max(20) });

export const GlossaryTerm = z.object({
  id: z.string(),
  term: z.record(z.string(), z.string()),
  note: z.record(z.string(), z.string()),
});
export const GlossaryBody = z.strictObject({ term: LocalizedTextSchema, note: LocalizedTextSchema.optional() });
export const GlossaryParams = z.strictObject({ termId: z.string().min(1).max(100) });

export const WordingParams = z.strictObject({ id: z.enum(['notifications', 'certificate']) });

/** A tenant's wording of texts Pathway writes for it, in its source language. */
export const WordingTexts = z.object({
  id: z.string(),
  name: z.record(z.string(), z.string()),
  sourceLocale: z.string(),
  units: z.array(
    z.object({
      key: z.string(),
      text: z.string(),
      /** Pathway's own wording, for comparison and to go back to. */
      catalogue: z.string(),
      placeholders: z.array(z.string()),
    }),
  ),
});

export const RewordBody = z.strictObject({
  units: z
    .array(
      z.strictObject({
        key: z.string().min(1).max(300),
        /** The new source text, or null to go back to Pathway's own wording. */
        text: z.string().trim().min(1).max(2000).nullable(),
      }),
    )
    .min(1)
    .max(500),
});
