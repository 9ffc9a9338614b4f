import { z } from 'zod';
import { ResolvedTextSchema as Resolved } from '../org/org.schemas.ts';

const Id = z.string().min(1).max(64);
const Day = z.iso.date();

/** A partnership runs for at most this many years; agreements are renewed, not left open. */
export const MAX_PARTNERSHIP_YEARS = 5;
/** People placed at the host who may be named its coaches. */
export const COACH_CATEGORIES = ['trainer', 'assessor'] as const;
export const PARTNERSHIP_STATUSES = ['upcoming', 'active', 'ended'] as const;

export const PartnershipParams = z.object({ partnershipId: Id });
export const CoverageParams = z.object({ unitId: Id });
export const AssignmentParams = z.object({ assignmentId: Id });

const PartnershipFields = {
  teiUnitId: Id.describe('The teacher-education institution or resource centre that hosts the partnership.'),
  title: z.string().trim().min(1).max(200),
  focus: z.string().trim().min(1).max(2000).describe('What the partners work on together.'),
  startsOn: Day,
  endsOn: Day,
  schoolIds: z.array(Id).min(1).max(200),
  coachIds: z.array(Id).min(1).max(100).describe('People placed at the host (trainers or assessors).'),
};
export const CreatePartnershipBody = z.strictObject(PartnershipFields);
export type CreatePartnershipInput = z.infer<typeof CreatePartnershipBody>;
export const UpdatePartnershipBody = z.strictObject(PartnershipFields).partial();
export type UpdatePartnershipInput = z.infer<typeof UpdatePartnershipBody>;

export const ListPartnershipsQuery = z.strictObject({
  status: z.enum([...PARTNERSHIP_STATUSES, 'all']).default('all'),
  unitId: Id.optional().describe('Only partnerships with a school under this unit, or hosted under it.'),
});

const Host = z.object({ id: z.string(), name: Resolved, type: z.enum(['tei', 'resource_centre']) });

export const PartnershipSummary = z.object({
  id: z.string(),
  title: z.string(),
  focus: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(PARTNERSHIP_STATUSES),
  host: Host,
  schoolCount: z.number().int(),
  coachCount: z.number().int(),
});
export type PartnershipSummary = z.infer<typeof PartnershipSummary>;

export const Partnership = PartnershipSummary.extend({
  schools: z.array(
    z.object({
      id: z.string(),
      name: Resolved,
      teachers: z.number().int(),
      cyclesStarted: z.number().int(),
      cyclesCompleted: z.number().int(),
    }),
  ),
  coaches: z.array(z.object({ personId: z.string(), name: z.string() })),
  log: z.array(
    z.object({
      id: z.string(),
      happenedOn: z.string(),
      text: z.string(),
      author: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  can: z.object({ edit: z.boolean(), log: z.boolean() }),
});
export type Partnership = z.infer<typeof Partnership>;

export const LogBody = z.strictObject({
  happenedOn: Day,
  text: z.string().trim().min(1).max(4000),
});
export type LogInput = z.infer<typeof LogBody>;

export const PartnershipOptionsQuery = z.strictObject({
  teiUnitId: Id.optional().describe('The host whose coaches and schools to list.'),
});

export const PartnershipOptions = z.object({
  hosts: z.array(Host),
  coaches: z.array(z.object({ personId: z.string(), name: z.string(), category: z.string() })),
  schools: z.array(z.object({ id: z.string(), name: Resolved, districtName: Resolved.nullable() })),
});

export const CoverageQuery = z.strictObject({
  on: Day.optional().describe('The day coverage is counted on; today when absent.'),
  partner: z.enum(['with', 'without', 'all']).default('all'),
});

export const Coverage = z.object({
  unit: z.object({ id: z.string(), name: Resolved, type: z.string() }),
  on: z.string(),
  schools: z.number().int(),
  withPartner: z.number().int(),
  withoutPartner: z.number().int(),
  areas: z.array(
    z.object({
      id: z.string(),
      name: Resolved,
      type: z.string(),
      schools: z.number().int(),
      withPartner: z.number().int(),
    }),
  ),
  list: z.array(
    z.object({
      id: z.string(),
      name: Resolved,
      teachers: z.number().int(),
      partnerships: z.array(z.object({ id: z.string(), title: z.string(), hostName: Resolved })),
    }),
  ),
  truncated: z.boolean(),
});
export type Coverage = z.infer<typeof Coverage>;

// ---- coach assignments ----

export const CreateAssignmentBody = z.strictObject({
  coachPersonId: Id,
  teacherPersonId: Id,
  startsOn: Day,
  endsOn: Day,
});
export type CreateAssignmentInput = z.infer<typeof CreateAssignmentBody>;

export const ListAssignmentsQuery = z.strictObject({
  personId: Id.optional().describe('Only assignments where this person is the coach or the teacher.'),
});

export const Assignment = z.object({
  id: z.string(),
  coach: z.object({ personId: z.string(), name: z.string() }),
  teacher: z.object({ personId: z.string(), name: z.string() }),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(PARTNERSHIP_STATUSES),
  createdAt: z.string(),
});
export type Assignment = z.infer<typeof Assignment>;
