import { z } from 'zod';
import { LocalizedTextSchema } from '../../shared/text.ts';

/**
 * A questionnaire's content: sections of questions, every text multilingual. Question keys are stable
 * within a questionnaire family (a new version keeps them), so rounds of different versions compare.
 */
export const QUESTION_TYPES = [
  'single',
  'multiple',
  'likert',
  'matrix',
  'number',
  'short_text',
  'long_text',
  'date',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const Key = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and underscores, starting with a letter; at most 40');

export const Choice = z.strictObject({ value: Key, label: LocalizedTextSchema });
export type Choice = z.infer<typeof Choice>;

/** Shown only when an earlier question's answer is one of these values (a single or likert answer). */
export const ShowIf = z.strictObject({ question: Key, anyOf: z.array(z.string().min(1).max(40)).min(1).max(20) });

export const Question = z
  .strictObject({
    key: Key,
    type: z.enum(QUESTION_TYPES),
    text: LocalizedTextSchema,
    help: LocalizedTextSchema.optional(),
    required: z.boolean().default(false),
    /** single, multiple: the options. likert, matrix: the points of the scale, first to last. */
    choices: z.array(Choice).max(30).default([]),
    /** matrix: the statements each rated on the scale. */
    rows: z.array(Choice).max(30).default([]),
    /** number: bounds. */
    min: z.number().optional(),
    max: z.number().optional(),
    showIf: ShowIf.optional(),
  })
  .superRefine((q, ctx) => {
    const needsChoices = ['single', 'multiple', 'likert', 'matrix'].includes(q.type);
    if (needsChoices && q.choices.length < 2)
      ctx.addIssue({ code: 'custom', path: ['choices'], message: `A ${q.type} question needs at least two choices.` });
    if (!needsChoices && q.choices.length)
      ctx.addIssue({ code: 'custom', path: ['choices'], message: `A ${q.type} question has no choices.` });
    if (q.type === 'matrix' && q.rows.length < 1)
      ctx.addIssue({ code: 'custom', path: ['rows'], message: 'A matrix needs at least one row.' });
    if (q.type !== 'matrix' && q.rows.length)
      ctx.addIssue({ code: 'custom', path: ['rows'], message: 'Only a matrix has rows.' });
    const values = [...q.choices, ...q.rows].map((c) => c.value);
    if (new Set(q.choices.map((c) => c.value)).size !== q.choices.length)
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'Each choice has its own value.' });
    if (new Set(q.rows.map((c) => c.value)).size !== q.rows.length)
      ctx.addIssue({ code: 'custom', path: ['rows'], message: 'Each row has its own value.' });
    if (values.length > 60) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'Too many choices.' });
    if (q.min !== undefined && q.max !== undefined && q.min > q.max)
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'min must not exceed max.' });
  });
export type Question = z.infer<typeof Question>;

export const Section = z.strictObject({
  key: Key,
  title: LocalizedTextSchema,
  questions: z.array(Question).min(1).max(60),
});
export type Section = z.infer<typeof Section>;

export const Definition = z.strictObject({ sections: z.array(Section).min(1).max(30) }).superRefine((d, ctx) => {
  const seen = new Map<string, Question>();
  for (const [s, section] of d.sections.entries())
    for (const [i, q] of section.questions.entries()) {
      const path = ['sections', s, 'questions', i];
      if (seen.has(q.key))
        ctx.addIssue({ code: 'custom', path: [...path, 'key'], message: `Question key ${q.key} is used twice.` });
      if (q.showIf) {
        const earlier = seen.get(q.showIf.question);
        if (!earlier || !['single', 'likert'].includes(earlier.type))
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'showIf', 'question'],
            message: 'A condition names an earlier single-choice or scale question.',
          });
        else if (q.showIf.anyOf.some((v) => !earlier.choices.some((c) => c.value === v)))
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'showIf', 'anyOf'],
            message: `A condition names a value ${q.showIf.question} does not offer.`,
          });
      }
      seen.set(q.key, q);
    }
});
export type Definition = z.infer<typeof Definition>;
export type DefinitionInput = z.input<typeof Definition>;

