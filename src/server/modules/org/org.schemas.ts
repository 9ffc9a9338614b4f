import { z } from 'zod';
import { LocalizedTextSchema } from '../../shared/text.ts';

export const UNIT_TYPES = ['nation', 'region', 'district', 'school', 'tei', 'resource_centre', 'office'] as const;
export const UnitTypeSchema = z.enum(UNIT_TYPES);
export const LocalitySchema = z.enum(['urban', 'rural']);

export const ResolvedTextSchema = z.object({ text: z.string(), locale: z.string(), fallback: z.boolean() });

export const OrgUnit = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  type: UnitTypeSchema,
  levelName: z.string().nullable(),
  code: z.string().nullable(),
  name: LocalizedTextSchema,
  displayName: ResolvedTextSchema,
  locality: LocalitySchema.nullable(),
  depth: z.number().int(),
  path: z.string(),
  updatedAt: z.string(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export const OrgUnitWithCounts = OrgUnit.extend({
  schoolsUnder: z.number().int(),
  teachersUnder: z.number().int(),
  childCount: z.number().int(),
});
export type OrgUnitWithCounts = z.infer<typeof OrgUnitWithCounts>;

export const OrgUnitDetail = OrgUnitWithCounts.extend({ ancestors: z.array(OrgUnit) });

export const UnitParams = z.object({ unitId: z.string().min(1) });

export const ListUnitsQuery = z.strictObject({
  parentId: z.string().min(1).optional().describe('Children of this unit; omitted: the top units of your scope.'),
  q: z.string().trim().min(1).max(100).optional().describe('Search by name or code within your scope.'),
  type: UnitTypeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const CreateUnitBody = z.strictObject({
  parentId: z.string().min(1).nullable(),
  type: UnitTypeSchema,
  code: z.string().trim().min(1).max(64).nullable().optional(),
  name: LocalizedTextSchema,
  locality: LocalitySchema.nullable().optional(),
});
export type CreateUnitInput = z.infer<typeof CreateUnitBody>;

export const UpdateUnitBody = z
  .strictObject({
    type: UnitTypeSchema.optional(),
    code: z.string().trim().min(1).max(64).nullable().optional(),
    name: LocalizedTextSchema.optional(),
    locality: LocalitySchema.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'Give at least one field to change.');
export type UpdateUnitInput = z.infer<typeof UpdateUnitBody>;

export const MoveUnitBody = z.strictObject({ parentId: z.string().min(1) });

export const Tenant = z.object({
  id: z.string(),
  code: z.string(),
  name: LocalizedTextSchema,
  defaultLocale: z.string(),
  locales: z.array(z.string()),
  levelNames: z.array(LocalizedTextSchema),
  country: z.string().nullable(),
  kind: z.enum(['country', 'regional']),
});
export type Tenant = z.infer<typeof Tenant>;

export const HistoryEntry = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actorAccountId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
