import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, queryKey } from '../api/routes.ts';
import type { AttendanceSheet as Sheet } from '../api/types.ts';
import { counted, formatDay, formatNumber } from '../i18n/index.ts';
import { ErrorText } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { useAct } from '../shell/useAct.ts';
import { today } from './OfferingTable.tsx';

/**
 * The trainer's register for one session day, made for a tablet in the training room: one row per
 * participant with large present/absent choices, saved for the day in one go.
 */
export function AttendanceSheet({ offeringId, sheet }: { offeringId: string; sheet: Sheet }) {
  const { t } = useTranslation();
  const [day, setDay] = useState(() => sheet.days.find((d) => d >= today()) ?? sheet.days.at(-1)!);
  const [marks, setMarks] = useState<Record<string, Record<string, boolean>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const { act, failure, busy } = useAct([
    queryKey('GET /api/offerings/:offeringId/attendance', { params: { offeringId } }),
  ]);
  const markOf = (personId: string): boolean | undefined =>
    marks[day]?.[personId] ?? sheet.rows.find((r) => r.personId === personId)?.present[day];
  const mark = (personId: string, present: boolean) => {
    setSaved(null);
    setMarks((m) => ({ ...m, [day]: { ...m[day], [personId]: present } }));
  };
  const records = sheet.rows.flatMap((r) => {
    const present = markOf(r.personId);
    return present === undefined ? [] : [{ personId: r.personId, present }];
  });
  const presentCount = records.filter((r) => r.present).length;

  async function save() {
    const ok = await act(() =>
      call('PUT /api/offerings/:offeringId/attendance', { params: { offeringId }, body: { day, records } }),
    );
    if (ok) {
      setMarks((m) => ({ ...m, [day]: {} }));
      setSaved(day);
    }
  }

  return (
    <section className="attendance">
      <h2>{t('training.attendance.title')}</h2>
      <fieldset className="days">
        <legend>{t('training.attendance.day')}</legend>
        {sheet.days.map((d) => (
          <label key={d} className={d === day ? 'day chosen' : 'day'}>
            <input
              type="radio"
              name="attendance-day"
              checked={d === day}
              onChange={() => {
                setDay(d);
                setSaved(null);
              }}
            />
            {formatDay(d)}
          </label>
        ))}
      </fieldset>
      {sheet.rows.length === 0 ? (
        <p className="muted">{t('training.roster.empty')}</p>
      ) : (
        <>
          <p>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                for (const r of sheet.rows) if (markOf(r.personId) === undefined) mark(r.personId, true);
              }}
            >
              {t('training.attendance.restPresent')}
            </button>
          </p>
          <ul className="register plain">
            {sheet.rows.map((r) => {
              const present = markOf(r.personId);
              return (
                <li key={r.personId}>
                  <fieldset>
                    {/* Two participants of one name are told apart by national id and school. */}
                    <legend>
                      {r.personName}{' '}
                      <span className="muted">
                        {t('people.nationalId')} {r.nationalId ?? '—'} · <LocalText value={r.schoolName} />
                      </span>
                    </legend>
                    <label className={present === true ? 'mark chosen' : 'mark'}>
                      <input
                        type="radio"
                        name={`present-${r.personId}`}
                        checked={present === true}
                        onChange={() => mark(r.personId, true)}
                      />
                      {t('training.attendance.present')}
                    </label>
                    <label className={present === false ? 'mark chosen absent' : 'mark'}>
                      <input
                        type="radio"
                        name={`present-${r.personId}`}
                        checked={present === false}
                        onChange={() => mark(r.personId, false)}
                      />
                      {t('training.attendance.absent')}
                    </label>
                  </fieldset>
                </li>
              );
            })}
          </ul>
          <p aria-live="polite">
            {t('training.attendance.summary', {
              ...counted(presentCount),
              marked: formatNumber(records.length),
              total: formatNumber(sheet.rows.length),
            })}
          </p>
          <button type="button" disabled={busy || records.length === 0} onClick={() => void save()}>
            {t('training.attendance.save', { day: formatDay(day) })}
          </button>
          {saved && (
            <p className="success" role="status">
              {t('training.attendance.saved', { day: formatDay(saved) })}
            </p>
          )}
          {failure ? <ErrorText error={failure} /> : null}
        </>
      )}
    </section>
  );
}
