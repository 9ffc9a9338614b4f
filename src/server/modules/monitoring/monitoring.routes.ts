import type { ZodApp } from '../../http/app.ts';
import { competencyDashboard, dashboardCsv } from './dashboard.service.ts';
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
  app.get(
    '/api/dashboards/competencies/export.csv',
    {
      schema: {
        tags,
        querystring: DashboardQuery,
        description: 'The same table as CSV for a spreadsheet; suppressed figures are empty.',
      },
    },
    async (req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="competencies-dashboard.csv"')
        .send(await dashboardCsv(req.ctx, req.query)),
  );
}
