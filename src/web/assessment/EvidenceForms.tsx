import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, upload } from '../api/client.ts';
import type { Evidence } from '../api/types.ts';
import { formatNumber } from '../i18n/index.ts';
import type { Competency } from './PortfolioPage.tsx';

type Act = (work: () => Promise<unknown>) => Promise<boolean>;

export function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  const { t } = useTranslation();
  if (evidence.length === 0) return <p className="muted">{t('assessment.portfolio.noEvidence')}</p>;
  return (
    <ul className="evidence">
      {evidence.map((e) => (
        <li key={e.id}>
          {e.kind === 'file' ? (
            <a href={`/api/evidence/${e.id}/content`} download={e.fileName ?? undefined}>
              {e.title}
            </a>
          ) : (
            <a href={e.url!} target="_blank" rel="noopener noreferrer">
              {e.title}
            </a>
          )}
          <span className="muted">
            {' · '}
            {e.kind === 'file'
              ? t('assessment.evidence.fileSize', { kb: formatNumber(Math.ceil((e.sizeBytes ?? 0) / 1024)) })
              : t('assessment.evidence.link')}
          </span>
        </li>
      ))}
    </ul>
  );
}

function CompetencyChoice({
  competencies,
  value,
  onChange,
}: {
  competencies: Competency[];
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {t('assessment.competency')}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('assessment.evidence.general')}</option>
        {competencies.map((c) => (
          <option key={c.itemId} value={c.itemId}>
            {c.code} {c.title.text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The teacher adds a file (lesson plan, student work, photo) or a link (a lesson video) to the portfolio. */
export function EvidenceForms({
  personId,
  competencies,
  act,
}: {
  personId: string;
  competencies: Competency[];
  act: Act;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [itemId, setItemId] = useState('');
  const [share, setShare] = useState<number | null>(null);
  const [link, setLink] = useState({ title: '', url: '', itemId: '' });

  async function sendFile(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    const form = event.currentTarget;
    const query = new URLSearchParams({ title: title || file.name, fileName: file.name, itemIds: itemId });
    const ok = await act(() =>
      upload(`/api/people/${personId}/evidence?${query}`, file, 'application/octet-stream', setShare),
    );
    setShare(null);
    if (ok) {
      setFile(null);
      setTitle('');
      form.reset();
    }
  }

  async function sendLink(event: FormEvent) {
    event.preventDefault();
    const ok = await act(() =>
      api(`/api/people/${personId}/evidence-links`, {
        method: 'POST',
        body: { title: link.title, url: link.url, itemIds: link.itemId ? [link.itemId] : [] },
      }),
    );
    if (ok) setLink({ title: '', url: '', itemId: '' });
  }

  return (
    <section className="panel">
      <h2>{t('assessment.evidence.add')}</h2>
      <form onSubmit={(e) => void sendFile(e)} className="stack">
        <label>
          {t('assessment.evidence.file')}
          <input type="file" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <p className="muted">{t('assessment.evidence.allowed')}</p>
        <label>
          {t('assessment.evidence.title')}
          <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
        </label>
        <CompetencyChoice competencies={competencies} value={itemId} onChange={setItemId} />
        <button type="submit" disabled={share !== null}>
          {share === null
            ? t('assessment.evidence.upload')
            : t('assessment.evidence.uploading', { percent: formatNumber(Math.round(share * 100)) })}
        </button>
      </form>
      <h3>{t('assessment.evidence.addLinkTitle')}</h3>
      <form onSubmit={(e) => void sendLink(e)} className="stack">
        <label>
          {t('assessment.evidence.linkTitle')}
          <input
            value={link.title}
            onChange={(e) => setLink({ ...link, title: e.target.value })}
            required
            maxLength={200}
          />
        </label>
        <label>
          {t('assessment.evidence.url')}
          <input
            type="url"
            value={link.url}
            onChange={(e) => setLink({ ...link, url: e.target.value })}
            required
            placeholder="https://"
          />
        </label>
        <CompetencyChoice
          competencies={competencies}
          value={link.itemId}
          onChange={(value) => setLink({ ...link, itemId: value })}
        />
        <button type="submit" className="secondary">
          {t('assessment.evidence.addLink')}
        </button>
      </form>
    </section>
  );
}

/** Checkboxes to pick evidence from the portfolio. */
export function EvidencePicker({
  evidence,
  chosen,
  onChange,
  legend,
}: {
  evidence: Evidence[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  legend: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{legend}</legend>
      {evidence.length === 0 && <p className="muted">{t('assessment.portfolio.noEvidence')}</p>}
      {evidence.map((e) => (
        <label key={e.id} className="option">
          <input
            type="checkbox"
            checked={chosen.includes(e.id)}
            onChange={(ev) => onChange(ev.target.checked ? [...chosen, e.id] : chosen.filter((id) => id !== e.id))}
          />
          <span>{e.title}</span>
        </label>
      ))}
    </fieldset>
  );
}
