import { z } from 'zod';
import { ResolvedTextSchema as Resolved } from '../org/org.schemas.ts';

const Id = z.string().min(1).max(64);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const ProgrammeParams = z.strictObject({ programmeId: Id });
export const ModuleParams = z.strictObject({ moduleId: Id });

export const EffectQuery = z.strictObject({
  unitId: Id.optional().describe('The teachers under this unit (default: the top of your reporting scope).'),
  from: IsoDate.optional().describe('Start of the period (default: twelve months before `to`).'),
  to: IsoDate.optional().describe('End of the period (default: today).'),
  itemId: Id.optional().describe('One of the training’s competencies (default: the average over all of them).'),
});
export type EffectQuery = z.infer<typeof EffectQuery>;

/** The two groups compared: trained in the period, and not (yet) trained by its end. */
export const GROUPS = ['trained', 'comparison'] as const;
export type Group = (typeof GROUPS)[number];

/** Why a figure is not shown. */
export const WITHHELD = ['fewer_than_minimum', 'no_matched_levels'] as const;

/** A group at one starting level: how many, and their mean change in rank; null when under 5 (or hidden beside one). */
const Cell = z.object({
  count: z.number().int().nullable(),
  meanChange: z.number().nullable(),
});

export const Estimate = z.object({
  /** Difference in differences, in levels of the standard: the trained group's extra change. */
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** Trained teachers whose starting level had enough of both groups to be compared (shown with the estimate). */
  matchedTrained: z.number().int().nullable(),
  withheld: z.enum(WITHHELD).nullable(),
});

export const EffectFigures = z.object({
  /** Teachers of each group with a confirmed level at both ends of the period; null when under 5. */
  counts: z.object({ trained: z.number().int().nullable(), comparison: z.number().int().nullable() }),
  strata: z.array(
    z.object({
      /** 0 = "not yet", 1 = the standard's first level, ... */
      rank: z.number().int(),
      levelCode: z.string().nullable(),
      trained: Cell,
      comparison: Cell,
      /** Whether this starting level enters the estimate (both groups have at least 2 teachers there). */
      matched: z.boolean(),
    }),
  ),
  estimate: Estimate,
});
export type EffectFigures = z.infer<typeof EffectFigures>;

export const Effect = z.object({
  training: z.object({ kind: z.enum(['programme', 'module']), id: z.string(), code: z.string(), title: Resolved }),
  unit: z.object({ id: z.string(), name: Resolved }),
  from: z.string(),
  to: z.string(),
  competencies: z.array(z.object({ itemId: z.string(), code: z.string(), title: Resolved })),
  itemId: z.string().nullable(),
  levels: z.array(z.object({ rank: z.number().int(), code: z.string().nullable(), title: Resolved.nullable() })),
  minimumGroup: z.number().int(),
  resamples: z.number().int(),
  /** Teachers under the unit left out: trained before the period, or without a confirmed level at either end. */
  excluded: z.object({ trainedBefore: z.number().int(), withoutLevels: z.number().int() }),
  figures: EffectFigures,
  regions: z.array(z.object({ unitId: z.string(), name: Resolved, figures: EffectFigures })),
  /** Codes the web app words: how far the comparison can be trusted. */
  cautions: z.array(z.enum(['not_randomised'])),
});
export type Effect = z.infer<typeof Effect>;
