import type { ZodApp } from '../../http/app.ts';
import { competencyDashboard } from './dashboard.service.ts';
import { Dashboard, DashboardQuery } from './monitoring.schemas.ts';

const tags = ['monitoring'];

export function monitoringRoutes(app: ZodApp) {
  app.get(
    '/api/dashboards/competencies',
    {
      schema: {
        tags,
        querystring: DashboardQuery,
        response: { 200: Dashboard },
        description:
          'A unit and each unit below it: teachers at or above the target level per competency, from live aggregates; groups under 5 teachers are suppressed.',
      },
    },
    (req) => competencyDashboard(req.ctx, req.query),
  );
}
