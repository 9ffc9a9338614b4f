import { z } from 'zod';
import { LocalizedTextSchema } from '../../shared/text.ts';
import { ResolvedTextSchema as Resolved } from '../org/org.schemas.ts';

const Id = z.string().min(1).max(64);
const LevelCode = z.string().trim().min(1).max(40);

/** Open Badges 3.0 `achievementType` values a rule may award. */
export const ACHIEVEMENT_TYPES = [
  'Competency',
  'Certificate',
  'Certification',
  'Badge',
  'MicroCredential',
  'Achievement',
  'Award',
  'CertificateOfCompletion',
  'LearningProgram',
  'License',
] as const;
export const RULE_MODES = ['automatic', 'approval'] as const;
export const RULE_STATUSES = ['draft', 'active', 'retired'] as const;
export const AWARD_STATUSES = ['pending', 'issued', 'rejected'] as const;

/** How deep groups may nest, and how many conditions a rule may hold in all. */
export const MAX_DEPTH = 4;
export const MAX_CONDITIONS = 60;

/**
 * The bounds above, checked on the raw JSON before zod walks it: zod validates a recursive schema
 * recursively, and a condition nested a thousand deep overflows the stack (a 500). Iterative, and
 * stops at the first bound crossed, so any body costs at most a few hundred steps.
 */
export function conditionBoundsFault(raw: unknown): 'condition_too_deep' | 'condition_too_large' | null {
  const stack: { node: unknown; depth: number }[] = [{ node: raw, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (++nodes > MAX_CONDITIONS * (MAX_DEPTH + 1)) return 'condition_too_large';
    const children = node && typeof node === 'object' ? (node as { conditions?: unknown }).conditions : undefined;
    if (!Array.isArray(children)) continue;
    if (depth + 1 > MAX_DEPTH) return 'condition_too_deep';
    if (children.length > MAX_CONDITIONS) return 'condition_too_large';
    for (const child of children) stack.push({ node: child, depth: depth + 1 });
  }
  return null;
}

export type Leaf =
  | { type: 'competency'; itemId: string; levelCode: string }
  | { type: 'aspect'; itemId: string; levelCode: string }
  | { type: 'module'; moduleId: string }
  | { type: 'programme'; programmeId: string };
export type Group = { type: 'all' | 'any'; conditions: Condition[] };
export type Condition = Leaf | Group;

const LeafSchemas = [
  z
    .strictObject({ type: z.literal('competency'), itemId: Id, levelCode: LevelCode })
    .describe('The competency is confirmed (assessor-rated, observed or imported) at this level or above.'),
  z
    .strictObject({ type: z.literal('aspect'), itemId: Id, levelCode: LevelCode })
    .describe('Every competency of the aspect is confirmed at this level or above.'),
  z.strictObject({ type: z.literal('module'), moduleId: Id }).describe('The training module is completed.'),
  z
    .strictObject({ type: z.literal('programme'), programmeId: Id })
    .describe('The programme is completed (its offering, or every one of its modules).'),
] as const;

const GroupSchema = z.strictObject({
  type: z.enum(['all', 'any']).describe('all = AND, any = OR'),
  get conditions() {
    return z.array(ConditionSchema).min(1).max(MAX_CONDITIONS);
  },
});

export const ConditionSchema: z.ZodType<Condition> = z.discriminatedUnion('type', [
  GroupSchema,
  ...LeafSchemas,
]) as never;

export const RuleBody = z.strictObject({
  name: LocalizedTextSchema,
  description: LocalizedTextSchema,
  criteria: LocalizedTextSchema.describe('What a holder did to earn it, as the credential states it.'),
  achievementType: z.enum(ACHIEVEMENT_TYPES),
  frameworkId: Id.optional().describe('Where the competencies are; the newest published standard when absent.'),
  condition: ConditionSchema,
  mode: z.enum(RULE_MODES).describe('automatic: issued when met; approval: waits for an approver.'),
});
export type RuleInput = z.infer<typeof RuleBody>;

export const RuleStatusBody = z.strictObject({ status: z.enum(['active', 'retired']) });

export const RuleQuery = z.strictObject({
  status: z.enum(RULE_STATUSES).optional().describe('Only managers see drafts and retired rules.'),
});

export const Rule = z.object({
  id: z.string(),
  name: LocalizedTextSchema,
  description: LocalizedTextSchema,
  criteria: LocalizedTextSchema,
  displayName: Resolved,
  displayDescription: Resolved,
  displayCriteria: Resolved,
  achievementType: z.enum(ACHIEVEMENT_TYPES),
  frameworkId: z.string().nullable(),
  condition: ConditionSchema,
  mode: z.enum(RULE_MODES),
  status: z.enum(RULE_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  activatedAt: z.string().nullable(),
  awards: z.object({ pending: z.number(), issued: z.number(), rejected: z.number() }),
});
export type Rule = z.infer<typeof Rule>;

export const PreviewBody = z.strictObject({
  unitId: Id,
  frameworkId: Id.optional(),
  condition: ConditionSchema,
});
export const PreviewQuery = z.strictObject({ unitId: Id });

export const Preview = z.object({
  unitId: z.string(),
  /** People under the unit who meet the condition today; null when suppressed (1 to 4, see `suppressed`). */
  qualifying: z.number().nullable(),
  /** Of them, how many hold an award of this rule already (saved rules only); null when suppressed. */
  awarded: z.number().nullable(),
  /**
   * For a reader who may not see individual ratings under the unit, a count of 1 to 4 (fewer than
   * reports' MINIMUM_GROUP) is not given: it would say who stands at what level.
   */
  suppressed: z.boolean(),
  /** Names only of people whose individual ratings the reader may see (assessment.read). */
  people: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      unitName: Resolved,
      awardStatus: z.enum(AWARD_STATUSES).nullable(),
    }),
  ),
});
export type Preview = z.infer<typeof Preview>;

export const IdParams = z.object({ id: Id });
