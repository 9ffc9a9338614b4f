import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatDate, formatNumber } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { type Detail, designsClient, keys, type Sharing } from './api.ts';
import { DesignBody } from './DesignBody.tsx';
import './designs.css';

const SHARING: Sharing[] = ['private', 'school', 'district', 'nation'];

export default function DesignView() {
  const { designId = '' } = useParams();
  const design = useQuery({ queryKey: keys.one(designId), queryFn: () => designsClient.get(designId) });
  return <QueryState query={design}>{() => <View design={design.data!} />}</QueryState>;
}

function View({ design: d }: { design: Detail }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('version'));
  const shown = asked >= 1 && asked < d.currentVersion ? asked : d.currentVersion;
  const older = useQuery({
    queryKey: keys.version(d.id, shown),
    queryFn: () => designsClient.version(d.id, shown),
    enabled: shown !== d.currentVersion,
  });
  const version = shown === d.currentVersion ? d.current : older.data;
  const { act, failure, busy } = useAct([keys.all, keys.one(d.id)]);
  const [comment, setComment] = useState('');

  return (
    <div className="designs">
      <p className="muted no-print">
        <Link to="/designs">{t('designs.title')}</Link>
      </p>
      <h1>{d.title}</h1>
      <p className="muted">
        {t(`designs.sharing.${d.sharing}`)} · {t('designs.versionN', { n: formatNumber(d.currentVersion) })} ·{' '}
        {formatDate(d.updatedAt)}
        {d.template ? ` · ${t(`designs.templates.${d.template}`)}` : ''}
      </p>
      <div className="design-actions no-print">
        {d.canEdit && (
          <Link className="button-link" to={`/designs/${d.id}/edit`}>
            {t('designs.edit')}
          </Link>
        )}
        <Link className="button-link secondary" to={`/designs/${d.id}/print`}>
          {t('designs.print')}
        </Link>
      </div>
      {d.canEdit && (
        <form
          className="inline design-share no-print"
          onSubmit={async (e) => {
            e.preventDefault();
            const sharing = new FormData(e.currentTarget).get('sharing') as Sharing;
            await act(() => designsClient.share(d.id, sharing));
          }}
        >
          <label>
            {t('designs.shareWith')}
            <select name="sharing" defaultValue={d.sharing} key={d.sharing}>
              {SHARING.map((s) => (
                <option key={s} value={s}>
                  {t(`designs.sharing.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy}>
            {t('designs.share')}
          </button>
        </form>
      )}
      {d.current.frameworkCurrent ? null : <p className="warning">{t('designs.standardChanged')}</p>}
      {shown !== d.currentVersion && (
        <p className="notice">
          {t('designs.viewingOld', { n: formatNumber(shown) })}{' '}
          <button type="button" className="link" onClick={() => setParams({})}>
            {t('designs.viewLatest')}
          </button>
        </p>
      )}
      {version ? <DesignBody design={d} version={version} /> : <QueryState query={older}>{() => null}</QueryState>}
      <section className="design-versions no-print">
        <h2>{t('designs.versions')}</h2>
        <ol reversed>
          {d.versions.map((v) => (
            <li key={v.version}>
              {v.version === shown ? (
                <strong>{t('designs.versionN', { n: formatNumber(v.version) })}</strong>
              ) : (
                <Link to={v.version === d.currentVersion ? '?' : `?version=${v.version}`}>
                  {t('designs.versionN', { n: formatNumber(v.version) })}
                </Link>
              )}{' '}
              <span className="muted">
                {v.createdBy?.name} · {formatDate(v.createdAt)}
              </span>
            </li>
          ))}
        </ol>
      </section>
      <section className="design-comments no-print">
        <h2>{t('designs.comments')}</h2>
        {d.comments.length === 0 ? (
          <p className="muted">{t('designs.noComments')}</p>
        ) : (
          <ul>
            {d.comments.map((c) => (
              <li key={c.id}>
                <p className="design-text">{c.body}</p>
                <p className="muted">
                  {c.author.name} · {t('designs.versionN', { n: formatNumber(c.version) })} · {formatDate(c.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
        {d.canComment && (
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              if (await act(() => designsClient.comment(d.id, { body: comment, version: shown }))) setComment('');
            }}
          >
            <label>
              {t('designs.yourComment')}
              <textarea
                required
                rows={3}
                maxLength={4000}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            </label>
            <button type="submit" disabled={busy}>
              {t('designs.addComment')}
            </button>
          </form>
        )}
      </section>
      {failure ? <ErrorText error={failure} /> : null}
    </div>
  );
}
