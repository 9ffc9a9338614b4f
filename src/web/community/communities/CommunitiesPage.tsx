import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type ApiResponse, call, queryKey, useApiQuery } from '../../api/routes.ts';
import { useMe } from '../../auth/session.tsx';
import { counted } from '../../i18n/index.ts';
import { MyActivitiesLink } from '../../regional/MyActivitiesLink.tsx';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { useAct } from '../../shell/useAct.ts';
import './communities.css';

type Summary = ApiResponse<'GET /api/communities'>['mine'][number];

function CommunityCard({ community, join }: { community: Summary; join?: () => void }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <Link className="card-title" to={`/communities/${community.id}`}>
        {community.name}
      </Link>
      <span className="muted">
        {t(`communities.kind.${community.kind}`)} · {t('communities.members', counted(community.memberCount))}
        {community.subject && ` · ${community.subject}`}
      </span>
      {join && (
        <button type="button" onClick={join}>
          {t('communities.join')}
        </button>
      )}
    </li>
  );
}

/** The person's communities, the open ones they may join, and a form to start one. */
export default function CommunitiesPage() {
  const { t } = useTranslation();
  const list = useApiQuery('GET /api/communities', {});
  const { act, failure } = useAct([queryKey('GET /api/communities')]);
  return (
    <div className="communities">
      <h1>{t('communities.title')}</h1>
      <p>
        <Link to="/search">{t('communitySearch.link')}</Link>
      </p>
      <MyActivitiesLink />
      <ErrorText error={failure} />
      <QueryState query={list}>
        {() => (
          <>
            <h2>{t('communities.mine')}</h2>
            {list.data!.mine.length === 0 ? (
              <p className="muted">{t('communities.noneMine')}</p>
            ) : (
              <ul className="cards">
                {list.data!.mine.map((c) => (
                  <CommunityCard key={c.id} community={c} />
                ))}
              </ul>
            )}
            <h2>{t('communities.open')}</h2>
            {list.data!.open.length === 0 ? (
              <p className="muted">{t('communities.noneOpen')}</p>
            ) : (
              <ul className="cards">
                {list.data!.open.map((c) => (
                  <CommunityCard
                    key={c.id}
                    community={c}
                    join={() =>
                      void act(() =>
                        call('POST /api/communities/:communityId/membership', { params: { communityId: c.id } }),
                      )
                    }
                  />
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
      <NewCommunity />
    </div>
  );
}

function NewCommunity() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const units = [...new Map(me.grants.map((g) => [g.orgUnitId, g.orgUnitName])).entries()];
  const [kind, setKind] = useState<'subject' | 'region'>('subject');
  const [name, setName] = useState('');
  const [subject, setSubject] = useState('');
  const [access, setAccess] = useState<'open' | 'members'>('open');
  const [unitId, setUnitId] = useState(units[0]?.[0] ?? '');
  const { act, failure, busy } = useAct([queryKey('GET /api/communities')]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    let id = '';
    const ok = await act(async () => {
      id = (
        await call('POST /api/communities', {
          body: { kind, name, access, unitId, ...(subject.trim() ? { subject: subject.trim() } : {}) },
        })
      ).id;
    });
    if (ok) navigate(`/communities/${id}`);
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('communities.create')}>
      <h2>{t('communities.create')}</h2>
      <label>
        {t('communities.form.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          <option value="subject">{t('communities.kind.subject')}</option>
          <option value="region">{t('communities.kind.region')}</option>
        </select>
      </label>
      <label>
        {t('communities.form.name')}
        <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      {kind === 'subject' && (
        <label>
          {t('communities.form.subject')}
          <input maxLength={100} value={subject} onChange={(e) => setSubject(e.target.value)} />
        </label>
      )}
      <label>
        {t('communities.form.unit')}
        <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          {units.map(([id, unitName]) => (
            <option key={id} value={id}>
              {unitName}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('communities.form.access')}
        <select value={access} onChange={(e) => setAccess(e.target.value as typeof access)}>
          <option value="open">{t('communities.access.open')}</option>
          <option value="members">{t('communities.access.members')}</option>
        </select>
      </label>
      <ErrorText error={failure} />
      <button type="submit" disabled={busy}>
        {t('communities.create')}
      </button>
    </form>
  );
}
