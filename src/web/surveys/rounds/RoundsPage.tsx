import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { call, queryKey, useApiQuery } from '../../api/routes.ts';
import { formatDay, formatNumber } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { PaperImport } from './PaperImport.tsx';

/** Rounds sent in the reader's scope: who was invited, how many answered, and where to act. */
export default function RoundsPage() {
  const { t } = useTranslation();
  const rounds = useApiQuery('GET /api/surveys/rounds', {});
  return (
    <>
      <h1>{t('surveys.rounds.listTitle')}</h1>
      <p>
        <Link to="/surveys">{t('surveys.title')}</Link>
      </p>
      <QueryState query={rounds}>
        {() =>
          rounds.data!.items.length === 0 ? (
            <p className="muted">{t('surveys.rounds.none')}</p>
          ) : (
            <table className="cards">
              <caption>{t('surveys.rounds.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('surveys.rounds.title')}</th>
                  <th scope="col">{t('surveys.rounds.unit')}</th>
                  <th scope="col">{t('surveys.rounds.answered')}</th>
                  <th scope="col">{t('surveys.rounds.closesOn')}</th>
                </tr>
              </thead>
              <tbody>
                {rounds.data!.items.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/surveys/rounds/${r.id}`}>
                        <LocalText value={r.title} />
                      </Link>
                    </td>
                    <td data-label={t('surveys.rounds.unit')}>
                      <LocalText value={r.unit.name} />
                    </td>
                    <td data-label={t('surveys.rounds.answered')}>
                      {t('surveys.rounds.answeredOf', { n: formatNumber(r.responded), of: formatNumber(r.invited) })}
                    </td>
                    <td data-label={t('surveys.rounds.closesOn')}>
                      {formatDay(r.closesOn)} · {t(`surveys.rounds.status.${r.status}`)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </>
  );
}

/** One round: its state, reminders, links for people without accounts, answers from paper, and its results. */
export function RoundPage() {
  const { t } = useTranslation();
  const { roundId = '' } = useParams();
  const params = { roundId };
  const round = useApiQuery('GET /api/surveys/rounds/:roundId', { params });
  const { act, failure, busy } = useAct([queryKey('GET /api/surveys/rounds/:roundId', { params })]);
  const reminded = useAct([]);
  async function links() {
    await act(async () => {
      const issued = await call('POST /api/surveys/rounds/:roundId/links', { params });
      const rows = [['name', 'email', 'link'], ...issued.items.map((i) => [i.name, i.email ?? '', i.link])];
      const csv = rows.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\r\n');
      const url = URL.createObjectURL(new Blob([`\ufeff${csv}`], { type: 'text/csv' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: `survey-links-${roundId}.csv` });
      a.click();
      URL.revokeObjectURL(url);
    });
  }
  const [remindedText, setRemindedText] = useState('');
  return (
    <QueryState query={round}>
      {() => {
        const r = round.data!;
        return (
          <>
            <h1>
              <LocalText value={r.title} />
            </h1>
            <p>
              <LocalText value={r.unit.name} /> · {t(`surveys.rounds.status.${r.status}`)} ·{' '}
              {t(r.anonymous ? 'surveys.rounds.isAnonymous' : 'surveys.rounds.isIdentified')}
            </p>
            <p>{t('surveys.rounds.answeredOf', { n: formatNumber(r.responded), of: formatNumber(r.invited) })}</p>
            <p>
              <Link to={`/surveys/rounds/${r.id}/results`}>{t('surveys.rounds.results')}</Link> ·{' '}
              <Link to={`/surveys/rounds/${r.id}/compare`}>{t('surveys.compare.title')}</Link>
            </p>
            {r.status === 'open' && (
              <div className="inline">
                <button
                  type="button"
                  disabled={reminded.busy}
                  onClick={() =>
                    reminded.act(async () => {
                      const done = await call('POST /api/surveys/rounds/:roundId/remind', { params });
                      setRemindedText(
                        t('surveys.rounds.reminded', {
                          n: formatNumber(done.reminded),
                          without: formatNumber(done.withoutAccount),
                        }),
                      );
                    })
                  }
                >
                  {t('surveys.rounds.remind')}
                </button>
                <button type="button" disabled={busy} onClick={() => void links()}>
                  {t('surveys.rounds.links')}
                </button>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => act(() => call('POST /api/surveys/rounds/:roundId/close', { params }))}
                >
                  {t('surveys.rounds.close')}
                </button>
              </div>
            )}
            <p role="status">{remindedText}</p>
            {failure || reminded.failure ? <ErrorText error={failure ?? reminded.failure} /> : null}
            {/* Only managers of the round read this page (the round answers 404 to anyone else). */}
            {r.status === 'open' && <PaperImport roundId={r.id} anonymous={r.anonymous} />}
          </>
        );
      }}
    </QueryState>
  );
}
