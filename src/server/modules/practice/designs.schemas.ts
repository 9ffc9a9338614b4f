import { z } from 'zod';
import { LocaleSchema } from '../../shared/catalogues.ts';

export const TEMPLATES = ['one_to_one', 'project_based'] as const;
export const TemplateSchema = z.enum(TEMPLATES);
export type TemplateKey = z.infer<typeof TemplateSchema>;

/** Who beyond the authors, their coaches and the school leader may read a design. */
export const SHARING = ['private', 'school', 'district', 'nation'] as const;
export const SharingSchema = z.enum(SHARING);
export type Sharing = z.infer<typeof SharingSchema>;

export const GROUPINGS = ['individual', 'pairs', 'small_groups', 'whole_class', 'mixed'] as const;
export const GroupingSchema = z.enum(GROUPINGS);

export const MAX_STEPS = 30;
export const MAX_STEP_MINUTES = 600;

const line = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);
const list = (max: number, each: number) =>
  z.array(line(each).min(1, 'An entry may not be empty.')).max(max, `At most ${max} entries.`);

export const DesignStep = z.strictObject({
  title: line(200).min(1, 'Give each step a title.'),
  description: line(2000).default(''),
  minutes: z
    .number()
    .int('Minutes are a whole number.')
    .min(1, 'A step takes at least 1 minute.')
    .max(MAX_STEP_MINUTES, `A step takes at most ${MAX_STEP_MINUTES} minutes.`),
});
export type DesignStep = z.infer<typeof DesignStep>;

/** What a version of a design says. Drafts may leave parts empty; steps are timed. */
export const DesignContent = z.strictObject({
  objectives: list(10, 500).default([]),
  studentActivity: line(4000).default(''),
  ict: list(20, 200).default([]),
  steps: z.array(DesignStep).max(MAX_STEPS, `At most ${MAX_STEPS} steps.`).default([]),
  grouping: GroupingSchema.default('small_groups'),
  assessment: line(4000).default(''),
  resources: list(20, 500).default([]),
});
export type DesignContent = z.infer<typeof DesignContent>;
export type DesignContentInput = z.input<typeof DesignContent>;

export const DesignCompetency = z.strictObject({
  itemId: z.string().min(1).max(64),
  levelCode: z.string().min(1).max(32),
});
export type DesignCompetency = z.infer<typeof DesignCompetency>;

const competencies = z
  .array(DesignCompetency)
  .max(20, 'At most 20 competencies.')
  .refine((c) => new Set(c.map((x) => x.itemId)).size === c.length, 'Name each competency once.')
  .default([]);

const fields = {
  title: line(200).min(1, 'Give the design a title.'),
  subject: line(100).min(1, 'Name the subject.'),
  grade: line(32).min(1, 'Name the grade.'),
  language: LocaleSchema,
  coAuthorPersonId: z.string().min(1).max(64).nullable().default(null),
  competencies,
};

export const CreateDesignBody = z.strictObject({
  ...fields,
  template: TemplateSchema.nullable().default(null),
  /** Left out with a template: the template's text in the design's language. */
  content: DesignContent.optional(),
});
export type CreateDesignInput = z.input<typeof CreateDesignBody>;

export const ReviseDesignBody = z.strictObject({
  ...fields,
  /** The version this edit started from; another save since then is a conflict. */
  baseVersion: z.number().int().min(1),
  content: DesignContent,
});
export type ReviseDesignInput = z.input<typeof ReviseDesignBody>;

export const ShareDesignBody = z.strictObject({ sharing: SharingSchema });
export const CommentBody = z.strictObject({
  body: line(4000).min(1, 'Write the comment.'),
  /** The version the comment is about; the current one when left out. */
  version: z.number().int().min(1).optional(),
});

export const DesignParams = z.strictObject({ designId: z.string().min(1).max(64) });
export const VersionParams = z.strictObject({
  designId: z.string().min(1).max(64),
  version: z.coerce.number().int().min(1),
});

export const ListDesignsQuery = z.strictObject({
  scope: z.enum(['mine', 'shared']).default('mine').describe('Designs I wrote (or co-wrote), or shared with me.'),
  subject: z.string().trim().min(1).max(100).optional(),
  grade: z.string().trim().min(1).max(32).optional(),
  competency: z.string().min(1).max(64).optional().describe('An item id: designs aligned to it.'),
  language: LocaleSchema.optional(),
  template: TemplateSchema.optional(),
  cursor: z.string().max(500).optional().describe('The nextCursor of the previous page.'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListDesignsQuery = z.infer<typeof ListDesignsQuery>;

export const TemplatesQuery = z.strictObject({ language: LocaleSchema.optional() });

const PersonName = z.object({ id: z.string(), name: z.string() });

export const DesignSummary = z.object({
  id: z.string(),
  title: z.string(),
  subject: z.string(),
  grade: z.string(),
  language: LocaleSchema,
  template: TemplateSchema.nullable(),
  sharing: SharingSchema,
  sharedAt: z.string().nullable(),
  currentVersion: z.number().int(),
  author: PersonName,
  coAuthor: PersonName.nullable(),
  schoolName: z.string(),
  updatedAt: z.string(),
  createdAt: z.string(),
});
export type DesignSummary = z.infer<typeof DesignSummary>;

export const DesignsPage = z.object({ items: z.array(DesignSummary), nextCursor: z.string().nullable() });

export const CompetencyOfVersion = z.object({
  itemId: z.string(),
  levelCode: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  levelTitle: z.string(),
});

export const DesignVersion = z.object({
  version: z.number().int(),
  frameworkId: z.string(),
  /** False once the standard it was aligned to is superseded: the next save must use the current one. */
  frameworkCurrent: z.boolean(),
  content: DesignContent,
  competencies: z.array(CompetencyOfVersion),
  totalMinutes: z.number().int(),
  createdBy: PersonName.nullable(),
  createdAt: z.string(),
});

export const DesignComment = z.object({
  id: z.string(),
  version: z.number().int(),
  author: PersonName,
  body: z.string(),
  createdAt: z.string(),
});

export const DesignDetail = DesignSummary.extend({
  current: DesignVersion,
  versions: z.array(z.object({ version: z.number().int(), createdBy: PersonName.nullable(), createdAt: z.string() })),
  comments: z.array(DesignComment),
  /** What the reader may do here. */
  canEdit: z.boolean(),
  canComment: z.boolean(),
});
export type DesignDetail = z.infer<typeof DesignDetail>;

export const Template = z.object({
  key: TemplateSchema,
  language: LocaleSchema,
  name: z.string(),
  summary: z.string(),
  content: DesignContent,
});
export const TemplateList = z.object({ items: z.array(Template) });

/** The current standard, as a design is aligned to it: competencies and the levels to choose. */
export const DesignStandard = z.object({
  frameworkId: z.string(),
  levels: z.array(z.object({ code: z.string(), title: z.string() })),
  competencies: z.array(z.object({ id: z.string(), code: z.string(), title: z.string(), aspect: z.string() })),
});

export const Colleagues = z.object({ items: z.array(PersonName) });
