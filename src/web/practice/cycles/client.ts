// The coaching routes through the typed client (api/routes.ts), and the shapes this area shows.
import type { z } from 'zod';
import type {
  Coachee as CoacheeSchema,
  Cycle as CycleSchema,
  LessonObservation as ObservationSchema,
} from '../../../server/modules/practice/cycles.schemas.ts';
import type { ApiInput, ApiKey } from '../../api/routes.ts';

export { call, queryKey, useApiQuery } from '../../api/routes.ts';
export type Input<K extends ApiKey> = ApiInput<K>;
export type Cycle = z.output<typeof CycleSchema>;
export type Observation = z.output<typeof ObservationSchema>;
export type Coachee = z.output<typeof CoacheeSchema>;
