import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ApiInput, call, queryKey, sendFile, useApiQuery } from '../../api/routes.ts';
import { i18n, isLanguage, LANGUAGES, languageName } from '../../i18n/index.ts';
import { ErrorText } from '../../shell/ErrorText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { FILE_KINDS, KINDS, LICENCES, licenceName, URL_KINDS } from './kinds.ts';
import './library.css';

type Body = ApiInput<'POST /api/resources'>['body'];
type Kind = (typeof KINDS)[number];
type Competency = { itemId: string; levelCode: string };

/**
 * A new resource: its title and description in as many languages as the author writes (one tab per
 * language), its metadata, and the link, the file or the activity design it carries.
 */
export default function NewResourcePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const first = isLanguage(i18n.language) ? i18n.language : 'en';
  const [kind, setKind] = useState<Kind>('lesson_plan');
  const [tab, setTab] = useState<string>(first);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [descriptions, setDescriptions] = useState<Record<string, string>>({});
  const [subject, setSubject] = useState('');
  const [grade, setGrade] = useState('');
  const [languages, setLanguages] = useState<string[]>([first]);
  const [licence, setLicence] = useState<(typeof LICENCES)[number]>('CC-BY-4.0');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [designId, setDesignId] = useState('');
  const [competencies, setCompetencies] = useState<Competency[]>([]);
  const standard = useApiQuery('GET /api/activity-designs/standard', {});
  const myDesigns = useQuery({
    queryKey: queryKey('GET /api/activity-designs', { query: { scope: 'mine' } }),
    queryFn: () => call('GET /api/activity-designs', { query: { scope: 'mine' } }),
    enabled: kind === 'activity_design',
  });
  const { act, failure, busy } = useAct([queryKey('GET /api/resources')]);
  const design = myDesigns.data?.items.find((d) => d.id === designId);

  const filled = (m: Record<string, string>) =>
    Object.fromEntries(Object.entries(m).filter(([, v]) => v.trim() !== '')) as Body['title'];

  async function submit(e: FormEvent) {
    e.preventDefault();
    let id = '';
    const ok = await act(async () => {
      const description = filled(descriptions);
      const made = await call('POST /api/resources', {
        body: {
          kind,
          designId: kind === 'activity_design' ? designId || null : null,
          title: filled(titles),
          ...(Object.keys(description).length ? { description } : {}),
          url: URL_KINDS.includes(kind) ? url.trim() || null : null,
          subject,
          grade,
          languages: languages as Body['languages'],
          licence,
          competencies,
        } as Body,
      });
      id = made.id;
      if (file && FILE_KINDS.includes(kind))
        await sendFile(
          'PUT /api/resources/:resourceId/file',
          { params: { resourceId: id }, query: { fileName: file.name } },
          file,
          file.type || 'application/octet-stream',
        );
    });
    if (ok) navigate(`/library/${id}`);
  }

  return (
    <div className="library narrow-form">
      <h1>{t('library.form.newTitle')}</h1>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          {t('library.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`library.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {kind === 'activity_design' && (
          <label>
            {t('library.form.design')}
            <select
              required
              value={designId}
              onChange={(e) => {
                setDesignId(e.target.value);
                const d = myDesigns.data?.items.find((x) => x.id === e.target.value);
                if (d) {
                  setTitles((m) => ({ ...m, [d.language]: m[d.language] || d.title }));
                  setSubject((s) => s || d.subject);
                  setGrade((g) => g || d.grade);
                }
              }}
            >
              <option value="">{t('library.form.chooseDesign')}</option>
              {myDesigns.data?.items.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
            {design && <span className="muted hint">{t(`library.form.designSharing.${design.sharing}`)}</span>}
          </label>
        )}
        <fieldset className="translations">
          <legend>{t('library.form.text')}</legend>
          <div role="tablist" className="language-tabs">
            {LANGUAGES.map((l) => (
              <button
                key={l.code}
                type="button"
                role="tab"
                aria-selected={tab === l.code}
                className={tab === l.code ? 'chosen' : undefined}
                onClick={() => setTab(l.code)}
              >
                {languageName(l.code)}
                {titles[l.code]?.trim() ? ' ✓' : ''}
              </button>
            ))}
          </div>
          <div role="tabpanel" lang={tab}>
            <label>
              {t('library.form.titleIn', { language: languageName(tab) })}
              <input
                required={Object.values(titles).every((v) => !v.trim())}
                maxLength={500}
                value={titles[tab] ?? ''}
                onChange={(e) => setTitles({ ...titles, [tab]: e.target.value })}
              />
            </label>
            <label>
              {t('library.form.descriptionIn', { language: languageName(tab) })}
              <textarea
                rows={4}
                value={descriptions[tab] ?? ''}
                onChange={(e) => setDescriptions({ ...descriptions, [tab]: e.target.value })}
              />
            </label>
          </div>
        </fieldset>
        <label>
          {t('library.subject')}
          <input maxLength={100} value={subject} onChange={(e) => setSubject(e.target.value)} />
        </label>
        <label>
          {t('library.grade')}
          <input maxLength={32} value={grade} onChange={(e) => setGrade(e.target.value)} />
        </label>
        <fieldset className="checks">
          <legend>{t('library.form.languages')}</legend>
          {LANGUAGES.map((l) => (
            <label key={l.code}>
              <input
                type="checkbox"
                checked={languages.includes(l.code)}
                onChange={(e) =>
                  setLanguages(e.target.checked ? [...languages, l.code] : languages.filter((x) => x !== l.code))
                }
              />{' '}
              {languageName(l.code)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('library.licence')}
          <select value={licence} onChange={(e) => setLicence(e.target.value as typeof licence)}>
            {LICENCES.map((l) => (
              <option key={l} value={l}>
                {licenceName(l, t)}
              </option>
            ))}
          </select>
        </label>
        {URL_KINDS.includes(kind) && (
          <label>
            {t('library.form.url')}
            <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} />
          </label>
        )}
        {FILE_KINDS.includes(kind) && (
          <label>
            {t('library.form.file')}
            <input type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
        )}
        <fieldset>
          <legend>{t('library.form.competencies')}</legend>
          {competencies.map((c, i) => (
            <div key={c.itemId} className="competency-row">
              <label>
                {t('library.form.competency')}
                <select
                  value={c.itemId}
                  onChange={(e) =>
                    setCompetencies(competencies.map((x, j) => (j === i ? { ...x, itemId: e.target.value } : x)))
                  }
                >
                  {standard.data?.competencies
                    .filter((o) => o.id === c.itemId || !competencies.some((x) => x.itemId === o.id))
                    .map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.code} {o.title}
                      </option>
                    ))}
                </select>
              </label>
              <label>
                {t('library.form.level')}
                <select
                  value={c.levelCode}
                  onChange={(e) =>
                    setCompetencies(competencies.map((x, j) => (j === i ? { ...x, levelCode: e.target.value } : x)))
                  }
                >
                  {standard.data?.levels.map((l) => (
                    <option key={l.code} value={l.code}>
                      {l.title}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" onClick={() => setCompetencies(competencies.filter((_, j) => j !== i))}>
                {t('library.form.removeCompetency')}
              </button>
            </div>
          ))}
          {standard.data && competencies.length < 20 && (
            <button
              type="button"
              onClick={() => {
                const free = standard.data.competencies.find((o) => !competencies.some((x) => x.itemId === o.id));
                const level = standard.data.levels[0];
                if (free && level) setCompetencies([...competencies, { itemId: free.id, levelCode: level.code }]);
              }}
            >
              {t('library.form.addCompetency')}
            </button>
          )}
        </fieldset>
        {failure !== null && <ErrorText error={failure} />}
        <button type="submit" disabled={busy}>
          {t('library.form.create')}
        </button>
      </form>
    </div>
  );
}
