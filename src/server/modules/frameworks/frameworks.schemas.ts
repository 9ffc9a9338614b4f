import { z } from 'zod';
import { LocalizedTextSchema } from '../../shared/text.ts';

export const FRAMEWORK_STATUSES = ['draft', 'in_review', 'published', 'superseded', 'retired'] as const;
/** What publishing a new version does with ratings of items whose content changed. */
export const CHANGED_ITEMS = ['carry_over', 'new_evidence'] as const;
export const ITEM_TYPES = ['aspect', 'competency', 'indicator'] as const;
export const StatusSchema = z.enum(FRAMEWORK_STATUSES);
const Code = z.string().trim().min(1).max(40);
/** Notes are optional in every language, so an editor can clear the last one: unlike titles, `{}` is allowed. */
const Notes = z.record(z.string().min(2).max(10), z.string().trim().min(1).max(2000));

export const LevelInput = z.strictObject({
  code: Code,
  title: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
});

export const CreateFrameworkBody = z.strictObject({
  title: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  version: z.string().trim().min(1).max(20).default('1.0'),
  languages: z.array(z.string().min(2).max(10)).min(1).max(10),
  licence: z.string().trim().max(200).nullable().optional(),
  levels: z.array(LevelInput).min(1).max(12),
});
export type CreateFrameworkInput = z.infer<typeof CreateFrameworkBody>;

export const UpdateFrameworkBody = z
  .strictObject({
    title: LocalizedTextSchema,
    description: LocalizedTextSchema,
    languages: z.array(z.string().min(2).max(10)).min(1).max(10),
    licence: z.string().trim().max(200).nullable(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'Give at least one field to change.');
export type UpdateFrameworkInput = z.infer<typeof UpdateFrameworkBody>;

export const FromTemplateBody = z.strictObject({ version: z.string().trim().min(1).max(20).default('1.0') });

export const ItemInput = z.strictObject({
  parentId: z.string().min(1).nullable(),
  type: z.enum(ITEM_TYPES),
  code: Code,
  title: LocalizedTextSchema,
  statement: LocalizedTextSchema,
  notes: Notes.optional(),
  levelCode: Code.nullable().optional(),
  position: z.number().int().min(0).optional(),
});
export type ItemInput = z.infer<typeof ItemInput>;

export const UpdateItemBody = ItemInput.omit({ parentId: true, position: true })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'Give at least one field to change.');
export type UpdateItemInput = z.infer<typeof UpdateItemBody>;

export const MoveItemBody = z.strictObject({
  parentId: z.string().min(1).nullable(),
  position: z.number().int().min(0),
});
export const RubricBody = z.strictObject({
  descriptor: LocalizedTextSchema,
  score: z.number().min(0).max(1000).nullable().optional(),
});
export const StatusBody = z.strictObject({ status: StatusSchema, changedItems: z.enum(CHANGED_ITEMS).optional() });
export const NewVersionBody = z.strictObject({ version: z.string().trim().min(1).max(20) });

export const FrameworkParams = z.object({ frameworkId: z.string().min(1) });
export const ItemParams = z.object({ frameworkId: z.string().min(1), itemId: z.string().min(1) });
export const RubricParams = z.object({
  frameworkId: z.string().min(1),
  itemId: z.string().min(1),
  levelCode: z.string().min(1),
});
export const DiffParams = z.object({ frameworkId: z.string().min(1), otherId: z.string().min(1) });

export const FrameworkSummary = z.object({
  id: z.string(),
  lineageId: z.string(),
  version: z.string(),
  status: StatusSchema,
  caseIdentifier: z.string(),
  title: LocalizedTextSchema,
  description: z.record(z.string(), z.string()),
  languages: z.array(z.string()),
  licence: z.string().nullable(),
  source: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  supersededAt: z.string().nullable(),
  /** Set when the version was published: what happened to ratings of its changed items. */
  changedItems: z.enum(CHANGED_ITEMS).nullable(),
});
export type FrameworkSummary = z.infer<typeof FrameworkSummary>;

export const Level = z.object({
  id: z.string(),
  code: z.string(),
  position: z.number(),
  title: LocalizedTextSchema,
  description: z.record(z.string(), z.string()),
});
export const Item = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  caseIdentifier: z.string(),
  type: z.enum(ITEM_TYPES),
  code: z.string(),
  position: z.number(),
  levelCode: z.string().nullable(),
  title: LocalizedTextSchema,
  statement: LocalizedTextSchema,
  notes: z.record(z.string(), z.string()),
  /** Framework languages this item lacks a title or statement in: the editor marks them. */
  missingLanguages: z.array(z.string()),
  /** Languages whose translation of the item's texts or rubric was made from an older source. */
  staleLanguages: z.array(z.string()),
  goalIds: z.array(z.string()),
  /** The statement as the (sanitised) HTML of its Moodle description, by language, while unedited: shown as rich text. */
  descriptionHtml: z.record(z.string(), z.string()).optional(),
});
export type Item = z.infer<typeof Item>;
export const Rubric = z.object({
  itemId: z.string(),
  levelCode: z.string(),
  descriptor: LocalizedTextSchema,
  score: z.number().nullable(),
});