/** Every question of a definition, in order. */
export function questionsOf(definition: Definition): Question[] {
  return definition.sections.flatMap((s) => s.questions);
}

/** An answer as the respondent gives it: one value, several, a row-to-value map, or nothing yet. */
export const AnswerValue = z.union([
  z.string().max(4000),
  z.number(),
  z.array(z.string().max(40)).max(30),
  z.record(z.string().max(40), z.string().max(40)),
  z.null(),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;
export type Answers = Record<string, AnswerValue>;

/** Whether a question is shown given the answers so far (its condition holds, or it has none). */
export function isShown(question: Question, answers: Answers): boolean {
  if (!question.showIf) return true;
  const given = answers[question.showIf.question];
  return typeof given === 'string' && question.showIf.anyOf.includes(given);
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What is wrong with one answer to one question, or null. Empty answers are fine here; whether a
 * required question was answered is checked at submission (`missingAnswers`).
 */
export function answerFault(question: Question, value: AnswerValue): string | null {
  if (value === null || value === '') return null;
  const offered = (v: string) => question.choices.some((c) => c.value === v);
  switch (question.type) {
    case 'single':
    case 'likert':
      return typeof value === 'string' && offered(value) ? null : 'not one of the choices';
    case 'multiple':
      return Array.isArray(value) && value.every(offered) && new Set(value).size === value.length
        ? null
        : 'not a set of the choices';
    case 'matrix':
      if (typeof value !== 'object' || Array.isArray(value)) return 'not a value per row';
      for (const [row, v] of Object.entries(value))
        if (!question.rows.some((r) => r.value === row) || !offered(v)) return `row ${row} is not rated on the scale`;
      return null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'not a number';
      if (question.min !== undefined && value < question.min) return `below ${question.min}`;
      if (question.max !== undefined && value > question.max) return `above ${question.max}`;
      return null;
    case 'short_text':
      return typeof value === 'string' && value.length <= 300 ? null : 'not a short text (at most 300 characters)';
    case 'long_text':
      return typeof value === 'string' ? null : 'not a text';
    case 'date':
      return typeof value === 'string' && ISO_DAY.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : 'not a day (YYYY-MM-DD)';
  }
}

const isEmpty = (v: AnswerValue | undefined) =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);

/** Required questions that are shown and not answered (a matrix needs every row). */
export function missingAnswers(definition: Definition, answers: Answers): string[] {
  return questionsOf(definition)
    .filter((q) => q.required && isShown(q, answers))
    .filter((q) => {
      const v = answers[q.key];
      if (isEmpty(v)) return true;
      return q.type === 'matrix' && q.rows.some((r) => !(v as Record<string, string>)[r.value]);
    })
    .map((q) => q.key);
}

/** Languages each text of the definition is given in: the share of texts per language, 0..1. */
export function completeness(definition: Definition, locales: readonly string[]): Record<string, number> {
  const texts: Record<string, string>[] = [];
  for (const section of definition.sections) {
    texts.push(section.title);
    for (const q of section.questions) {
      texts.push(q.text);
      if (q.help) texts.push(q.help);
      for (const c of [...q.choices, ...q.rows]) texts.push(c.label);
    }
  }
  return Object.fromEntries(
    locales.map((l) => [l, texts.length ? texts.filter((t) => t[l]?.trim()).length / texts.length : 0]),
  );
}

const parsedOnce = new Map<string, Definition>();
/**
 * The questionnaire a round was sent with, parsed once per process: rounds are sent only from
 * published versions, which never change, so their parsed form is kept (a few hundred at most).
 */
export function roundDefinition(round: { survey_id: string; definition: string }): Definition {
  return knownDefinition(round.survey_id) ?? parseDefinition(round.survey_id, round.definition);
}

/** The parsed questionnaire of this published version, if this process has parsed it already. */
export function knownDefinition(surveyId: string): Definition | undefined {
  return parsedOnce.get(surveyId);
}

/** Parses a published version's questionnaire and keeps it (`roundDefinition`). */
export function parseDefinition(surveyId: string, text: string): Definition {
  const definition = Definition.parse(JSON.parse(text));
  if (parsedOnce.size >= 500) parsedOnce.clear();
  parsedOnce.set(surveyId, definition);
  return definition;
}
