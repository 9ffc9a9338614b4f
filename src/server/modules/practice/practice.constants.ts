/** The classroom ICT-use instrument of a lesson observation: its codes, translated in the web app. */

/** Who used ICT during the lesson. */
export const ICT_USERS = ['teacher', 'students'] as const;
export type IctUser = (typeof ICT_USERS)[number];

/** What ICT was used for, from teacher-centred display to students making and working together. */
export const ICT_PURPOSES = ['presentation', 'drill', 'inquiry', 'creation', 'collaboration', 'communication'] as const;
export type IctPurpose = (typeof ICT_PURPOSES)[number];

/**
 * How student-centred the lesson was, 1..4, each step with a descriptor the observer reads
 * (web catalogues: practice.centredness.<n>.title and .descriptor):
 * 1 teacher-led (students watch and listen), 2 guided practice (students follow set steps),
 * 3 student-active (students investigate or make with some choice), 4 student-led (students
 * pose questions, choose tools and share what they made).
 */
export const STUDENT_CENTREDNESS = [1, 2, 3, 4] as const;

/** Coaching cycle stages; `closed` ends a cycle from any stage. */
export const CYCLE_STATUSES = ['planned', 'observed', 'reflected', 'followed_up', 'closed'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

/** A cycle runs over a term: its lesson falls between today and this many months ahead. */
export const CYCLE_TERM_MONTHS = 6;

/** From this step of the scale on, with students using ICT, a lesson counts as student-centred ICT use. */
export const STUDENT_CENTRED_FROM = 3;

/**
 * The school term a day falls in, as `YYYY-T1` (January to April), `YYYY-T2` (May to August) or
 * `YYYY-T3` (September to December). The pilot countries' school years start in different months
 * (Nepal in April, the Philippines in June or August, Uzbekistan in September), so Pathway counts
 * "this term" by calendar thirds that every tenant shares; indicators compare like with like.
 */
export function termOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-T${Math.floor((month - 1) / 4) + 1}`;
}
