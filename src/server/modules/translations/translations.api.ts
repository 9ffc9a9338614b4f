import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';
import {
  ApproveBody,
  ExportQuery,
  GlossaryBody,
  GlossaryParams,
  GlossaryTerm,
  ImportResult,
  ObjectParams,
  ObjectTexts,
  Overview,
  Queue,
  QueueQuery,
  RewordBody,
  SaveBody,
  Translator,
  TranslatorAccount,
  TranslatorBody,
  TranslatorParams,
  WordingParams,
  WordingTexts,
} from './translations.schemas.ts';

export const translationsApi = {
  'GET /api/translations': {
    response: { 200: Overview },
    description:
      'Every translatable object with, per language, its texts missing, stale, in draft, in review and approved.',
  },
  'GET /api/translations/queue': {
    querystring: QueueQuery,
    response: { 200: Queue },
    description: 'What waits in the actor’s languages: stale first, then (for reviewers) in review, missing, draft.',
  },
  'GET /api/translations/wording/:id': {
    params: WordingParams,
    response: { 200: WordingTexts },
    description: 'The tenant’s notification or certificate texts in its source language, beside Pathway’s own wording.',
  },
  'PUT /api/translations/wording/:id': {
    params: WordingParams,
    body: RewordBody,
    response: { 200: WordingTexts },
    description:
      'Rewords source texts (a reviewer), all or nothing, keeping each text’s placeholders; their translations become stale. A null text goes back to Pathway’s wording.',
  },
  'GET /api/translations/:type/:id/:locale': { params: ObjectParams, response: { 200: ObjectTexts } },
  'PUT /api/translations/:type/:id/:locale': {
    params: ObjectParams,
    body: SaveBody,
    response: { 200: ObjectTexts },
    description:
      'Saves translations, all or nothing. A translator’s text is a draft or sent for review; a reviewer’s is approved.',
  },
  'POST /api/translations/:type/:id/:locale/approve': {
    params: ObjectParams,
    body: ApproveBody,
    response: { 200: ObjectTexts },
  },
  'GET /api/translations/export': {
    querystring: ExportQuery,
    description: 'An XLIFF 2.0 or gettext PO file of one object or all, in one target language.',
  },
  'POST /api/translations/import': {
    response: { 200: ImportResult },
    description:
      'A translated XLIFF 2.0 or PO file as the request body. Any fault (unknown text, another language, changed source, lost placeholder) rejects the whole file.',
  },
  'GET /api/translations/translators': {
    response: { 200: z.array(TranslatorAccount) },
    description: 'The accounts with the translator role (or given languages before), each with its languages.',
  },
  'PUT /api/translations/translators/:accountId': {
    params: TranslatorParams,
    body: TranslatorBody,
    response: { 200: Translator },
  },
  'GET /api/translations/glossary': { response: { 200: z.array(GlossaryTerm) } },
  'POST /api/translations/glossary': { body: GlossaryBody, response: { 201: GlossaryTerm } },
  'DELETE /api/translations/glossary/:termId': { params: GlossaryParams },
} as const satisfies ApiMap;
