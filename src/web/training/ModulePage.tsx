import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { formatNumber, languageName } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotFound } from '../shell/Pages.tsx';
import { OfferingTable, today } from './OfferingTable.tsx';
import { useStandard } from './standard.ts';

/** A module of the catalogue: what it develops, how long and how it runs, and when it is offered next. */
export default function ModulePage() {
  const { t } = useTranslation();
  const { moduleId } = useParams();
  const canSchedule = useCan('training.manage');
  const canEvaluate = useCan('reports.read');
  const module = useApiQuery('GET /api/training/modules/:id', { params: { id: moduleId! } });
  const all = useApiQuery('GET /api/training/modules', {}, { enabled: (module.data?.prerequisiteIds.length ?? 0) > 0 });
  const offerings = useApiQuery('GET /api/offerings', { query: { moduleId, from: today() } });
  const standard = useStandard(module.data?.frameworkId);
  if (module.error instanceof ApiError && module.error.status === 404) return <NotFound />;

  return (
    <QueryState query={module}>
      {() => {
        const m = module.data!;
        return (
          <>
            <p>
              <Link to="/training">{t('training.catalogue.title')}</Link>
            </p>
            <h1>
              <LocalText value={m.displayTitle} />
            </h1>
            <p>
              <LocalText value={m.displaySummary} />
            </p>
            {canEvaluate && (
              <p>
                <Link to={`/evaluation/modules/${m.id}/effect`}>{t('effect.link')}</Link>
              </p>
            )}
            <dl className="facts">
              <div>
                <dt>{t('training.code')}</dt>
                <dd>{m.code}</dd>
              </div>
              <div>
                <dt>{t('training.duration')}</dt>
                <dd>{t('training.hours', { hours: formatNumber(m.hours) })}</dd>
              </div>
              <div>
                <dt>{t('training.mode')}</dt>
                <dd>{t(`training.modes.${m.deliveryMode}`)}</dd>
              </div>
              <div>
                <dt>{t('training.languages')}</dt>
                <dd>{m.languages.map((l) => languageName(l)).join(', ')}</dd>
              </div>
            </dl>
            <h2>{t('training.module.outcomes')}</h2>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('training.competency')}</th>
                  <th scope="col">{t('training.level')}</th>
                </tr>
              </thead>
              <tbody>
                {m.outcomes.map((o) => (
                  <tr key={`${o.itemId}-${o.levelCode}`}>
                    <td>
                      {o.code} <LocalText value={o.title} />
                    </td>
                    <td>{standard.levelName(o.levelCode)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>{t('training.module.materials')}</h2>
            {m.materials.length === 0 ? (
              <p className="muted">{t('training.module.noMaterials')}</p>
            ) : (
              <ul>
                {m.materials.map((mat) => (
                  <li key={mat.url}>
                    <a href={mat.url} rel="noopener noreferrer" target="_blank">
                      {mat.title}
                    </a>
                  </li>
                ))}
              </ul>
            )}
            <h2>{t('training.module.prerequisites')}</h2>
            {m.prerequisiteIds.length === 0 ? (
              <p className="muted">{t('training.module.noPrerequisites')}</p>
            ) : (
              <ul>
                {m.prerequisiteIds.map((id) => {
                  const pre = all.data?.items.find((x) => x.id === id);
                  return (
                    <li key={id}>
                      <Link to={`/training/modules/${id}`}>{pre ? <LocalText value={pre.displayTitle} /> : id}</Link>
                    </li>
                  );
                })}
              </ul>
            )}
            <h2>{t('training.module.upcoming')}</h2>
            {canSchedule && (
              <p>
                <Link className="button-link" to={`/offerings/new?moduleId=${m.id}`}>
                  {t('training.schedule.title')}
                </Link>
              </p>
            )}
            <QueryState query={offerings}>
              {() => <OfferingTable offerings={offerings.data!.items} caption={t('training.module.upcoming')} />}
            </QueryState>
          </>
        );
      }}
    </QueryState>
  );
}
