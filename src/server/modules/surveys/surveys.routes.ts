import type { Database } from '../../db/database.ts';
import type { ZodApp } from '../../http/app.ts';
import { compareRoutes } from './compare.routes.ts';
import { effectRoutes } from './effect.routes.ts';
import { evaluationRoutes } from './evaluation.routes.ts';
import { paperRoutes } from './paper.routes.ts';
import { questionnaireRoutes } from './questionnaires.routes.ts';
import { resultExportRoutes } from './results.routes.ts';
import { roundRoutes } from './rounds.routes.ts';

/**
 * Surveys and the evaluation of training: questionnaires, rounds sent to a population with their
 * invitations and answers, results, and the effect of training on confirmed competence.
 * Each part registers its routes here.
 */
export function surveyRoutes(app: ZodApp, database: Database) {
  for (const register of SURVEY_PARTS) register(app, database);
}

const SURVEY_PARTS: ((app: ZodApp, database: Database) => void)[] = [
  questionnaireRoutes,
  roundRoutes,
  resultExportRoutes,
  paperRoutes,
  effectRoutes,
  evaluationRoutes,
  compareRoutes,
];
