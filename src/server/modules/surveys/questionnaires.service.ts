import { hasPermissionAnywhere, requireScope } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { LOCALES, type Locale } from '../../shared/catalogues.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import type { LocalizedText } from '../../shared/text.ts';
import { copyHistory, trackEdits } from '../translations/translations.tracking.ts';
import * as repo from './questionnaires.repo.ts';
import type {
  CreateSurveyInput,
  ListSurveysQuery,
  Purpose,
  SurveyDetail,
  SurveyStatus,
  SurveySummary,
  TemplateKey,
  UpdateSurveyInput,
} from './questionnaires.schemas.ts';
import { questionnaireTexts } from './questionnaires.translatable.ts';
import { Definition, questionsOf } from './surveys.definition.ts';
import { surveyTemplate } from './templates/index.ts';

const ENTITY = 'survey';

const canManage = (ctx: Ctx) => hasPermissionAnywhere(ctx, 'surveys.manage');

/** Questionnaires are national: managing them needs surveys.manage somewhere, not at a given unit. */
function requireManager(ctx: Ctx) {
  requireScope(ctx, 'surveys.manage');
}

/** Every text of a questionnaire with where it is: what completeness counts and publishing checks. */
export function textsOf(s: { title: LocalizedText; description: LocalizedText; definition: Definition }) {
  const texts: { path: string; text: LocalizedText }[] = [{ path: 'title', text: s.title }];
  if (Object.keys(s.description).length > 0) texts.push({ path: 'description', text: s.description });
  for (const [i, section] of s.definition.sections.entries()) {
    const at = `definition.sections.${i}`;
    texts.push({ path: `${at}.title`, text: section.title });
    for (const [j, q] of section.questions.entries()) {
      const qa = `${at}.questions.${j}`;
      texts.push({ path: `${qa}.text`, text: q.text });
      if (q.help) texts.push({ path: `${qa}.help`, text: q.help });
      for (const [k, c] of q.choices.entries()) texts.push({ path: `${qa}.choices.${k}.label`, text: c.label });
      for (const [k, r] of q.rows.entries()) texts.push({ path: `${qa}.rows.${k}.label`, text: r.label });
    }
  }
  return texts;
}

const given = (text: LocalizedText, locale: string) => Boolean(text[locale]?.trim());

/** The share of texts given in each language, 0..1, rounded to a thousandth. */
export function languageCompleteness(texts: { text: LocalizedText }[]): Record<Locale, number> {
  return Object.fromEntries(
    LOCALES.map((l) => [
      l,
      texts.length ? Math.round((texts.filter((t) => given(t.text, l)).length / texts.length) * 1000) / 1000 : 0,
    ]),
  ) as Record<Locale, number>;
}

interface Parsed {
  row: repo.SurveyRow;
  title: LocalizedText;
  description: LocalizedText;
  definition: Definition;
}

function parse(row: repo.SurveyRow): Parsed {
  return {
    row,
    title: JSON.parse(row.title),
    description: JSON.parse(row.description),
    definition: Definition.parse(JSON.parse(row.definition)),
  };
}

function toSummary(p: Parsed): SurveySummary {
  const r = p.row;
  return {
    id: r.id,
    familyId: r.family_id,
    version: r.version,
    code: r.code,
    title: p.title,
    description: p.description,
    sourceLocale: r.source_locale as Locale,
    purpose: r.purpose as Purpose,
    status: r.status as SurveyStatus,
    completeness: languageCompleteness(textsOf(p)),
    questionCount: questionsOf(p.definition).length,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
  };
}

/** A version the reader may see: drafts only managers; anything else is "not found". */
async function requireSurvey(ctx: Ctx, id: string): Promise<Parsed> {
  const row = await repo.getSurvey(ctx.db, ctx.tenantId, id);
  if (!row || (row.status === 'draft' && !canManage(ctx))) throw notFound(ENTITY, id);
  return parse(row);
}

/** One questionnaire as it is used by the other parts of the module (rounds, answers, results). */
export async function readSurvey(ctx: Ctx, id: string) {
  const p = await requireSurvey(ctx, id);
  return { ...toSummary(p), definition: p.definition };
}

