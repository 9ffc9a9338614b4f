import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useApiQuery } from '../../api/routes.ts';
import { useCan } from '../../auth/session.tsx';
import { localResolved } from '../../frameworks/text.ts';
import { counted, formatNumber, i18n } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { keys, questionnairesClient, TEMPLATE_KEYS, type TemplateKey } from './api.ts';
import { Completeness } from './Completeness.tsx';
import './questionnaires.css';

export default function QuestionnaireList() {
  const { t } = useTranslation();
  const manager = useCan('surveys.manage');
  const list = useApiQuery('GET /api/surveys', { query: {} });
  return (
    <div className="surveys">
      <h1>{t('surveys.title')}</h1>
      {manager && <FromTemplate />}
      <QueryState query={list}>
        {() =>
          list.data!.items.length === 0 ? (
            <p className="muted">{t('surveys.none')}</p>
          ) : (
            <ul className="cards">
              {list.data!.items.map((s) => (
                <li key={s.id} className="card">
                  <Link className="card-title" to={`/surveys/${s.id}`}>
                    <LocalText value={localResolved(s.title, i18n.language, s.sourceLocale)} />
                  </Link>
                  <span className="muted">
                    {s.code} · {t('surveys.versionN', { n: formatNumber(s.version) })} ·{' '}
                    {t(`surveys.purpose.${s.purpose}`)} · {t('surveys.questionsN', counted(s.questionCount))}
                  </span>
                  <span className={`status status-${s.status}`}>{t(`surveys.status.${s.status}`)}</span>
                  {manager && <Completeness shares={s.completeness} source={s.sourceLocale} />}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}

/** A new draft from one of the questionnaires shipped with Pathway. */
function FromTemplate() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [template, setTemplate] = useState<TemplateKey>(TEMPLATE_KEYS[0]!);
  const [code, setCode] = useState('');
  const { act, failure, busy } = useAct([keys.all]);
  return (
    <details className="survey-new">
      <summary>{t('surveys.fromTemplate')}</summary>
      <form
        className="narrow-form"
        onSubmit={async (e) => {
          e.preventDefault();
          let id = '';
          const ok = await act(async () => {
            id = (await questionnairesClient.fromTemplate(template, code.trim() || undefined)).id;
          });
          if (ok) navigate(`/surveys/${id}`);
        }}
      >
        <fieldset className="template-choice">
          <legend>{t('surveys.template')}</legend>
          {TEMPLATE_KEYS.map((k) => (
            <label key={k}>
              <input type="radio" name="template" value={k} checked={template === k} onChange={() => setTemplate(k)} />
              <span>
                <strong>{t(`surveys.templates.${k}.name`)}</strong>
                <br />
                <span className="muted">{t(`surveys.templates.${k}.summary`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label>
          {t('surveys.code')}
          <input value={code} onChange={(e) => setCode(e.target.value)} placeholder={template} maxLength={64} />
        </label>
        <p className="muted">{t('surveys.codeHint')}</p>
        {failure ? <ErrorText error={failure} /> : null}
        <button type="submit" disabled={busy}>
          {t('surveys.create')}
        </button>
      </form>
    </details>
  );
}
