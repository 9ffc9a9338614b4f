import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useApiQuery } from '../../api/routes.ts';
import { localResolved } from '../../frameworks/text.ts';
import { formatDate, formatNumber, i18n } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { type Detail, keys, type Question, questionnairesClient } from './api.ts';
import { Completeness } from './Completeness.tsx';
import { describePlace } from './place.ts';
import './questionnaires.css';

export default function QuestionnaireView() {
  const { surveyId = '' } = useParams();
  const survey = useApiQuery('GET /api/surveys/:surveyId', { params: { surveyId } });
  return <QueryState query={survey}>{() => <View survey={survey.data!} />}</QueryState>;
}

function View({ survey: s }: { survey: Detail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const text = (value: Record<string, string>) => (
    <LocalText value={localResolved(value, i18n.language, s.sourceLocale)} />
  );
  const { act, failure, busy } = useAct([keys.all, keys.one(s.id)]);
  const shownBy = new Map(s.definition.sections.flatMap((sec) => sec.questions).map((q) => [q.key, q] as const));

  return (
    <div className="surveys">
      <p className="muted">
        <Link to="/surveys">{t('surveys.title')}</Link>
      </p>
      <h1>{text(s.title)}</h1>
      <p className="muted">
        {s.code} · {t('surveys.versionN', { n: formatNumber(s.version) })} · {t(`surveys.purpose.${s.purpose}`)} ·{' '}
        <span className={`status status-${s.status}`}>{t(`surveys.status.${s.status}`)}</span>
        {s.publishedAt ? ` · ${t('surveys.publishedOn', { date: formatDate(s.publishedAt) })}` : ''}
      </p>
      {Object.keys(s.description).length > 0 && <p>{text(s.description)}</p>}
      {s.canManage && (
        <>
          <div className="survey-actions">
            {s.status === 'draft' && (
              <>
                <Link className="button-link" to={`/surveys/${s.id}/edit`}>
                  {t('surveys.edit')}
                </Link>
                <button type="button" disabled={busy} onClick={() => act(() => questionnairesClient.publish(s.id))}>
                  {t('surveys.publish')}
                </button>
              </>
            )}
            {s.status !== 'draft' && (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={async () => {
                  let id = '';
                  const ok = await act(async () => {
                    id = (await questionnairesClient.newVersion(s.id)).id;
                  });
                  if (ok) navigate(`/surveys/${id}`);
                }}
              >
                {t('surveys.newVersion')}
              </button>
            )}
            {s.status === 'published' && (
              <Link className="button-link" to={`/surveys/${s.id}/send`}>
                {t('surveys.rounds.send')}
              </Link>
            )}
            {s.status === 'published' && (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => {
                  if (window.confirm(t('surveys.retireConfirm'))) void act(() => questionnairesClient.retire(s.id));
                }}
              >
                {t('surveys.retire')}
              </button>
            )}
          </div>
          {failure ? <Failure error={failure} /> : null}
          <details>
            <summary>{t('surveys.languages')}</summary>
            <Completeness shares={s.completeness} source={s.sourceLocale} />
          </details>
          {s.versions.length > 1 && (
            <nav aria-label={t('surveys.versions')}>
              <ul className="survey-versions">
                {s.versions.map((v) => (
                  <li key={v.id}>
                    <Link to={`/surveys/${v.id}`} aria-current={v.id === s.id ? 'page' : undefined}>
                      {t('surveys.versionN', { n: formatNumber(v.version) })} · {t(`surveys.status.${v.status}`)}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </>
      )}
      {s.definition.sections.map((section, i) => (
        <section key={section.key} className="survey-section">
          <h2>
            {formatNumber(i + 1)}. {text(section.title)}
          </h2>
          <ol>
            {section.questions.map((q) => (
              <li key={q.key} className="survey-question">
                <p className="question-text">
                  {text(q.text)}
                  {q.required ? <span className="required"> ({t('surveys.required')})</span> : null}
                </p>
                {q.help ? <p className="muted">{text(q.help)}</p> : null}
                <p className="muted question-meta">
                  {t(`surveys.type.${q.type}`)}
                  {q.showIf ? (
                    <>
                      {' · '}
                      {t('surveys.shownIf')} “{text(shownBy.get(q.showIf.question)?.text ?? { en: q.showIf.question })}”
                      ={' '}
                      {q.showIf.anyOf
                        .map((v) => {
                          const c = shownBy.get(q.showIf!.question)?.choices.find((x) => x.value === v);
                          return c ? localResolved(c.label, i18n.language, s.sourceLocale).text : v;
                        })
                        .join(', ')}
                    </>
                  ) : null}
                  {q.type === 'number' && (q.min !== undefined || q.max !== undefined)
                    ? ` · ${formatNumber(q.min ?? 0)}–${q.max !== undefined ? formatNumber(q.max) : '…'}`
                    : null}
                </p>
                <Answers question={q} text={text} />
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

function Answers({ question: q, text }: { question: Question; text: (v: Record<string, string>) => React.ReactNode }) {
  const { t } = useTranslation();
  if (q.type === 'matrix')
    return (
      <div className="scroll">
        <table className="survey-matrix">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('surveys.statement')}</span>
              </th>
              {q.choices.map((c) => (
                <th key={c.value} scope="col">
                  {text(c.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {q.rows.map((r) => (
              <tr key={r.value}>
                <th scope="row">{text(r.label)}</th>
                {q.choices.map((c) => (
                  <td key={c.value} aria-hidden="true">
                    ○
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  if (q.choices.length > 0)
    return (
      <ul className={q.type === 'multiple' ? 'survey-choices multiple' : 'survey-choices'}>
        {q.choices.map((c) => (
          <li key={c.value}>{text(c.label)}</li>
        ))}
      </ul>
    );
  return null;
}

/** A refused publish names the texts still missing in the source language. */
function Failure({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const paths = (error as { details?: { paths?: string[] } }).details?.paths;
  return (
    <>
      <ErrorText error={error} />
      {paths?.length ? (
        <details open>
          <summary>{t('surveys.missingTexts', { n: formatNumber(paths.length) })}</summary>
          <ul className="muted">
            {paths.map((p) => (
              <li key={p}>{describePlace(t, p)}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