export async function listSurveys(ctx: Ctx, query: ListSurveysQuery) {
  const rows = await repo.listLatest(ctx.db, ctx.tenantId, { withDrafts: canManage(ctx), ...query });
  return { items: rows.map((r) => toSummary(parse(r))) };
}

export async function getSurvey(ctx: Ctx, id: string): Promise<SurveyDetail> {
  const p = await requireSurvey(ctx, id);
  const manager = canManage(ctx);
  const versions = await repo.familyVersions(ctx.db, ctx.tenantId, p.row.family_id);
  return {
    ...toSummary(p),
    definition: p.definition,
    versions: versions
      .filter((v) => manager || v.status !== 'draft')
      .map((v) => ({ id: v.id, version: v.version, status: v.status as SurveyStatus })),
    canManage: manager,
  };
}

async function requireFreeCode(ctx: Ctx, code: string) {
  const holder = await repo.codeHolder(ctx.db, ctx.tenantId, code);
  if (holder)
    throw new AppError('duplicate_code', `Another questionnaire already has the code ${code}.`, {
      field: 'body.code',
      code,
      surveyId: holder.id,
    });
}

async function insertDraft(ctx: Ctx, input: CreateSurveyInput, audit: { action: string; extra?: object }) {
  return inTransaction(ctx, async (tx) => {
    requireManager(tx);
    await requireFreeCode(tx, input.code);
    const at = nowIso();
    const id = newId();
    const row = {
      tenant_id: tx.tenantId,
      id,
      family_id: id,
      version: 1,
      code: input.code,
      title: JSON.stringify(input.title),
      description: JSON.stringify(input.description),
      source_locale: input.sourceLocale,
      purpose: input.purpose,
      definition: JSON.stringify(input.definition),
      status: 'draft',
      created_by_account_id: tx.actor.accountId,
      created_at: at,
      updated_at: at,
      published_at: null,
    };
    await repo.insertSurvey(tx.db, row);
    await recordAudit(tx.db, tx, audit.action, { type: ENTITY, id }, null, { ...input, ...audit.extra, version: 1 });
    return id;
  });
}

export async function createSurvey(ctx: Ctx, input: CreateSurveyInput): Promise<SurveyDetail> {
  const id = await insertDraft(ctx, input, { action: 'survey.create' });
  return getSurvey(ctx, id);
}

export async function createFromTemplate(ctx: Ctx, key: TemplateKey, code?: string): Promise<SurveyDetail> {
  requireManager(ctx);
  const template = surveyTemplate(key);
  const id = await insertDraft(
    ctx,
    {
      code: code ?? template.code,
      title: template.title,
      description: template.description,
      sourceLocale: template.sourceLocale,
      purpose: template.purpose,
      definition: Definition.parse(template.definition),
    },
    { action: 'survey.create', extra: { template: key } },
  );
  return getSurvey(ctx, id);
}

function publishedAlready(p: Parsed) {
  return new AppError(
    'survey_published',
    `Version ${p.row.version} of ${p.row.code} is ${p.row.status}; only a draft changes. Create a new version.`,
    { surveyId: p.row.id, status: p.row.status },
  );
}

export async function updateSurvey(ctx: Ctx, id: string, input: UpdateSurveyInput): Promise<SurveyDetail> {
  await inTransaction(ctx, async (tx) => {
    const before = await requireSurvey(tx, id);
    requireManager(tx);
    if (before.row.status !== 'draft') throw publishedAlready(before);
    const fields = {
      title: JSON.stringify(input.title),
      description: JSON.stringify(input.description),
      source_locale: input.sourceLocale,
      purpose: input.purpose,
      definition: JSON.stringify(input.definition),
      updated_at: nowIso(),
    };
    if (!(await trackEdits(tx, questionnaireTexts, id, () => repo.updateDraft(tx.db, tx.tenantId, id, fields))))
      throw publishedAlready(before);
    await recordAudit(
      tx.db,
      tx,
      'survey.update',
      { type: ENTITY, id },
      {
        title: before.title,
        description: before.description,
        sourceLocale: before.row.source_locale,
        purpose: before.row.purpose,
        definition: before.definition,
      },
      input,
    );
  });
  return getSurvey(ctx, id);
}

