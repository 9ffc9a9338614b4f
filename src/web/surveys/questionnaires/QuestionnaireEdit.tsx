import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useApiQuery } from '../../api/routes.ts';
import { i18n, LANGUAGES, type LanguageCode, languageName } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { type Definition, type Detail, keys, questionnairesClient, type UpdateInput } from './api.ts';
import { Completeness } from './Completeness.tsx';
import { describePlace } from './place.ts';
import './questionnaires.css';
import { definitionTexts, withText } from './texts.ts';

const PURPOSES = ['general', 'national', 'reaction', 'pre_post', 'follow_up'] as const;

export default function QuestionnaireEdit() {
  const { surveyId = '' } = useParams();
  const survey = useApiQuery('GET /api/surveys/:surveyId', { params: { surveyId } });
  return <QueryState query={survey}>{() => <Editor key={survey.data!.updatedAt} survey={survey.data!} />}</QueryState>;
}

type Text = Record<string, string>;

/** Leaves out languages whose text was emptied. */
const clean = (text: Text): Text => Object.fromEntries(Object.entries(text).filter(([, v]) => v.trim()));

function Editor({ survey: s }: { survey: Detail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState<Text>(s.title);
  const [description, setDescription] = useState<Text>(s.description);
  const [sourceLocale, setSourceLocale] = useState<LanguageCode>(s.sourceLocale);
  const [purpose, setPurpose] = useState(s.purpose);
  const [definition, setDefinition] = useState<Definition>(s.definition);
  const firstOther = LANGUAGES.find((l) => l.code !== s.sourceLocale)!.code;
  const [target, setTarget] = useState<LanguageCode>(
    i18n.language !== s.sourceLocale ? (i18n.language as LanguageCode) : firstOther,
  );
  const { act, failure, busy } = useAct([keys.all, keys.one(s.id)]);

  if (!s.canManage || s.status !== 'draft')
    return (
      <div className="surveys">
        <p className="warning">{t('errors.survey_published')}</p>
        <Link to={`/surveys/${s.id}`}>{t('surveys.back')}</Link>
      </div>
    );

  const texts = definitionTexts(definition);
  const missing = texts.filter((e) => !e.text[target]?.trim()).length;
  const save = async () => {
    const body: UpdateInput = {
      title: clean(title),
      description: clean(description),
      sourceLocale,
      purpose,
      definition,
    };
    if (await act(() => questionnairesClient.update(s.id, body))) navigate(`/surveys/${s.id}`);
  };

  return (
    <form
      className="surveys survey-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p className="muted">
        <Link to={`/surveys/${s.id}`}>{t('surveys.back')}</Link>
      </p>
      <h1>{t('surveys.editTitle', { code: s.code })}</h1>
      <fieldset>
        <legend>{t('surveys.basics')}</legend>
        <label>
          {t('surveys.sourceLanguage')}
          <select value={sourceLocale} onChange={(e) => setSourceLocale(e.target.value as LanguageCode)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {languageName(l.code)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('surveys.purposeLabel')}
          <select value={purpose} onChange={(e) => setPurpose(e.target.value as typeof purpose)}>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {t(`surveys.purpose.${p}`)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('surveys.titleAndDescription')}</legend>
        {LANGUAGES.map((l) => (
          <div key={l.code} className="survey-language" lang={l.code}>
            <h3>{languageName(l.code)}</h3>
            <label>
              {t('surveys.field.title')}
              <input
                value={title[l.code] ?? ''}
                maxLength={2000}
                onChange={(e) => setTitle({ ...title, [l.code]: e.target.value })}
              />
            </label>
            <label>
              {t('surveys.field.description')}
              <textarea
                rows={3}
                value={description[l.code] ?? ''}
                maxLength={2000}
                onChange={(e) => setDescription({ ...description, [l.code]: e.target.value })}
              />
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('surveys.translate')}</legend>
        <label>
          {t('surveys.targetLanguage')}
          <select value={target} onChange={(e) => setTarget(e.target.value as LanguageCode)}>
            {LANGUAGES.filter((l) => l.code !== sourceLocale).map((l) => (
              <option key={l.code} value={l.code}>
                {languageName(l.code)}
              </option>
            ))}
          </select>
        </label>
        <p className="muted" aria-live="polite">
          {t('surveys.untranslated', { n: missing, language: languageName(target) })}
        </p>
        <ol className="translations">
          {texts.map((entry) => (
            <li key={entry.path} className={entry.text[target]?.trim() ? undefined : 'missing'}>
              <p className="muted place">{describePlace(t, entry.path)}</p>
              <div className="side-by-side">
                <p lang={sourceLocale} className="source">
                  <span className="visually-hidden">{languageName(sourceLocale)}: </span>
                  {entry.text[sourceLocale] ?? <em>{t('surveys.noSource')}</em>}
                </p>
                <label>
                  <span className="visually-hidden">
                    {describePlace(t, entry.path)}, {languageName(target)}
                  </span>
                  <textarea
                    lang={target}
                    rows={entry.field === 'choice' || entry.field === 'row' || entry.field === 'title' ? 1 : 2}
                    maxLength={2000}
                    value={entry.text[target] ?? ''}
                    onChange={(e) => setDefinition(withText(definition, entry.path, target, e.target.value))}
                  />
                </label>
              </div>
            </li>
          ))}
        </ol>
      </fieldset>
      <details>
        <summary>{t('surveys.languages')}</summary>
        <Completeness shares={s.completeness} source={s.sourceLocale} />
      </details>
      {failure ? <ErrorText error={failure} /> : null}
      <div className="survey-actions sticky-actions">
        <button type="submit" disabled={busy}>
          {t('surveys.save')}
        </button>
        <Link className="button-link secondary" to={`/surveys/${s.id}`}>
          {t('surveys.cancel')}
        </Link>
      </div>
    </form>
  );
}
