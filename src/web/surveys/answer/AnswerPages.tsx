import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { call, useApiQuery } from '../../api/routes.ts';
import { formatDay, i18n } from '../../i18n/index.ts';
import { QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { AnswerForm, type Answers } from './AnswerForm.tsx';

/** A signed-in person's answer to a round they are invited to. */
export function InvitedAnswerPage() {
  const { roundId = '' } = useParams();
  const params = { roundId };
  const form = useApiQuery('GET /api/surveys/rounds/:roundId/answer', { params });
  return (
    <QueryState query={form}>
      {() => (
        <AnswerForm
          form={form.data!}
          save={
            form.data!.anonymous
              ? null
              : (answers: Answers) => call('PUT /api/surveys/rounds/:roundId/answer', { params, body: { answers } })
          }
          submit={(answers) => call('POST /api/surveys/rounds/:roundId/answer/submit', { params, body: { answers } })}
        />
      )}
    </QueryState>
  );
}

/** The answer form behind an invitation link: no account needed. */
export function LinkAnswerPage() {
  const { token = '' } = useParams();
  const params = { token };
  const form = useApiQuery('GET /api/public/survey-answers/:token', { params, query: { locale: i18n.language } });
  return (
    <main className="narrow">
      <QueryState query={form}>
        {() => (
          <AnswerForm
            form={form.data!}
            save={
              form.data!.anonymous
                ? null
                : (answers: Answers) => call('PUT /api/public/survey-answers/:token', { params, body: { answers } })
            }
            submit={(answers) => call('POST /api/public/survey-answers/:token/submit', { params, body: { answers } })}
          />
        )}
      </QueryState>
    </main>
  );
}

/** Surveys waiting for the signed-in person's answers. */
export function MySurveysPage() {
  const { t } = useTranslation();
  const mine = useApiQuery('GET /api/me/surveys', {});
  return (
    <>
      <h1>{t('surveys.mine.title')}</h1>
      <QueryState query={mine}>
        {() =>
          mine.data!.items.length === 0 ? (
            <p className="muted">{t('surveys.mine.none')}</p>
          ) : (
            <ul className="cards">
              {mine.data!.items.map((s) => (
                <li key={s.roundId} className="card">
                  <Link to={`/surveys/rounds/${s.roundId}/answer`}>
                    <LocalText value={s.title} />
                  </Link>
                  <p className="muted">
                    {t(s.status === 'started' ? 'surveys.mine.started' : 'surveys.mine.invited')} ·{' '}
                    {t('surveys.answer.closes', { date: formatDay(s.closesOn) })}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}
