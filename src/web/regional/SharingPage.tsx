import { useTranslation } from 'react-i18next';
import { type ApiResponse, call, queryKey, useApiQuery } from '../api/routes.ts';
import { localResolved } from '../frameworks/text.ts';
import { formatDate } from '../i18n/index.ts';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { useAct } from '../shell/useAct.ts';
import './regional.css';

type Overview = ApiResponse<'GET /api/data-sharing'>;
type Office = Overview['regionalTenants'][number];

const DATASETS = ['competency_shares', 'indicators', 'survey_results'] as const;

/** The ministry's data sharing: for each regional office and each aggregate dataset, granted (and since when) or not. */
export default function SharingPage() {
  const { t } = useTranslation();
  const overview = useApiQuery('GET /api/data-sharing', {});
  const { act, failure, busy } = useAct([queryKey('GET /api/data-sharing')]);
  return (
    <div className="regional">
      <h1>{t('regional.sharing.title')}</h1>
      <p>{t('regional.sharing.intro')}</p>
      {failure ? <ErrorText error={failure} /> : null}
      <QueryState query={overview}>
        {() =>
          overview.data!.regionalTenants.length === 0 ? (
            <p className="empty">{t('regional.sharing.noOffices')}</p>
          ) : (
            <>
              {overview.data!.regionalTenants.map((office) => (
                <OfficeSection key={office.id} office={office} busy={busy} act={act} />
              ))}
              <History history={overview.data!.history} />
            </>
          )
        }
      </QueryState>
    </div>
  );
}

function OfficeSection({
  office,
  busy,
  act,
}: {
  office: Office;
  busy: boolean;
  act: (work: () => Promise<unknown>) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const name = localResolved(office.name, i18n.language).text;
  const headingId = `office-${office.id}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        <LocalText value={localResolved(office.name, i18n.language)} />
      </h2>
      <table className="cards sharing-list">
        <caption className="visually-hidden">{t('regional.sharing.caption', { name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('regional.sharing.dataset')}</th>
            <th scope="col">{t('regional.sharing.state')}</th>
            <th scope="col">{t('regional.sharing.action')}</th>
          </tr>
        </thead>
        <tbody>
          {DATASETS.map((dataset) => {
            const held = office.shared.find((s) => s.dataset === dataset);
            const datasetName = t(`regional.datasets.${dataset}`);
            return (
              <tr key={dataset}>
                <th scope="row" data-label={t('regional.sharing.dataset')}>
                  {datasetName}
                </th>
                <td data-label={t('regional.sharing.state')}>
                  {held
                    ? held.grantedBy
                      ? t('regional.sharing.grantedSinceBy', { date: formatDate(held.grantedAt), name: held.grantedBy })
                      : t('regional.sharing.grantedSince', { date: formatDate(held.grantedAt) })
                    : t('regional.sharing.notShared')}
                </td>
                <td data-label={t('regional.sharing.action')}>
                  {held ? (
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      aria-label={t('regional.sharing.revokeLabel', { dataset: datasetName, name })}
                      onClick={() => {
                        if (!window.confirm(t('regional.sharing.confirmRevoke', { dataset: datasetName, name })))
                          return;
                        void act(() =>
                          call('POST /api/data-sharing/:agreementId/revoke', {
                            params: { agreementId: held.agreementId },
                          }),
                        );
                      }}
                    >
                      {t('regional.sharing.revoke')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={t('regional.sharing.grantLabel', { dataset: datasetName, name })}
                      onClick={() => {
                        if (!window.confirm(t('regional.sharing.confirmGrant', { dataset: datasetName, name }))) return;
                        void act(() =>
                          call('POST /api/data-sharing', { body: { granteeTenantId: office.id, dataset } }),
                        );
                      }}
                    >
                      {t('regional.sharing.grant')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Every grant and revoke, newest first: what was shared with whom, and until when. */
function History({ history }: { history: Overview['history'] }) {
  const { t, i18n } = useTranslation();
  if (history.length === 0) return null;
  return (
    <section aria-labelledby="sharing-history">
      <h2 id="sharing-history">{t('regional.sharing.history')}</h2>
      <ul className="plain">
        {history.map((a) => (
          <li key={a.id}>
            <LocalText value={localResolved(a.grantee.name, i18n.language)} /> — {t(`regional.datasets.${a.dataset}`)}:{' '}
            {a.revokedAt
              ? t('regional.sharing.grantedRevokedBy', {
                  from: formatDate(a.grantedAt),
                  granter: a.grantedBy ?? '—',
                  to: formatDate(a.revokedAt),
                  revoker: a.revokedBy ?? '—',
                })
              : t('regional.sharing.grantedSinceBy', { date: formatDate(a.grantedAt), name: a.grantedBy ?? '—' })}
          </li>
        ))}
      </ul>
    </section>
  );
}
