import { z } from 'zod';

const Id = z.string().min(1).max(64);
const Resolved = z.object({ text: z.string(), locale: z.string(), fallback: z.boolean() });

export const BASES = ['confirmed', 'self'] as const;
export const SEXES = ['female', 'male'] as const;

export const DashboardQuery = z.strictObject({
  unitId: Id.optional().describe('The unit to look at; the top of your reporting scope when absent.'),
  frameworkId: Id.optional().describe('A published standard; the newest published one when absent.'),
  basis: z
    .enum(BASES)
    .default('confirmed')
    .describe('Count confirmed levels (assessor, observation) or self-assessed ones.'),
  sex: z.enum(SEXES).optional().describe('Only female or only male teachers.'),
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .optional()
    .describe(
      'A closed year, read as it was recorded (of the version recorded then; frameworkId is ignored); this year, live, when absent.',
    ),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export const DashboardTrendQuery = DashboardQuery.omit({ year: true, frameworkId: true });
export type DashboardTrendQuery = z.infer<typeof DashboardTrendQuery>;

/** A unit's headline figures in each recorded year and this year: what its dashboard showed then. */
export const DashboardTrend = z.object({
  unitId: z.string(),
  points: z.array(
    z.object({
      year: z.number().int(),
      live: z.boolean(),
      frameworkVersion: z.string(),
      targetLevel: Resolved,
      teachers: z.number().int().nullable(),
      assessed: z.number().int().nullable(),
      meanShare: z.number().nullable(),
      suppressed: z.boolean(),
    }),
  ),
});
export type DashboardTrend = z.infer<typeof DashboardTrend>;

const Cell = z.object({
  itemId: z.string(),
  /** Teachers at or above the target level, out of the row's teachers; null when suppressed. */
  atTarget: z.number().int().nullable(),
  share: z.number().nullable(),
});
export const DashboardRow = z.object({
  unitId: z.string(),
  name: Resolved,
  type: z.string(),
  hasChildren: z.boolean(),
  /** Null when fewer than the minimum group: no figure of the row is shown. */
  teachers: z.number().int().nullable(),
  assessed: z.number().int().nullable(),
  suppressed: z.boolean(),
  meanShare: z.number().nullable(),
  cells: z.array(Cell),
});
export type DashboardRow = z.infer<typeof DashboardRow>;

export const Dashboard = z.object({
  unit: DashboardRow,
  ancestors: z.array(z.object({ id: z.string(), name: Resolved })),
  frameworkId: z.string(),
  frameworkVersion: z.string(),
  /** The year shown: this year's figures are live, an earlier one's as recorded when it closed. */
  year: z.number().int(),
  live: z.boolean(),
  /** Years that can be shown: those recorded, then this year. */
  years: z.array(z.number().int()),
  basis: z.enum(BASES),
  sex: z.enum(SEXES).nullable(),
  minimumGroup: z.number().int(),
  target: z.object({ levelCode: z.string(), title: Resolved, setByUnit: z.boolean() }),
  levels: z.array(z.object({ code: z.string(), title: Resolved })),
  competencies: z.array(
    z.object({ itemId: z.string(), code: z.string(), title: Resolved, aspectCode: z.string(), aspectTitle: Resolved }),
  ),
  rows: z.array(DashboardRow),
  /** Whether the reader may open the unit's teachers by name (`assessment.read` there); officers see counts. */
  individualsVisible: z.boolean(),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const TeacherLevelsQuery = z.strictObject({
  unitId: Id.describe('A school or other place of work: the teachers placed in it.'),
  frameworkId: Id.optional().describe('A version of the standard; the current one when absent.'),
  basis: z.enum(BASES).default('confirmed'),
  cursor: z.string().max(500).optional().describe('The nextCursor of the previous page.'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type TeacherLevelsQuery = z.infer<typeof TeacherLevelsQuery>;

/** The last step of the drill-down: a unit's own teachers by name, each competency's level. */
export const TeacherLevels = z.object({
  unit: z.object({ id: z.string(), name: Resolved }),
  frameworkId: z.string(),
  basis: z.enum(BASES),
  targetLevelCode: z.string(),
  teachers: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      nationalId: z.string().nullable(),
      /** Per competency of the dashboard, in its order: a level code, `not_yet`, or null when nothing is recorded. */
      levels: z.array(z.string().nullable()),
      atTarget: z.number().int(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type TeacherLevels = z.infer<typeof TeacherLevels>;
