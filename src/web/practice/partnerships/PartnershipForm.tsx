import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../auth/session.tsx';
import { formatNumber } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { NotAllowed } from '../../shell/Pages.tsx';
import {
  createPartnership,
  keys,
  type PartnershipView,
  todayIso,
  updatePartnership,
  useOptions,
  usePartnership,
} from './data.ts';

/** Creates a partnership, or edits one (`/partnerships/:partnershipId/edit`). */
export default function PartnershipFormPage() {
  const { partnershipId } = useParams();
  const allowed = useCan('practice.manage');
  const existing = usePartnership(partnershipId ?? '');
  if (!allowed) return <NotAllowed />;
  if (!partnershipId) return <PartnershipForm />;
  return (
    <QueryState query={existing}>
      {() => (existing.data!.can.edit ? <PartnershipForm existing={existing.data!} /> : <NotAllowed />)}
    </QueryState>
  );
}

function PartnershipForm({ existing }: { existing?: PartnershipView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form, setForm] = useState({
    teiUnitId: existing?.host.id ?? '',
    title: existing?.title ?? '',
    focus: existing?.focus ?? '',
    startsOn: existing?.startsOn ?? todayIso(),
    endsOn: existing?.endsOn ?? '',
  });
  const [schoolIds, setSchoolIds] = useState<string[]>(existing?.schools.map((s) => s.id) ?? []);
  const [coachIds, setCoachIds] = useState<string[]>(existing?.coaches.map((c) => c.personId) ?? []);
  const [filter, setFilter] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const hosts = useOptions('', true);
  const chosen = useOptions(form.teiUnitId, !!form.teiUnitId);
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })),
  });
  const faultField = failure instanceof ApiError ? String(failure.details.field ?? '').replace(/^body\./, '') : '';
  const invalid = (name: string) => (faultField === name ? { 'aria-invalid': true as const } : {});
  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...new Set([...list, value])] : list.filter((x) => x !== value);
  const schools = (chosen.data?.schools ?? []).filter(
    (s) => !filter || `${s.name.text} ${s.districtName?.text ?? ''}`.toLowerCase().includes(filter.toLowerCase()),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setBusy(true);
    try {
      const body = { ...form, title: form.title.trim(), focus: form.focus.trim(), schoolIds, coachIds };
      const saved = existing ? await updatePartnership(existing.id, body) : await createPartnership(body);
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.list }),
        client.invalidateQueries({ queryKey: keys.coverage }),
        client.invalidateQueries({ queryKey: keys.one(saved.id) }),
      ]);
      navigate(`/partnerships/${saved.id}`);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{existing ? t('partnerships.edit') : t('partnerships.new')}</h1>
      <form className="panel stack" onSubmit={(e) => void submit(e)}>
        <label>
          {t('partnerships.fields.host')}
          <select
            required
            {...field('teiUnitId')}
            {...invalid('teiUnitId')}
            onChange={(e) => {
              setForm((f) => ({ ...f, teiUnitId: e.target.value }));
              setCoachIds([]);
            }}
          >
            <option value="">{t('partnerships.choose')}</option>
            {(hosts.data?.hosts ?? []).map((h) => (
              <option key={h.id} value={h.id}>
                {h.name.text} ({t(`org.type.${h.type}`)})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('partnerships.fields.title')}
          <input required maxLength={200} {...field('title')} />
        </label>
        <label>
          {t('partnerships.fields.focus')}
          <textarea required maxLength={2000} rows={3} {...field('focus')} />
        </label>
        <fieldset>
          <legend>{t('partnerships.fields.period')}</legend>
          <label>
            {t('partnerships.fields.startsOn')}
            <input type="date" required {...field('startsOn')} {...invalid('startsOn')} />
          </label>
          <label>
            {t('partnerships.fields.endsOn')}
            <input type="date" required min={form.startsOn || undefined} {...field('endsOn')} {...invalid('endsOn')} />
          </label>
        </fieldset>
        {form.teiUnitId && (
          <QueryState query={chosen}>
            {() => (
              <>
                <fieldset {...invalid('coachIds')}>
                  <legend>{t('partnerships.fields.coaches')}</legend>
                  {chosen.data!.coaches.length === 0 && <p className="muted">{t('partnerships.noCoaches')}</p>}
                  {chosen.data!.coaches.map((c) => (
                    <label key={c.personId} className="choice">
                      <input
                        type="checkbox"
                        checked={coachIds.includes(c.personId)}
                        onChange={(e) => setCoachIds((l) => toggle(l, c.personId, e.target.checked))}
                      />
                      {c.name} ({t(`partnerships.category.${c.category}`)})
                    </label>
                  ))}
                </fieldset>
                <fieldset {...invalid('schoolIds')}>
                  <legend>
                    {t('partnerships.fields.schools')} (
                    {t('partnerships.chosen', { n: formatNumber(schoolIds.length) })})
                  </legend>
                  <label>
                    {t('partnerships.filterSchools')}
                    <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
                  </label>
                  {schools.map((s) => (
                    <label key={s.id} className="choice">
                      <input
                        type="checkbox"
                        checked={schoolIds.includes(s.id)}
                        onChange={(e) => setSchoolIds((l) => toggle(l, s.id, e.target.checked))}
                      />
                      {s.name.text}
                      {s.districtName && <span className="muted"> · {s.districtName.text}</span>}
                    </label>
                  ))}
                </fieldset>
              </>
            )}
          </QueryState>
        )}
        {failure !== null && <ErrorText error={failure} />}
        <p>
          <button type="submit" disabled={busy || !schoolIds.length || !coachIds.length}>
            {existing ? t('partnerships.save') : t('partnerships.create')}
          </button>
        </p>
      </form>
    </>
  );
}
