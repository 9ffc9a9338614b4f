import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { type ApiResponse, useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { counted } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed, NotFound } from '../shell/Pages.tsx';

type Unit = ApiResponse<'GET /api/org-units'>['items'][number];

function UnitCard({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <Link to={`/org/${unit.id}`} className="card-title">
        <LocalText value={unit.displayName} />
      </Link>
      <span className="muted">
        {t(`org.type.${unit.type}`)}
        {unit.code ? ` · ${unit.code}` : ''}
      </span>
      <span>
        {t('org.schools', counted(unit.schoolsUnder))} · {t('org.teachers', counted(unit.teachersUnder))}
      </span>
      <span className="muted">{t('org.children', counted(unit.childCount))}</span>
    </li>
  );
}

export default function OrgBrowser() {
  const { t } = useTranslation();
  const { unitId } = useParams();
  const canRead = useCan('org.read');
  const canSeePeople = useCan('people.read');
  const canSeeReports = useCan('reports.read');
  const canManageTraining = useCan('training.manage');
  const canAgreePlans = useCan('plans.agree');
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const unit = useApiQuery('GET /api/org-units/:unitId', { params: { unitId: unitId ?? '' } }, { enabled: !!unitId });
  const list = useApiQuery('GET /api/org-units', {
    query: { limit: 200, q: search || undefined, parentId: unitId },
  });

  if (!canRead) return <NotAllowed />;
  if (unit.error instanceof ApiError && unit.error.status === 404) return <NotFound />;
  return (
    <>
      {unitId && unit.data ? (
        <>
          <nav aria-label={t('org.breadcrumb')} className="breadcrumb">
            <ol>
              <li>
                <Link to="/org">{t('org.title')}</Link>
              </li>
              {unit.data.ancestors.map((a) => (
                <li key={a.id}>
                  <Link to={`/org/${a.id}`}>
                    <LocalText value={a.displayName} />
                  </Link>
                </li>
              ))}
            </ol>
          </nav>
          <h1>
            <LocalText value={unit.data.displayName} />
          </h1>
          <p>
            {unit.data.levelName ?? t(`org.type.${unit.data.type}`)}
            {unit.data.code ? ` · ${t('org.code')} ${unit.data.code}` : ''} ·{' '}
            {t('org.schools', counted(unit.data.schoolsUnder))} · {t('org.teachers', counted(unit.data.teachersUnder))}
          </p>
          {(canSeePeople || canSeeReports || canManageTraining || canAgreePlans) && (
            <p className="inline">
              {canSeePeople && <Link to={`/people?unitId=${unit.data.id}`}>{t('org.peopleHere')}</Link>}
              {canSeeReports && <Link to={`/org/${unit.data.id}/self-assessment`}>{t('assessment.group.link')}</Link>}
              {canManageTraining && (
                <Link to={`/org/${unit.data.id}/training-demand`}>{t('training.demand.title')}</Link>
              )}
              {canSeeReports && <Link to={`/org/${unit.data.id}/training-cascade`}>{t('training.cascade.title')}</Link>}
              {canAgreePlans && <Link to={`/org/${unit.data.id}/development-plans`}>{t('training.plans.title')}</Link>}
              {canSeeReports && <Link to={`/org/${unit.data.id}/follow-through`}>{t('followThrough.unitTitle')}</Link>}
              {canSeeReports && unit.data.type !== 'school' && (
                <Link to={`/org/${unit.data.id}/partnerships`}>{t('nav.partnerships')}</Link>
              )}
            </p>
          )}
        </>
      ) : (
        <h1>{t('org.title')}</h1>
      )}
      <search>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            setSearch(q.trim());
          }}
        >
          <label htmlFor="unit-search">{t('org.search')}</label>
          <input
            id="unit-search"
            type="search"
            value={q}
            placeholder={t('org.searchPlaceholder')}
            onChange={(e) => setQ(e.target.value)}
          />
          <button type="submit">{t('people.search')}</button>
        </form>
      </search>
      <QueryState query={list}>
        {() =>
          list.data!.items.length === 0 ? (
            <p>{t('org.none')}</p>
          ) : (
            <ul className="cards">
              {list.data!.items.map((u) => (
                <UnitCard key={u.id} unit={u} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}
