/**
 * The training services in one namespace, for callers that use several of them at once (the demo
 * seeder, test factories, tests that run a course from catalogue to results). Code that needs one
 * part imports its file: catalogue, offerings, enrolment or results.
 */
export * from './catalogue.service.ts';
export * from './enrolment.service.ts';
export * from './offerings.service.ts';
export * from './results.service.ts';
