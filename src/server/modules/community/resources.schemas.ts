import { z } from 'zod';
import { LocaleSchema } from '../../shared/catalogues.ts';
import { LocalizedTextSchema } from '../../shared/text.ts';

export const RESOURCE_KINDS = [
  'lesson_plan',
  'activity_design',
  'case_study',
  'curriculum',
  'video',
  'link',
  'document',
] as const;
export const ResourceKind = z.enum(RESOURCE_KINDS);
export type ResourceKind = z.infer<typeof ResourceKind>;
/** Kinds that point elsewhere and never carry a file. */
export const URL_KINDS: readonly ResourceKind[] = ['video', 'link'];

export const LICENCES = [
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC-BY-NC-4.0',
  'CC-BY-NC-SA-4.0',
  'CC0-1.0',
  'all_rights_reserved',
] as const;
export const Licence = z.enum(LICENCES);

/** Who reads a resource before it is published for the whole country. */
export const RESOURCE_SHARING = ['private', 'school', 'district'] as const;
export const ResourceSharing = z.enum(RESOURCE_SHARING);
export type ResourceSharing = z.infer<typeof ResourceSharing>;

export const RESOURCE_STATUSES = ['draft', 'shared', 'submitted', 'published'] as const;
export const ResourceStatus = z.enum(RESOURCE_STATUSES);
export type ResourceStatus = z.infer<typeof ResourceStatus>;

const id = z.string().min(1).max(64);
const line = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);

const ResourceCompetency = z.strictObject({ itemId: id, levelCode: z.string().min(1).max(32) });

const fields = {
  title: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .default(null),
  subject: line(100).default(''),
  grade: line(32).default(''),
  languages: z.array(LocaleSchema).max(5).default([]),
  licence: Licence,
  competencies: z
    .array(ResourceCompetency)
    .max(20, 'At most 20 competencies.')
    .refine((c) => new Set(c.map((x) => x.itemId)).size === c.length, 'Name each competency once.')
    .default([]),
  tags: z.array(line(50).min(1)).max(20).default([]),
  /** Co-authors beside the person who adds it. */
  authorPersonIds: z.array(id).max(10).default([]),
};

const needsUrl = (r: { kind: ResourceKind; url: string | null }) => !URL_KINDS.includes(r.kind) || r.url !== null;
const urlIssue = { message: 'A link or video needs its address.', path: ['url'] };

export const CreateResourceBody = z
  .strictObject({ kind: ResourceKind, designId: id.nullable().default(null), ...fields })
  .refine(needsUrl, urlIssue)
  .refine((r) => (r.kind === 'activity_design') === (r.designId !== null), {
    message: 'An activity design resource names the design, and only it does.',
    path: ['designId'],
  });
export type CreateResourceInput = z.output<typeof CreateResourceBody>;

export const UpdateResourceBody = z.strictObject({ kind: ResourceKind, ...fields }).refine(needsUrl, urlIssue);
export type UpdateResourceInput = z.output<typeof UpdateResourceBody>;

export const ShareResourceBody = z.strictObject({ sharing: ResourceSharing });
export const RejectResourceBody = z.strictObject({ reason: line(2000).min(1, 'Give the reason.') });
export const RateResourceBody = z.strictObject({ stars: z.number().int().min(1).max(5) });
export const UseResourceBody = z.strictObject({
  usedOn: z.iso.date(),
  classLabel: line(100).min(1, 'Name the class or grade.'),
  note: line(1000).default(''),
});

export const ResourceParams = z.strictObject({ resourceId: id });
export const UploadFileQuery = z.strictObject({ fileName: line(200).min(1) });

export const SearchResourcesQuery = z.strictObject({
  q: z.string().trim().max(200).optional().describe('Words in any language; the last may be the start of a word.'),
  competency: id.optional().describe('An item id of the current standard.'),
  level: z.string().min(1).max(32).optional(),
  subject: z.string().trim().min(1).max(100).optional(),
  grade: z.string().trim().min(1).max(32).optional(),
  language: LocaleSchema.optional(),
  licence: Licence.optional(),
  kind: ResourceKind.optional(),
  mine: z.enum(['true', 'false']).optional().describe('Only resources I wrote (drafts included).'),
  review: z
    .enum(['true', 'false'])
    .optional()
    .describe('Only submissions for national publication I may decide on (community.moderate over their unit).'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchResourcesQuery = z.infer<typeof SearchResourcesQuery>;

const PersonName = z.object({ id: z.string(), name: z.string() });
const Text = z.object({ text: z.string(), locale: z.string(), fallback: z.boolean() });

export const ResourceSummary = z.object({
  id: z.string(),
  kind: ResourceKind,
  title: Text,
  /** Every language it was written in: search reaches them all. */
  titles: z.record(z.string(), z.string()),
  description: Text.nullable(),
  /** The activity design it refers to, as the design reads now. */
  design: z
    .object({ id: z.string(), title: z.string(), subject: z.string(), grade: z.string(), sharing: z.string() })
    .nullable(),
  url: z.string().nullable(),
  file: z.object({ name: z.string(), contentType: z.string(), sizeBytes: z.number().int() }).nullable(),
  subject: z.string(),
  grade: z.string(),
  languages: z.array(z.string()),
  licence: Licence,
  competencies: z.array(z.object({ itemId: z.string(), levelCode: z.string() })),
  tags: z.array(z.string()),
  authors: z.array(PersonName),
  sharing: ResourceSharing,
  status: ResourceStatus,
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
  uses: z.number().int(),
  updatedAt: z.string(),
});
export type ResourceSummary = z.infer<typeof ResourceSummary>;

export const ResourceUse = z.object({
  id: z.string(),
  person: PersonName,
  usedOn: z.string(),
  classLabel: z.string(),
  note: z.string(),
  createdAt: z.string(),
});

export const ResourceDetail = ResourceSummary.extend({
  review: z.object({ reason: z.string().nullable(), reviewedAt: z.string().nullable() }),
  myRating: z.number().int().nullable(),
  recentUses: z.array(ResourceUse),
  canEdit: z.boolean(),
  canModerate: z.boolean(),
});
export type ResourceDetail = z.infer<typeof ResourceDetail>;

export const ResourcePage = z.object({ items: z.array(ResourceSummary) });

export const CollectionBody = z.strictObject({ name: line(200).min(1, 'Name the collection.') });
export const CollectionParams = z.strictObject({ collectionId: id });
export const CollectionItemBody = z.strictObject({ resourceId: id });
export const CollectionItemParams = z.strictObject({ collectionId: id, resourceId: id });
export const Collection = z.object({
  id: z.string(),
  name: z.string(),
  items: z.array(ResourceSummary),
  createdAt: z.string(),
});
export const CollectionList = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), size: z.number().int(), createdAt: z.string() })),
});
