import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { call, routeUrl, sendFile as sendFileTo } from '../api/routes.ts';
import type { Evidence } from '../api/types.ts';
import { formatDate, formatNumber } from '../i18n/index.ts';
import type { Competency } from './PortfolioPage.tsx';

type Act = (work: () => Promise<unknown>) => Promise<boolean>;

/** The format names people know the accepted types by (the server sniffs one of these). */
const FORMATS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'video/mp4': 'MP4',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/vnd.oasis.opendocument.text': 'OpenDocument',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument',
};

function hostOf(url: string | null) {
  try {
    return new URL(url ?? '').host;
  } catch {
    return '';
  }
}

function useEvidenceDetails() {
  const { t } = useTranslation();
  return (e: Evidence) => {
    if (e.kind === 'link') {
      const host = hostOf(e.url);
      return host ? t('assessment.evidence.linkDetails', { host }) : t('assessment.evidence.link');
    }
    const type = e.contentType?.startsWith('text/plain')
      ? t('assessment.evidence.plainText')
      : (FORMATS[e.contentType ?? ''] ?? (e.fileName?.split('.').at(-1) ?? '').toUpperCase());
    return t('assessment.evidence.fileDetails', { type, kb: formatNumber(Math.ceil((e.sizeBytes ?? 0) / 1024)) });
  };
}

/** Evidence as links: files download (with their name, format and size), links open in a new tab. */
export function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  const { t } = useTranslation();
  const details = useEvidenceDetails();
  if (evidence.length === 0) return <p className="muted">{t('assessment.portfolio.noEvidence')}</p>;
  return (
    <ul className="evidence">
      {evidence.map((e) => (
        <li key={e.id}>
          {e.kind === 'file' ? (
            <a href={routeUrl('GET /api/evidence/:id/content', { params: { id: e.id } })} download={e.fileName ?? ''}>
              {e.title}
            </a>
          ) : (
            <a href={e.url!} target="_blank" rel="noopener noreferrer">
              {e.title}
            </a>
          )}
          <span className="muted">
            {' · '}
            {e.kind === 'file' && e.fileName && e.fileName !== e.title ? `${e.fileName} · ` : ''}
            {details(e)}
          </span>
        </li>
      ))}
    </ul>
  );
}

type UploadNotice = { kind: 'uploaded'; name: string } | { kind: 'duplicate'; title: string; date: string } | null;

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
  const [notice, setNotice] = useState<UploadNotice>(null);
  const [link, setLink] = useState({ title: '', url: '', itemId: '' });

  async function sendFile(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    const form = event.currentTarget;
    const query = { title: title || file.name, fileName: file.name, itemIds: itemId };
    setNotice(null);
    let shown: UploadNotice = null;
    // A duplicate is answered here, beside the file chosen, naming the evidence already there.
    await act(async () => {
      try {
        const created = await sendFileTo(
          'POST /api/people/:personId/evidence',
          { params: { personId }, query },
          file,
          'application/octet-stream',
          setShare,
        );
        shown = { kind: 'uploaded', name: created.fileName ?? created.title };
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'evidence_duplicate')) throw error;
        const { title: existing, fileName, createdAt } = error.details as Record<string, string | null>;
        shown = { kind: 'duplicate', title: existing ?? fileName ?? '', date: createdAt ? formatDate(createdAt) : '' };
      }
    });
    setShare(null);
    setNotice(shown);
    if ((shown as UploadNotice)?.kind === 'uploaded') {
      setFile(null);
      setTitle('');
      form.reset();
    }
  }

  async function sendLink(event: FormEvent) {
    event.preventDefault();
    const ok = await act(() =>
      call('POST /api/people/:personId/evidence-links', {
        params: { personId },
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
        {notice?.kind === 'uploaded' && (
          <p className="success" role="status">
            {t('assessment.evidence.uploaded', { name: notice.name })}
          </p>
        )}
        {notice?.kind === 'duplicate' && (
          <p className="error" role="alert">
            {t('assessment.evidence.duplicate', { title: notice.title, date: notice.date })}
          </p>
        )}
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
