import { useTranslation } from 'react-i18next';
import { formatNumber, languageName } from '../../i18n/index.ts';
import type { Detail, Version } from './api.ts';

/** What a version of a design says, laid out the same on screen and on paper. */
export function DesignBody({ design, version }: { design: Detail; version: Version }) {
  const { t } = useTranslation();
  const c = version.content;
  return (
    <article className="design-body" lang={design.language}>
      <dl className="facts design-facts">
        <div>
          <dt>{t('designs.subject')}</dt>
          <dd>{design.subject}</dd>
        </div>
        <div>
          <dt>{t('designs.grade')}</dt>
          <dd>{design.grade}</dd>
        </div>
        <div>
          <dt>{t('designs.authors')}</dt>
          <dd>{design.coAuthor ? `${design.author.name}, ${design.coAuthor.name}` : design.author.name}</dd>
        </div>
        <div>
          <dt>{t('designs.school')}</dt>
          <dd>{design.schoolName}</dd>
        </div>
        <div>
          <dt>{t('designs.language')}</dt>
          <dd>{languageName(design.language)}</dd>
        </div>
        <div>
          <dt>{t('designs.grouping')}</dt>
          <dd>{t(`designs.groupings.${c.grouping}`)}</dd>
        </div>
      </dl>
      <h2>{t('designs.objectives')}</h2>
      <Items values={c.objectives} />
      <h2>{t('designs.studentActivity')}</h2>
      <p className="design-text">{c.studentActivity || '—'}</p>
      <h2>{t('designs.ict')}</h2>
      <Items values={c.ict} />
      <h2>
        {t('designs.steps')}{' '}
        <span className="muted">({t('designs.totalMinutes', { n: formatNumber(version.totalMinutes) })})</span>
      </h2>
      {c.steps.length === 0 ? (
        <p>—</p>
      ) : (
        <ol className="design-step-list">
          {c.steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps have no identity of their own.
            <li key={i}>
              <strong>{s.title}</strong>{' '}
              <span className="muted">{t('designs.minutesN', { n: formatNumber(s.minutes) })}</span>
              {s.description && <p className="design-text">{s.description}</p>}
            </li>
          ))}
        </ol>
      )}
      <h2>{t('designs.assessment')}</h2>
      <p className="design-text">{c.assessment || '—'}</p>
      <h2>{t('designs.resources')}</h2>
      <Items values={c.resources} />
      <h2>{t('designs.competencies')}</h2>
      {version.competencies.length === 0 ? (
        <p>—</p>
      ) : (
        <ul>
          {version.competencies.map((x) => (
            <li key={x.itemId}>
              {x.code} {x.title} — <strong>{x.levelTitle}</strong>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

function Items({ values }: { values: string[] }) {
  if (values.length === 0) return <p>—</p>;
  return (
    <ul>
      {values.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: entries are plain text without identity.
        <li key={i}>{v}</li>
      ))}
    </ul>
  );
}
