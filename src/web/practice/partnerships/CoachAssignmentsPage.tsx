import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/routes.ts';
import { useCan } from '../../auth/session.tsx';
import { formatDay } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { assignCoach, keys, todayIso, useAssignments } from './data.ts';

/**
 * Coaches named for teachers outside partnerships and training (a peer teacher, say): the reader's own
 * (as coach or teacher) and, for school leaders and officers, those of the teachers they manage, with
 * the form to name one.
 */
export default function CoachAssignmentsPage() {
  const { t } = useTranslation();
  const canAssign = useCan('practice.manage');
  const list = useAssignments();
  return (
    <>
      <p>
        <Link to="/partnerships">{t('partnerships.title')}</Link>
      </p>
      <h1>{t('partnerships.assignments.title')}</h1>
      {canAssign && <AssignForm />}
      <QueryState query={list}>
        {() =>
          list.data!.items.length === 0 ? (
            <p className="muted">{t('partnerships.assignments.none')}</p>
          ) : (
            <table className="cards">
              <caption className="visually-hidden">{t('partnerships.assignments.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('partnerships.assignments.teacher')}</th>
                  <th scope="col">{t('partnerships.assignments.coach')}</th>
                  <th scope="col">{t('partnerships.fields.period')}</th>
                  <th scope="col">{t('partnerships.fields.status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data!.items.map((a) => (
                  <tr key={a.id}>
                    <td>{a.teacher.name}</td>
                    <td data-label={t('partnerships.assignments.coach')}>{a.coach.name}</td>
                    <td data-label={t('partnerships.fields.period')}>
                      {formatDay(a.startsOn)} – {formatDay(a.endsOn)}
                    </td>
                    <td data-label={t('partnerships.fields.status')}>{t(`partnerships.status.${a.status}`)}</td>
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

function AssignForm() {
  const { t } = useTranslation();
  const [form, setForm] = useState({ teacherPersonId: '', coachPersonId: '', startsOn: todayIso(), endsOn: '' });
  const teachers = useApiQuery('GET /api/people', { query: { category: 'teacher', limit: 200 } });
  const people = useApiQuery('GET /api/people', { query: { limit: 200 } });
  const { act, failure, busy } = useAct([keys.assignments]);
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })),
  });
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await act(() => assignCoach(form))) setForm((f) => ({ ...f, teacherPersonId: '', coachPersonId: '' }));
  }
  return (
    <form className="panel stack" onSubmit={(e) => void submit(e)}>
      <h2>{t('partnerships.assignments.new')}</h2>
      <p className="muted">{t('partnerships.assignments.hint')}</p>
      <label>
        {t('partnerships.assignments.teacher')}
        <select required {...field('teacherPersonId')}>
          <option value="">{t('partnerships.choose')}</option>
          {(teachers.data?.items ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.givenName} {p.familyName} · {p.orgUnitName}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('partnerships.assignments.coach')}
        <select required {...field('coachPersonId')}>
          <option value="">{t('partnerships.choose')}</option>
          {(people.data?.items ?? [])
            .filter((p) => p.id !== form.teacherPersonId)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.givenName} {p.familyName} · {p.orgUnitName}
              </option>
            ))}
        </select>
      </label>
      <label>
        {t('partnerships.fields.startsOn')}
        <input type="date" required {...field('startsOn')} />
      </label>
      <label>
        {t('partnerships.fields.endsOn')}
        <input type="date" required min={form.startsOn || undefined} {...field('endsOn')} />
      </label>
      {failure !== null && <ErrorText error={failure} />}
      <p>
        <button type="submit" disabled={busy}>
          {t('partnerships.assignments.assign')}
        </button>
      </p>
    </form>
  );
}
