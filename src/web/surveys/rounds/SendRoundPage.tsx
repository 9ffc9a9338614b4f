import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { call, useApiQuery } from '../../api/routes.ts';
import { i18n } from '../../i18n/index.ts';
import { ErrorText } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { useAct } from '../../shell/useAct.ts';

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const CATEGORIES = ['teacher', 'school_leader', 'trainer', 'assessor', 'officer'] as const;
const PLACES = ['school', 'tei', 'resource_centre'] as const;
const KINDS = ['general', 'reaction', 'pre', 'post', 'follow_up'] as const;
type Kind = (typeof KINDS)[number];

/**
 * Sends a published questionnaire to the people of a unit: who, anonymous or not, and when. From an
 * offering's evaluation it comes with the offering, the kind of round, the unit holding everyone
 * enrolled and the window (a follow-up three to six months after the training): then the people are
 * the offering's (its completers; everyone enrolled for a pre round) and only the rest is chosen.
 */
export default function SendRoundPage() {
  const { t } = useTranslation();
  const { surveyId = '' } = useParams();
  const [search] = useSearchParams();
  const offeringId = search.get('offeringId') ?? '';
  const kindParam = search.get('kind') as Kind | null;
  const kind: Kind = kindParam && KINDS.includes(kindParam) ? kindParam : 'general';
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const units = useApiQuery(
    'GET /api/org-units',
    { query: q.trim() ? { q: q.trim(), limit: 50 } : { limit: 50 } },
    { enabled: !offeringId },
  );
  const offering = useApiQuery('GET /api/offerings/:offeringId', { params: { offeringId } }, { enabled: !!offeringId });
  const [unitId, setUnitId] = useState(search.get('unitId') ?? '');
  const [title, setTitle] = useState('');
  const [categories, setCategories] = useState<string[]>(['teacher']);
  const [places, setPlaces] = useState<string[]>([]);
  // Pre and post rounds are paired by person, which an anonymous round cannot be.
  const [anonymous, setAnonymous] = useState(kind !== 'pre' && kind !== 'post');
  const today = new Date();
  const [opensOn, setOpensOn] = useState(search.get('opensOn') ?? dayOf(today));
  const [closesOn, setClosesOn] = useState(
    search.get('closesOn') ?? dayOf(new Date(today.getTime() + 28 * 86_400_000)),
  );
  const { act, failure, busy } = useAct([['GET /api/surveys/rounds']]);
  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...list, value] : list.filter((v) => v !== value);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await act(async () => {
      const round = await call('POST /api/surveys/:surveyId/rounds', {
        params: { surveyId },
        body: {
          title: { [i18n.language]: title.trim() },
          unitId,
          anonymous,
          kind,
          opensOn,
          closesOn,
          population: {
            categories: categories as (typeof CATEGORIES)[number][],
            ...(places.length ? { placeTypes: places as (typeof PLACES)[number][] } : {}),
            ...(offeringId ? { offeringId } : {}),
          },
        },
      });
      navigate(`/surveys/rounds/${round.id}`);
    });
  }

  return (
    <form className="stack narrow" onSubmit={submit} aria-label={t('surveys.rounds.send')}>
      <h1>{t('surveys.rounds.send')}</h1>
      <label>
        {t('surveys.rounds.title')}
        <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      {offeringId ? (
        <p>
          {t('surveys.rounds.forOffering')}{' '}
          {offering.data && (
            <Link to={`/offerings/${offeringId}`}>
              <LocalText value={offering.data.title} />
            </Link>
          )}{' '}
          · {t(`surveys.evaluation.kind.${kind}`)}
        </p>
      ) : (
        <>
          <label>
            {t('surveys.rounds.findUnit')}
            <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </label>
          <label>
            {t('surveys.rounds.unit')}
            <select required value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              <option value="">{t('surveys.rounds.chooseUnit')}</option>
              {units.data?.items.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName.text} ({t(`org.type.${u.type}`)})
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      <fieldset>
        <legend>{t('surveys.rounds.who')}</legend>
        {CATEGORIES.map((c) => (
          <label key={c} className="choice">
            <input
              type="checkbox"
              checked={categories.includes(c)}
              onChange={(e) => setCategories(toggle(categories, c, e.target.checked))}
            />
            {t(`people.categories.${c}`)}
          </label>
        ))}
      </fieldset>
      <fieldset hidden={!!offeringId}>
        <legend>{t('surveys.rounds.places')}</legend>
        {PLACES.map((p) => (
          <label key={p} className="choice">
            <input
              type="checkbox"
              checked={places.includes(p)}
              onChange={(e) => setPlaces(toggle(places, p, e.target.checked))}
            />
            {t(`org.type.${p}`)}
          </label>
        ))}
      </fieldset>
      <label className="choice">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
        {t('surveys.rounds.anonymous')}
      </label>
      {kind === 'pre' || kind === 'post' ? <p className="muted">{t('surveys.rounds.pairingNote')}</p> : null}
      <label>
        {t('surveys.rounds.opensOn')}
        <input type="date" required value={opensOn} min={dayOf(today)} onChange={(e) => setOpensOn(e.target.value)} />
      </label>
      <label>
        {t('surveys.rounds.closesOn')}
        <input type="date" required value={closesOn} min={opensOn} onChange={(e) => setClosesOn(e.target.value)} />
      </label>
      {failure ? <ErrorText error={failure} /> : null}
      <button type="submit" disabled={busy || !unitId || categories.length === 0}>
        {t('surveys.rounds.sendButton')}
      </button>
    </form>
  );
}