/** Texts not given in the questionnaire's source language, by path. */
export function missingInSource(
  p: { title: LocalizedText; description: LocalizedText; definition: Definition },
  locale: string,
) {
  return textsOf(p)
    .filter((t) => !given(t.text, locale))
    .map((t) => t.path);
}

export async function publishSurvey(ctx: Ctx, id: string): Promise<SurveyDetail> {
  await inTransaction(ctx, async (tx) => {
    const p = await requireSurvey(tx, id);
    requireManager(tx);
    if (p.row.status !== 'draft') throw publishedAlready(p);
    const missing = missingInSource(p, p.row.source_locale);
    if (missing.length > 0)
      throw new AppError(
        'survey_incomplete',
        `${missing.length} text(s) are not given in the source language ${p.row.source_locale}.`,
        { surveyId: id, locale: p.row.source_locale, paths: missing },
      );
    const at = nowIso();
    if (
      !(await repo.setStatus(tx.db, tx.tenantId, id, 'draft', {
        status: 'published',
        published_at: at,
        updated_at: at,
      }))
    )
      throw publishedAlready(p);
    const retired = await repo.retireOthers(tx.db, tx.tenantId, p.row.family_id, id, at);
    await recordAudit(
      tx.db,
      tx,
      'survey.publish',
      { type: ENTITY, id },
      { status: 'draft' },
      { status: 'published', publishedAt: at, retired: retired.map((r) => r.id) },
    );
  });
  return getSurvey(ctx, id);
}

export async function newVersion(ctx: Ctx, id: string): Promise<SurveyDetail> {
  const newId_ = await inTransaction(ctx, async (tx) => {
    const p = await requireSurvey(tx, id);
    requireManager(tx);
    const versions = await repo.familyVersions(tx.db, tx.tenantId, p.row.family_id);
    const draft = versions.find((v) => v.status === 'draft');
    if (draft)
      throw new AppError('survey_draft_exists', `${p.row.code} has a draft (version ${draft.version}) already.`, {
        surveyId: draft.id,
        version: draft.version,
      });
    const at = nowIso();
    const version = Math.max(...versions.map((v) => v.version)) + 1;
    const row = {
      tenant_id: tx.tenantId,
      id: newId(),
      family_id: p.row.family_id,
      version,
      code: p.row.code,
      title: p.row.title,
      description: p.row.description,
      source_locale: p.row.source_locale,
      purpose: p.row.purpose,
      definition: JSON.stringify(p.definition),
      status: 'draft',
      created_by_account_id: tx.actor.accountId,
      created_at: at,
      updated_at: at,
      published_at: null,
    };
    await repo.insertSurvey(tx.db, row);
    await copyHistory(tx, questionnaireTexts.type, id, row.id);
    await recordAudit(tx.db, tx, 'survey.new_version', { type: ENTITY, id: row.id }, null, {
      familyId: row.family_id,
      version,
      copiedFrom: id,
    });
    return row.id;
  });
  return getSurvey(ctx, newId_);
}

export async function retireSurvey(ctx: Ctx, id: string): Promise<SurveyDetail> {
  await inTransaction(ctx, async (tx) => {
    const p = await requireSurvey(tx, id);
    requireManager(tx);
    const refuse = () =>
      new AppError('invalid_transition', `Only a published questionnaire is retired; this one is ${p.row.status}.`, {
        surveyId: id,
        status: p.row.status,
      });
    if (p.row.status !== 'published') throw refuse();
    const at = nowIso();
    if (!(await repo.setStatus(tx.db, tx.tenantId, id, 'published', { status: 'retired', updated_at: at })))
      throw refuse();
    await recordAudit(tx.db, tx, 'survey.retire', { type: ENTITY, id }, { status: 'published' }, { status: 'retired' });
  });
  return getSurvey(ctx, id);
}
