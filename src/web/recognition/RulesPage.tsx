import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { formatNumber } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';

/** Recognition rules: what earns a credential, how it is issued, and how many have been awarded. */
export default function RulesPage() {
  const { t } = useTranslation();
  const manager = useCan('recognition.manage');
  const rules = useApiQuery('GET /api/recognition/rules', {});
  return (
    <>
      <h1>{t('recognition.rules.title')}</h1>
      <p className="muted">{t('recognition.rules.intro')}</p>
      {manager ? (
        <p>
          <Link className="button-link" to="/recognition/rules/new">
            {t('recognition.rules.new')}
          </Link>
        </p>
      ) : null}
      <QueryState query={rules}>
        {() =>
          rules.data!.items.length === 0 ? (
            <p>{t('recognition.rules.empty')}</p>
          ) : (
            <table className="data cards">
              <caption className="visually-hidden">{t('recognition.rules.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('recognition.rule.name')}</th>
                  <th scope="col">{t('recognition.rule.type')}</th>
                  <th scope="col">{t('recognition.rule.mode')}</th>
                  <th scope="col">{t('recognition.rule.status')}</th>
                  <th scope="col">{t('recognition.award.state.issued')}</th>
                  <th scope="col">{t('recognition.award.state.pending')}</th>
                </tr>
              </thead>
              <tbody>
                {rules.data!.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/recognition/rules/${r.id}`}>
                        <LocalText value={r.displayName} />
                      </Link>
                    </th>
                    <td data-label={t('recognition.rule.type')}>{t(`recognition.type.${r.achievementType}`)}</td>
                    <td data-label={t('recognition.rule.mode')}>{t(`recognition.mode.${r.mode}`)}</td>
                    <td data-label={t('recognition.rule.status')}>
                      <span className={`tag status-${r.status}`}>{t(`recognition.status.${r.status}`)}</span>
                    </td>
                    <td data-label={t('recognition.award.state.issued')}>{formatNumber(r.awards.issued)}</td>
                    <td data-label={t('recognition.award.state.pending')}>{formatNumber(r.awards.pending)}</td>
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
