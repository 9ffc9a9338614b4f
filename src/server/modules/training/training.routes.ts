import type { ZodApp } from '../../http/app.ts';
import { catalogueRoutes } from './catalogue.routes.ts';
import { enrolmentRoutes } from './enrolment.routes.ts';
import { offeringsRoutes } from './offerings.routes.ts';
import { plansRoutes } from './plans.routes.ts';
import { recordsRoutes } from './records.routes.ts';
import { resultsRoutes } from './results.routes.ts';

/** Every training route: the catalogue, offerings, enrolment, results, records and development plans. */
export function trainingRoutes(app: ZodApp) {
  resultsRoutes(app);
  catalogueRoutes(app);
  offeringsRoutes(app);
  enrolmentRoutes(app);
  recordsRoutes(app);
  plansRoutes(app);
}