export const FrameworkDetail = FrameworkSummary.extend({
  levels: z.array(Level),
  items: z.array(Item),
  rubrics: z.array(Rubric),
  /** The description as the (sanitised) HTML of its Moodle description, by language, while unedited: shown as rich text. */
  descriptionHtml: z.record(z.string(), z.string()).optional(),
});
export type FrameworkDetail = z.infer<typeof FrameworkDetail>;

export const ItemChange = z.object({ code: z.string(), caseIdentifier: z.string(), fields: z.array(z.string()) });
export const Diff = z.object({
  from: z.object({ id: z.string(), version: z.string() }),
  to: z.object({ id: z.string(), version: z.string() }),
  added: z.array(z.object({ code: z.string(), caseIdentifier: z.string() })),
  removed: z.array(z.object({ code: z.string(), caseIdentifier: z.string() })),
  changed: z.array(ItemChange),
});

export const GoalBody = z.strictObject({
  code: Code,
  title: LocalizedTextSchema,
  plan: LocalizedTextSchema,
  periodStart: z.number().int().min(1990).max(2100).nullable().optional(),
  periodEnd: z.number().int().min(1990).max(2100).nullable().optional(),
});
export type GoalInput = z.infer<typeof GoalBody>;
export const Goal = z.object({
  id: z.string(),
  code: z.string(),
  title: LocalizedTextSchema,
  plan: LocalizedTextSchema,
  periodStart: z.number().nullable(),
  periodEnd: z.number().nullable(),
});
export const AlignBody = z.strictObject({ goalIds: z.array(z.string().min(1)).max(50) });
export const Alignment = z.object({
  goals: z.array(
    Goal.extend({ items: z.array(z.object({ id: z.string(), code: z.string(), title: LocalizedTextSchema })) }),
  ),
  unservedGoalIds: z.array(z.string()),
});

/** What publishing a version would do to ratings recorded against the lineage's current version. */
export const PublishImpact = z.object({
  from: z.object({ id: z.string(), version: z.string() }).nullable(),
  to: z.object({ id: z.string(), version: z.string() }),
  /** Ratings (a person's self-assessed or confirmed level of a competency) on unchanged items: always carried. */
  carryOver: z.number(),
  changedItems: z.number(),
  /** Ratings on changed items: carried or needing new evidence, as the ministry chooses when publishing. */
  changedRatings: z.number(),
  addedItems: z.number(),
  removedItems: z.number(),
  /** Ratings on removed items: they stay with the superseded version. */
  removedRatings: z.number(),
  changed: z.array(ItemChange.extend({ ratings: z.number() })),
  /** Texts whose translation was made from an older English (or source) text, per language: readers would see the old wording. */
  staleTranslations: z.array(z.object({ locale: z.string(), texts: z.number() })),
});
export type PublishImpact = z.infer<typeof PublishImpact>;
