import type { Me } from '../api/types.ts';

type Role = Me['grants'][number]['role'];

/** The role whose work a person sees first: the widest responsibility wins when they hold several. */
const PRECEDENCE: Role[] = [
  'admin',
  'ministry_officer',
  'regional_officer',
  'district_officer',
  'school_leader',
  'assessor',
  'trainer',
  'translator',
  'regional_analyst',
  'teacher',
];

export function primaryRole(me: Me): Role | null {
  return PRECEDENCE.find((role) => me.grants.some((g) => g.role === role)) ?? null;
}

/** Each role's start page and, in order, the navigation items that lead its menu. */
const HOMES: Record<Role, string[]> = {
  admin: ['/org', '/people', '/admin/accounts', '/import'],
  ministry_officer: ['/dashboard', '/indicators', '/org', '/people'],
  regional_officer: ['/dashboard', '/indicators', '/org', '/people'],
  district_officer: ['/dashboard', '/indicators', '/org', '/people'],
  school_leader: ['/my-school', '/dashboard', '/org', '/people'],
  assessor: ['/reviews', '/recognition/approvals', '/org', '/people'],
  trainer: ['/my-offerings', '/coaching', '/follow-through', '/offerings', '/training'],
  translator: ['/translations'],
  regional_analyst: ['/regional'],
  teacher: [
    '/my-learning',
    '/self-assessment',
    '/my-coaching',
    '/designs',
    '/my-plan',
    '/training',
    '/my-transcript',
    '/my-credentials',
  ],
};

export function startPage(me: Me): string {
  const role = primaryRole(me);
  return role ? HOMES[role][0]! : '/account';
}

/** Where a navigation item stands for this person: their role's own work first, the rest as listed. */
export function navRank(me: Me, to: string): number {
  const role = primaryRole(me);
  const index = role ? HOMES[role].indexOf(to) : -1;
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}
