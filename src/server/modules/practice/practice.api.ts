import type { cyclesApi } from './cycles.api.ts';
import type { designsApi } from './designs.api.ts';
import type { followThroughApi } from './followthrough.api.ts';
import type { partnershipsApi } from './partnerships.api.ts';
import type { schoolPlansApi } from './schoolplans.api.ts';
import type { schoolReviewsApi } from './schoolreviews.api.ts';

/** Every practice route, for the web client's route map. */
export type PracticeApi = typeof designsApi &
  typeof partnershipsApi &
  typeof cyclesApi &
  typeof followThroughApi &
  typeof schoolReviewsApi &
  typeof schoolPlansApi;
