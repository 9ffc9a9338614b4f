import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type ApiInput, type ApiResponse, call, queryKey, useApiQuery } from '../api/routes.ts';
import { localResolved } from '../frameworks/text.ts';
import { counted, formatDay, i18n } from '../i18n/index.ts';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { useAct } from '../shell/useAct.ts';
import './regional.css';

type List = ApiResponse<'GET /api/regional/activities'>;
type Body = ApiInput<'POST /api/regional/activities'>['body'];
const KINDS = ['seminar', 'training', 'project'] as const;

/**
 * Regional seminars, trainings and international projects: for the office its own (and a form to
 * create one), for a ministry those its country is invited to, for a teacher those they take part in.
 */
export default function ActivitiesPage() {
  const { t } = useTranslation();
  const list = useApiQuery('GET /api/regional/activities', {});
  return (
    <div className="regional collaboration">
      <h1>{t('regional.activities.title')}</h1>
      <p>{t('regional.activities.intro')}</p>
      <QueryState query={list}>
        {() => (
          <>
            {list.data!.items.length === 0 ? (
              <p className="muted">{t('regional.activities.none')}</p>
            ) : (
              <ul className="cards">
                {list.data!.items.map((a) => (
                  <li key={a.id} className="card">
                    <Link className="card-title" to={`/regional/activities/${a.id}`}>
                      <LocalText value={a.title} />
                    </Link>
                    <span className="muted">
                      {t(`regional.activities.kind.${a.kind}`)} · {formatDay(a.startsOn)} – {formatDay(a.endsOn)}
                    </span>
                    <span className="muted">
                      {t('regional.activities.countries', counted(a.countries))} ·{' '}
                      {t('regional.activities.participants', counted(a.participants))}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {list.data!.canCreate && <NewActivity invitable={list.data!.invitable} />}
          </>
        )}
      </QueryState>
    </div>
  );
}

function NewActivity({ invitable }: { invitable: List['invitable'] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [kind, setKind] = useState<Body['kind']>('seminar');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [place, setPlace] = useState('');
  const [onlineUrl, setOnlineUrl] = useState('');
  const [countries, setCountries] = useState<string[]>([]);
  const { act, failure, busy } = useAct([queryKey('GET /api/regional/activities')]);
  const here = (text: string) => ({ [i18n.language]: text });

  async function submit(e: FormEvent) {
    e.preventDefault();
    let id = '';
    const ok = await act(async () => {
      id = (
        await call('POST /api/regional/activities', {
          body: {
            kind,
            title: here(title),
            ...(description.trim() ? { description: here(description) } : {}),
            startsOn,
            endsOn,
            ...(place.trim() ? { place: place.trim() } : {}),
            ...(onlineUrl.trim() ? { onlineUrl: onlineUrl.trim() } : {}),
            countryTenantIds: countries,
          },
        })
      ).id;
    });
    if (ok) navigate(`/regional/activities/${id}`);
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('regional.activities.create')}>
      <h2>{t('regional.activities.create')}</h2>
      <label>
        {t('regional.activities.form.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as Body['kind'])}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`regional.activities.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('regional.activities.form.title')}
        <input required maxLength={2000} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        {t('regional.activities.form.description')}
        <textarea maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        {t('regional.activities.form.startsOn')}
        <input type="date" required value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
      </label>
      <label>
        {t('regional.activities.form.endsOn')}
        <input type="date" required value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
      </label>
      <label>
        {t('regional.activities.form.place')}
        <input maxLength={500} value={place} onChange={(e) => setPlace(e.target.value)} />
      </label>
      <label>
        {t('regional.activities.form.onlineUrl')}
        <input type="url" value={onlineUrl} onChange={(e) => setOnlineUrl(e.target.value)} />
      </label>
      <fieldset>
        <legend>{t('regional.activities.form.countries')}</legend>
        {invitable.map((c) => (
          <label key={c.id} className="check">
            <input
              type="checkbox"
              checked={countries.includes(c.id)}
              onChange={(e) =>
                setCountries(e.target.checked ? [...countries, c.id] : countries.filter((x) => x !== c.id))
              }
            />{' '}
            <LocalText value={localResolved(c.name, i18n.language)} />
          </label>
        ))}
      </fieldset>
      <ErrorText error={failure} />
      <button type="submit" disabled={busy}>
        {t('regional.activities.form.submit')}
      </button>
    </form>
  );
}
