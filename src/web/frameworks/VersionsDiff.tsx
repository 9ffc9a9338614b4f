import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../api/routes.ts';
import { formatDate } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import type { Section } from './editing.ts';
import { PublishImpactView } from './PublishImpact.tsx';

/** The other versions of this standard (same lineage), and what changed between one of them and this one. */
export function VersionsDiff({ section }: { section: Section }) {
  const { t } = useTranslation();
  const f = section.framework;
  const [otherId, setOtherId] = useState('');
  const list = useApiQuery('GET /api/frameworks', {}, {});
  const versions = (list.data?.items ?? []).filter((o) => o.lineageId === f.lineageId);

  return (
    <>
      <h2>{t('frameworks.versions.title')}</h2>
      <QueryState query={list}>
        {() => (
          <>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('frameworks.versions.version')}</th>
                  <th scope="col">{t('frameworks.versions.status')}</th>
                  <th scope="col">{t('frameworks.versions.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.id} aria-current={v.id === f.id ? 'true' : undefined}>
                    <td>
                      {v.id === f.id ? (
                        <strong>{v.version}</strong>
                      ) : (
                        <Link to={`/frameworks/${v.id}`}>{v.version}</Link>
                      )}
                    </td>
                    <td>{t(`frameworks.status.${v.status}`)}</td>
                    <td>{formatDate(v.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {versions.length < 2 ? (
              <p>{t('frameworks.versions.only')}</p>
            ) : (
              <label>
                {t('frameworks.versions.compare')}
                <select value={otherId} onChange={(e) => setOtherId(e.target.value)}>
                  <option value="">{t('frameworks.alignment.choose')}</option>
                  {versions
                    .filter((v) => v.id !== f.id)
                    .map((v) => (
                      <option key={v.id} value={v.id}>
                        {t('frameworks.version', { version: v.version })} · {t(`frameworks.status.${v.status}`)}
                      </option>
                    ))}
                </select>
              </label>
            )}
          </>
        )}
      </QueryState>
      {otherId && <DiffView fromId={otherId} toId={f.id} />}
      {section.canWrite && (f.status === 'draft' || f.status === 'in_review') && (
        <PublishImpactView frameworkId={f.id} />
      )}
    </>
  );
}

function DiffView({ fromId, toId }: { fromId: string; toId: string }) {
  const { t } = useTranslation();
  const diff = useApiQuery(
    'GET /api/frameworks/:frameworkId/diff/:otherId',
    { params: { frameworkId: fromId, otherId: toId } },
    {},
  );
  return (
    <QueryState query={diff}>
      {() => {
        const d = diff.data!;
        const none = d.added.length + d.removed.length + d.changed.length === 0;
        return (
          <section
            className="diff"
            aria-label={t('frameworks.versions.diffTitle', { from: d.from.version, to: d.to.version })}
          >
            <h3>{t('frameworks.versions.diffTitle', { from: d.from.version, to: d.to.version })}</h3>
            {none ? (
              <p>{t('frameworks.versions.same')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('frameworks.editor.code')}</th>
                    <th scope="col">{t('frameworks.versions.change')}</th>
                    <th scope="col">{t('frameworks.versions.fields')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.added.map((i) => (
                    <tr key={`a-${i.caseIdentifier}`} className="diff-added">
                      <td>{i.code}</td>
                      <td>{t('frameworks.versions.added')}</td>
                      <td />
                    </tr>
                  ))}
                  {d.removed.map((i) => (
                    <tr key={`r-${i.caseIdentifier}`} className="diff-removed">
                      <td>{i.code}</td>
                      <td>{t('frameworks.versions.removed')}</td>
                      <td />
                    </tr>
                  ))}
                  {d.changed.map((i) => (
                    <tr key={`c-${i.caseIdentifier}`} className="diff-changed">
                      <td>{i.code}</td>
                      <td>{t('frameworks.versions.changed')}</td>
                      <td>{i.fields.map((field) => t(`frameworks.versions.field.${field}`)).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      }}
    </QueryState>
  );
}
