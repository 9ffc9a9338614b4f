import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';
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
  Dashboard,
  DashboardQuery,
  DashboardTrend,
  DashboardTrendQuery,
  TeacherLevels,
  TeacherLevelsQuery,
} from './monitoring.schemas.ts';

const IdParams = z.strictObject({ id: z.string().min(1).max(64) });
const UnitYear = IndicatorDashboardQuery.omit({ sex: true });
const AlignmentQuery = z.strictObject({
  unitId: z.string().min(1).max(64).optional(),
  frameworkId: z.string().min(1).max(64).optional(),
});

/** Dashboards, indicators and targets, the logframe, exports and the unit report (monitoring.routes.ts). */
export const monitoringApi = {
  'GET /api/dashboards/competencies': {
    querystring: DashboardQuery,
    response: { 200: Dashboard },
    description:
      'A unit and each unit below it: teachers at or above the target level per competency, from live aggregates (a closed year as recorded); groups under 5 teachers are suppressed.',
  },
  'GET /api/dashboards/competencies/trend': {
    querystring: DashboardTrendQuery,
    response: { 200: DashboardTrend },
    description:
      "A unit's headline figures (teachers, assessed, mean share at target) in each recorded year and this year, each as that year's dashboard shows it.",
  },
  'GET /api/dashboards/competencies/teachers': {
    querystring: TeacherLevelsQuery,
    response: { 200: TeacherLevels },
    description:
      "The drill-down's last step: the teachers placed in a unit by name, with each competency's level. Needs assessment.read over the unit (school leaders, assessors, trainers); officers see group figures only.",
  },
  'GET /api/dashboards/competencies/export.csv': {
    querystring: DashboardQuery,
    description: 'The same table as CSV for a spreadsheet; suppressed figures are empty.',
  },
  'GET /api/dashboards/competencies/export.xlsx': {
    querystring: DashboardQuery,
    description: 'The same table as an Excel workbook.',
  },

  'GET /api/indicators': {
    response: { 200: z.array(Indicator) },
    description: 'The indicators of the roadmap, in order.',
  },
  'POST /api/indicators': {
    body: IndicatorInput,
    response: { 201: Indicator },
    description: 'Defines an indicator over Pathway facts (indicators.write at the top unit).',
  },
  'PUT /api/indicators/:id': { params: IdParams, body: IndicatorInput, response: { 200: Indicator } },
  'GET /api/indicators/:id/targets': {
    params: IdParams,
    querystring: z.strictObject({ unitId: z.string().min(1).max(64) }),
    response: { 200: TargetsView },
    description: "A unit's baseline and targets, and the targets in effect there (its own or inherited).",
  },
  'PUT /api/indicators/:id/targets': {
    params: IdParams,
    body: TargetsInput,
    response: { 200: TargetsView },
    description: "Replaces a unit's baseline and yearly targets (targets.write at that unit).",
  },
  'POST /api/indicators/actuals': {
    body: RecordActualsInput,
    response: { 200: z.object({ year: z.number().int(), recorded: z.number().int() }) },
    description: "Records a closed year's figures for every indicator and unit (indicators.write at the top).",
  },

  'GET /api/dashboards/indicators': {
    querystring: IndicatorDashboardQuery,
    response: { 200: IndicatorDashboard },
    description:
      'Headline indicators of a unit for a roadmap year against target, with the progress line, child units and breakdowns; groups under 5 teachers are suppressed.',
  },
  'GET /api/dashboards/indicators/export.csv': {
    querystring: IndicatorDashboardQuery,
    description: 'The indicators table as CSV.',
  },
  'GET /api/dashboards/indicators/export.xlsx': {
    querystring: IndicatorDashboardQuery,
    description: 'The indicators table as a workbook.',
  },

  'GET /api/reports/unit.pdf': {
    querystring: UnitYear,
    description:
      "A unit's indicators for a roadmap year as a PDF for evaluation meetings (figures, targets, status, progress charts, units below), in the reader's language.",
  },

  'GET /api/logframe': {
    querystring: UnitYear,
    response: { 200: Logframe },
    description: 'Objectives > indicators with baseline, target, actual and means of verification.',
  },
  'POST /api/logframe/objectives': { body: ObjectiveInput, response: { 201: Objective } },
  'GET /api/dashboards/alignment': {
    querystring: AlignmentQuery,
    response: { 200: Alignment },
    description: 'Policy goals > competencies > the share of teachers at or above the target level.',
  },
} as const satisfies ApiMap;
