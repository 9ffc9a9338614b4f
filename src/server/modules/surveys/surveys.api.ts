import type { compareApi } from './compare.api.ts';
import type { effectApi } from './effect.api.ts';
import type { evaluationApi } from './evaluation.api.ts';
import type { paperApi } from './paper.api.ts';
import type { QuestionnairesApi } from './questionnaires.api.ts';
import type { resultExportsApi } from './results.api.ts';
import type { roundsApi } from './rounds.api.ts';

/** Every survey route, for the web client's route map: each part's map joined here. */
export type SurveysApi = QuestionnairesApi &
  typeof roundsApi &
  typeof resultExportsApi &
  typeof paperApi &
  typeof effectApi &
  typeof evaluationApi &
  typeof compareApi;
