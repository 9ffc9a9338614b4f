import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { tableCsv } from '../../shared/csv.ts';
import { thisYear } from '../../shared/ids.ts';
import { xlsxBytes } from '../../shared/xlsx.ts';
import { competencyDashboard, competencyTrend, dashboardTable, policyAlignment } from './dashboard.service.ts';
import { indicatorDashboard, indicatorTable, logframe, recordActuals } from './indicators.figures.ts';
import {
  createIndicator,
  createObjective,
  getTargets,
  listIndicators,
  setTargets,
  updateIndicator,
} from './indicators.service.ts';
import { monitoringApi } from './monitoring.api.ts';
import { unitReportPdf } from './report.pdf.ts';
import { teacherLevels } from './teachers.service.ts';

const tags = ['monitoring'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename="${name}"`;

export function monitoringRoutes(app: ZodApp) {
  route(app, monitoringApi, 'GET /api/dashboards/competencies', { tags }, (req) =>
    competencyDashboard(req.ctx, req.query),
  );
  route(app, monitoringApi, 'GET /api/dashboards/competencies/trend', { tags }, (req) =>
    competencyTrend(req.ctx, req.query),
  );
  route(app, monitoringApi, 'GET /api/dashboards/competencies/teachers', { tags }, (req) =>
    teacherLevels(req.ctx, req.query),
  );
  route(app, monitoringApi, 'GET /api/dashboards/competencies/export.csv', { tags }, async (req, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachment('competencies-dashboard.csv'))
      .send(tableCsv(dashboardTable(await competencyDashboard(req.ctx, req.query), req.ctx.locale))),
  );
  route(app, monitoringApi, 'GET /api/dashboards/competencies/export.xlsx', { tags }, async (req, reply) =>
    reply
      .type(XLSX)
      .header('content-disposition', attachment('competencies-dashboard.xlsx'))
      .send(
        await xlsxBytes([
          { name: 'Competencies', rows: dashboardTable(await competencyDashboard(req.ctx, req.query), req.ctx.locale) },
        ]),
      ),
  );

  route(app, monitoringApi, 'GET /api/indicators', { tags }, (req) => listIndicators(req.ctx));
  route(app, monitoringApi, 'POST /api/indicators', { tags }, async (req, reply) =>
    reply.code(201).send(await createIndicator(req.ctx, req.body)),
  );
  route(app, monitoringApi, 'PUT /api/indicators/:id', { tags }, (req) =>
    updateIndicator(req.ctx, req.params.id, req.body),
  );
  route(app, monitoringApi, 'GET /api/indicators/:id/targets', { tags }, (req) =>
    getTargets(req.ctx, req.params.id, req.query.unitId),
  );
  route(app, monitoringApi, 'PUT /api/indicators/:id/targets', { tags }, (req) =>
    setTargets(req.ctx, req.params.id, req.body),
  );
  route(app, monitoringApi, 'POST /api/indicators/actuals', { tags }, (req) => recordActuals(req.ctx, req.body.year));

  route(app, monitoringApi, 'GET /api/dashboards/indicators', { tags }, (req) =>
    indicatorDashboard(req.ctx, req.query),
  );
  route(app, monitoringApi, 'GET /api/dashboards/indicators/export.csv', { tags }, async (req, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachment('indicators.csv'))
      .send(tableCsv(indicatorTable(await indicatorDashboard(req.ctx, req.query), req.ctx.locale))),
  );
  route(app, monitoringApi, 'GET /api/dashboards/indicators/export.xlsx', { tags }, async (req, reply) =>
    reply
      .type(XLSX)
      .header('content-disposition', attachment('indicators.xlsx'))
      .send(
        await xlsxBytes([
          { name: 'Indicators', rows: indicatorTable(await indicatorDashboard(req.ctx, req.query), req.ctx.locale) },
        ]),
      ),
  );

  route(app, monitoringApi, 'GET /api/reports/unit.pdf', { tags }, async (req, reply) =>
    reply
      .type('application/pdf')
      .header('content-disposition', attachment(`monitoring-report-${req.query.year ?? thisYear()}.pdf`))
      .send(await unitReportPdf(req.ctx, req.query)),
  );

  route(app, monitoringApi, 'GET /api/logframe', { tags }, (req) => logframe(req.ctx, req.query));
  route(app, monitoringApi, 'POST /api/logframe/objectives', { tags }, async (req, reply) =>
    reply.code(201).send(await createObjective(req.ctx, req.body)),
  );
  route(app, monitoringApi, 'GET /api/dashboards/alignment', { tags }, (req) => policyAlignment(req.ctx, req.query));
}
