import { z } from 'zod';

export const CATEGORIES = ['teacher', 'trainer', 'assessor', 'school_leader', 'officer'] as const;
export const CategorySchema = z.enum(CATEGORIES);
export const SexSchema = z.enum(['female', 'male', 'other']);

const shortList = z.array(z.string().trim().min(1).max(64)).max(30);

export const Person = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  category: CategorySchema,
  givenName: z.string(),
  familyName: z.string(),
  sex: SexSchema.nullable(),
  nationalId: z.string().nullable(),
  emisId: z.string().nullable(),
  subjects: z.array(z.string()),
  grades: z.array(z.string()),
  languages: z.array(z.string()),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof Person>;

export const PersonParams = z.object({ personId: z.string().min(1) });

export const CreatePersonBody = z.strictObject({
  orgUnitId: z.string().min(1),
  category: CategorySchema,
  givenName: z.string().trim().min(1).max(100),
  familyName: z.string().trim().min(1).max(100),
  sex: SexSchema.nullable().optional(),
  nationalId: z.string().trim().min(1).max(64).nullable().optional(),
  emisId: z.string().trim().min(1).max(64).nullable().optional(),
  subjects: shortList.default([]),
  grades: shortList.default([]),
  languages: shortList.default([]),
  email: z.email().max(200).nullable().optional(),
  phone: z.string().trim().min(3).max(40).nullable().optional(),
});
export type CreatePersonInput = z.infer<typeof CreatePersonBody>;

export const UpdatePersonBody = CreatePersonBody.partial().refine(
  (b) => Object.keys(b).length > 0,
  'Give at least one field to change.',
);
export type UpdatePersonInput = z.infer<typeof UpdatePersonBody>;

export const ListPeopleQuery = z.strictObject({
  unitId: z.string().min(1).optional().describe('Only people under this org unit (default: your whole scope).'),
  q: z.string().trim().min(1).max(100).optional().describe('Family-name prefix, or an exact national id.'),
  category: CategorySchema.optional(),
  subject: z.string().trim().min(1).max(64).optional(),
  sex: SexSchema.optional(),
  cursor: z.string().max(500).optional().describe('The nextCursor of the previous page.'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListPeopleQuery = z.infer<typeof ListPeopleQuery>;

export const PersonListItem = Person.extend({ orgUnitName: z.string() });
export const PeoplePage = z.object({ items: z.array(PersonListItem), nextCursor: z.string().nullable() });
