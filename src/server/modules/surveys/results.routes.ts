import type { Database } from '../../db/database.ts';
import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { resultExportsApi } from './results.api.ts';
import { exportName, resultsCsv, resultsXlsx, textsCsv } from './results.export.ts';
import { resultsPdf } from './results.pdf.ts';

const tags = ['surveys'];
const CSV = 'text/csv; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename="${name}"`;

// Each file is made before the headers are set, so a refusal answers as JSON, not as a download.
export function resultExportRoutes(app: ZodApp, _database: Database) {
  route(app, resultExportsApi, 'GET /api/surveys/rounds/:roundId/results.csv', { tags }, async (req, reply) => {
    const csv = await resultsCsv(req.ctx, req.params.roundId, req.query);
    const name = exportName(req.params.roundId, { ...req.query, kind: 'results' }, 'csv');
    return reply.type(CSV).header('content-disposition', attachment(name)).send(csv);
  });
  route(app, resultExportsApi, 'GET /api/surveys/rounds/:roundId/results.xlsx', { tags }, async (req, reply) => {
    const xlsx = await resultsXlsx(req.ctx, req.params.roundId, req.query);
    const name = exportName(req.params.roundId, { ...req.query, kind: 'results' }, 'xlsx');
    return reply.type(XLSX).header('content-disposition', attachment(name)).send(xlsx);
  });
  route(app, resultExportsApi, 'GET /api/surveys/rounds/:roundId/results.pdf', { tags }, async (req, reply) => {
    const pdf = await resultsPdf(req.ctx, req.params.roundId, req.query);
    const name = exportName(req.params.roundId, { ...req.query, kind: 'results' }, 'pdf');
    return reply.type('application/pdf').header('content-disposition', attachment(name)).send(pdf);
  });
  route(app, resultExportsApi, 'GET /api/surveys/rounds/:roundId/texts.csv', { tags }, async (req, reply) => {
    const csv = await textsCsv(req.ctx, req.params.roundId, req.query);
    const name = exportName(req.params.roundId, { ...req.query, kind: 'texts' }, 'csv');
    return reply.type(CSV).header('content-disposition', attachment(name)).send(csv);
  });
}
