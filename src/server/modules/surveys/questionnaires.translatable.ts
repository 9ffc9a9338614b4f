import type { LocalizedText } from '../../shared/text.ts';
import type { TextUnit, TranslatableKind } from '../translations/translations.kinds.ts';
import * as repo from './questionnaires.repo.ts';
import type { Definition } from './surveys.definition.ts';

const parse = (text: string) => JSON.parse(text) as LocalizedText;

/**
 * A questionnaire in draft: its title, description, sections, questions, help, choices and matrix rows,
 * keyed by section and question keys, which a new version keeps. A published questionnaire is what
 * respondents answered and does not change; it is translated in its next draft.
 */
export const questionnaireTexts: TranslatableKind = {
  type: 'questionnaire',
  async list({ db, tenantId, locales }) {
    const drafts = await db
      .selectFrom('survey')
      .select(['id', 'title', 'source_locale'])
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'draft')
      .orderBy('code')
      .execute();
    return drafts.map((s) => ({ id: s.id, name: parse(s.title), languages: locales, sourceLocale: s.source_locale }));
  },
  async units({ db, tenantId, locales }, id) {
    const row = await repo.getSurvey(db, tenantId, id);
    if (row?.status !== 'draft') return null;
    const at = (column: string, path?: (string | number)[]) => ({
      table: 'survey' as const,
      match: { id },
      column,
      ...(path ? { path } : {}),
    });
    const units: TextUnit[] = [{ key: 'title', code: '', field: 'title', text: parse(row.title), ref: at('title') }];
    const description = parse(row.description);
    if (Object.keys(description).length)
      units.push({ key: 'description', code: '', field: 'description', text: description, ref: at('description') });
    const definition = JSON.parse(row.definition) as Definition;
    for (const [s, section] of definition.sections.entries()) {
      const sectionPath = ['sections', s];
      units.push({
        key: `section/${section.key}/title`,
        code: section.key,
        field: 'title',
        text: section.title,
        ref: at('definition', [...sectionPath, 'title']),
      });
      for (const [q, question] of section.questions.entries()) {
        const path = [...sectionPath, 'questions', q];
        const unit = (key: string, field: string, code: string, text: LocalizedText, rest: (string | number)[]) =>
          units.push({
            key: `question/${question.key}/${key}`,
            code,
            field,
            text,
            ref: at('definition', [...path, ...rest]),
          });
        unit('text', 'text', question.key, question.text, ['text']);
        if (question.help) unit('help', 'help', question.key, question.help, ['help']);
        for (const [c, choice] of (question.choices ?? []).entries())
          unit(`choice/${choice.value}`, 'choice', `${question.key} · ${choice.value}`, choice.label, [
            'choices',
            c,
            'label',
          ]);
        for (const [r, matrixRow] of (question.rows ?? []).entries())
          unit(`row/${matrixRow.value}`, 'row', `${question.key} · ${matrixRow.value}`, matrixRow.label, [
            'rows',
            r,
            'label',
          ]);
      }
    }
    return { object: { id, name: parse(row.title), languages: locales, sourceLocale: row.source_locale }, units };
  },
};
