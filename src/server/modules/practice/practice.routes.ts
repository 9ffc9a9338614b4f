import type { ZodApp } from '../../http/app.ts';
import { cycleRoutes } from './cycles.routes.ts';
import { designRoutes } from './designs.routes.ts';
import { followThroughRoutes } from './followthrough.routes.ts';
import { partnershipRoutes } from './partnerships.routes.ts';
import { schoolPlanRoutes } from './schoolplans.routes.ts';
import { schoolReviewRoutes } from './schoolreviews.routes.ts';

/** Classroom practice: activity designs, partnerships and coaching, coaching cycles with lesson observations, follow-through, school self-reviews and ICT plans. */
export function practiceRoutes(app: ZodApp) {
  designRoutes(app);
  partnershipRoutes(app);
  cycleRoutes(app);
  followThroughRoutes(app);
  schoolReviewRoutes(app);
  schoolPlanRoutes(app);
}
