import { z } from 'zod';
import type { ZodApp } from '../../http/app.ts';
import { tableCsv } from '../../shared/csv.ts';
import { xlsxBytes } from '../../shared/xlsx.ts';
import { competencyDashboard, dashboardTable, policyAlignment } from './dashboard.service.ts';
import { indicatorDashboard, indicatorTable, logframe, recordActuals, thisYear } from './indicators.figures.ts';
import {
  Alignment,
  Indicator,
  IndicatorDashboard,
  IndicatorDashboardQuery,
  IndicatorInput,
  Logframe,
  Objective,
  ObjectiveInput,
  RecordActualsInput,
  TargetsInput,
  TargetsView,
} from './indicators.schemas.ts';
import {
  createIndicator,
  createObjective,
  getTargets,
  listIndicators,
  setTargets,
  updateIndicator,
} from './indicators.service.ts';
import { Dashboard, DashboardQuery, TeacherLevels, TeacherLevelsQuery } from './monitoring.schemas.ts';
import { unitReportPdf } from './report.pdf.ts';
import { teacherLevels } from './teachers.service.ts';

const tags = ['monitoring'];
const IdParams = z.strictObject({ id: z.string().min(1).max(64) });
const UnitYear = IndicatorDashboardQuery.omit({ sex: true });
const AlignmentQuery = z.strictObject({
  unitId: z.string().min(1).max(64).optional(),
  frameworkId: z.string().min(1).max(64).optional(),
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename="${name}"`;

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
    '/api/dashboards/competencies/teachers',
    {
      schema: {
        tags,
        querystring: TeacherLevelsQuery,
        response: { 200: TeacherLevels },
        description:
          "The drill-down's last step: the teachers placed in a unit by name, with each competency's level. Needs assessment.read over the unit (school leaders, assessors, trainers); officers see group figures only.",
      },
    },
    (req) => teacherLevels(req.ctx, req.query),
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
        .header('content-disposition', attachment('competencies-dashboard.csv'))
        .send(tableCsv(dashboardTable(await competencyDashboard(req.ctx, req.query)))),
  );
  app.get(
    '/api/dashboards/competencies/export.xlsx',
    { schema: { tags, querystring: DashboardQuery, description: 'The same table as an Excel workbook.' } },
    async (req, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', attachment('competencies-dashboard.xlsx'))
        .send(
          await xlsxBytes([
            { name: 'Competencies', rows: dashboardTable(await competencyDashboard(req.ctx, req.query)) },
          ]),
        ),
  );

  app.get(
    '/api/indicators',
    {
      schema: { tags, response: { 200: z.array(Indicator) }, description: 'The indicators of the roadmap, in order.' },
    },
    (req) => listIndicators(req.ctx),
  );
  app.post(
    '/api/indicators',
    {
      schema: {
        tags,
        body: IndicatorInput,
        response: { 201: Indicator },
        description: 'Defines an indicator over Pathway facts (indicators.write at the top unit).',
      },
    },
    async (req, reply) => reply.code(201).send(await createIndicator(req.ctx, req.body)),
  );
  app.put(
    '/api/indicators/:id',
    { schema: { tags, params: IdParams, body: IndicatorInput, response: { 200: Indicator } } },
    (req) => updateIndicator(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/indicators/:id/targets',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: z.strictObject({ unitId: z.string().min(1).max(64) }),
        response: { 200: TargetsView },
        description: "A unit's baseline and targets, and the targets in effect there (its own or inherited).",
      },
    },
    (req) => getTargets(req.ctx, req.params.id, req.query.unitId),
  );
  app.put(
    '/api/indicators/:id/targets',
    {
      schema: {
        tags,
        params: IdParams,
        body: TargetsInput,
        response: { 200: TargetsView },
        description: "Replaces a unit's baseline and yearly targets (targets.write at that unit).",
      },
    },
    (req) => setTargets(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/indicators/actuals',
    {
      schema: {
        tags,
        body: RecordActualsInput,
        response: { 200: z.object({ year: z.number().int(), recorded: z.number().int() }) },
        description: "Records a closed year's figures for every indicator and unit (indicators.write at the top).",
      },
    },
    (req) => recordActuals(req.ctx, req.body.year),
  );

  app.get(
    '/api/dashboards/indicators',
    {
      schema: {
        tags,
        querystring: IndicatorDashboardQuery,
        response: { 200: IndicatorDashboard },
        description:
          'Headline indicators of a unit for a roadmap year against target, with the progress line, child units and breakdowns; groups under 5 teachers are suppressed.',
      },
    },
    (req) => indicatorDashboard(req.ctx, req.query),
  );
  app.get(
    '/api/dashboards/indicators/export.csv',
    { schema: { tags, querystring: IndicatorDashboardQuery, description: 'The indicators table as CSV.' } },
    async (req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment('indicators.csv'))
        .send(tableCsv(indicatorTable(await indicatorDashboard(req.ctx, req.query)))),
  );
  app.get(
    '/api/dashboards/indicators/export.xlsx',
    { schema: { tags, querystring: IndicatorDashboardQuery, description: 'The indicators table as a workbook.' } },
    async (req, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', attachment('indicators.xlsx'))
        .send(
          await xlsxBytes([{ name: 'Indicators', rows: indicatorTable(await indicatorDashboard(req.ctx, req.query)) }]),
        ),
  );

  app.get(
    '/api/reports/unit.pdf',
    {
      schema: {
        tags,
        querystring: UnitYear,
        description:
          "A unit's indicators for a roadmap year as a PDF for evaluation meetings (figures, targets, status, progress charts, units below), in the reader's language.",
      },
    },
    async (req, reply) =>
      reply
        .type('application/pdf')
        .header('content-disposition', attachment(`monitoring-report-${req.query.year ?? thisYear()}.pdf`))
        .send(await unitReportPdf(req.ctx, req.query)),
  );

  app.get(
    '/api/logframe',
    {
      schema: {
        tags,
        querystring: UnitYear,
        response: { 200: Logframe },
        description: 'Objectives > indicators with baseline, target, actual and means of verification.',
      },
    },
    (req) => logframe(req.ctx, req.query),
  );
  app.post(
    '/api/logframe/objectives',
    { schema: { tags, body: ObjectiveInput, response: { 201: Objective } } },
    async (req, reply) => reply.code(201).send(await createObjective(req.ctx, req.body)),
  );
  app.get(
    '/api/dashboards/alignment',
    {
      schema: {
        tags,
        querystring: AlignmentQuery,
        response: { 200: Alignment },
        description: 'Policy goals > competencies > the share of teachers at or above the target level.',
      },
    },
    (req) => policyAlignment(req.ctx, req.query),
  );
}
