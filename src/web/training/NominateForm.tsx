import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, useApiQuery } from '../api/routes.ts';
import type { Enrolment, Offering } from '../api/types.ts';
import { counted, formatNumber } from '../i18n/index.ts';
import { ErrorText } from '../shell/ErrorText.tsx';
import { useAct } from '../shell/useAct.ts';
import { offeringKeys } from './offeringKeys.ts';

/** A school leader or district officer picks teachers of their scope; past capacity they are waitlisted. */
export function NominateForm({ offering, enrolments }: { offering: Offering; enrolments: Enrolment[] }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<{ enrolled: number; waitlisted: number } | null>(null);
  const { act, failure, busy } = useAct(offeringKeys(offering.id));
  const people = useApiQuery('GET /api/people', {
    query: { category: 'teacher', limit: 100, q: search || undefined },
  });
  const taken = new Set(enrolments.filter((e) => e.status !== 'withdrawn').map((e) => e.personId));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    let answer: Enrolment[] = [];
    const ok = await act(async () => {
      answer = (
        await call('POST /api/offerings/:offeringId/nominations', {
          params: { offeringId: offering.id },
          body: { personIds: chosen },
        })
      ).items;
    });
    if (ok) {
      setChosen([]);
      setOutcome({
        enrolled: answer.filter((e) => e.status === 'enrolled').length,
        waitlisted: answer.filter((e) => e.status === 'waitlisted').length,
      });
    }
  }

  return (
    <section className="panel">
      <h2>{t('training.nominate.title')}</h2>
      <search>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            setSearch(q.trim());
          }}
        >
          <label>
            {t('training.nominate.search')}
            <input
              type="search"
              value={q}
              placeholder={t('people.searchPlaceholder')}
              onChange={(e) => setQ(e.target.value)}
            />
          </label>
          <button type="submit" className="secondary">
            {t('people.search')}
          </button>
        </form>
      </search>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>{t('training.nominate.teachers')}</legend>
          {people.isPending && <p className="muted">{t('app.loading')}</p>}
          {people.error ? <ErrorText error={people.error} /> : null}
          {people.data?.items.length === 0 && <p>{t('people.none')}</p>}
          {people.data?.items.map((p) => (
            <label key={p.id} className="choice">
              <input
                type="checkbox"
                disabled={taken.has(p.id)}
                checked={taken.has(p.id) || chosen.includes(p.id)}
                onChange={(e) =>
                  setChosen((ids) => (e.target.checked ? [...ids, p.id] : ids.filter((id) => id !== p.id)))
                }
              />
              {p.givenName} {p.familyName} · {p.orgUnitName}
              {taken.has(p.id) && <span className="tag">{t('training.nominate.already')}</span>}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={busy || chosen.length === 0}>
          {t('training.nominate.submit', counted(chosen.length))}
        </button>
      </form>
      {failure ? <ErrorText error={failure} /> : null}
      {outcome && (
        <p className="success" role="status">
          {/* What this nomination did; the seats taken in all are the offering's figure above. */}
          {t('training.nominate.placed', {
            ...counted(outcome.enrolled),
            waitlisted: formatNumber(outcome.waitlisted),
          })}
        </p>
      )}
    </section>
  );
}
