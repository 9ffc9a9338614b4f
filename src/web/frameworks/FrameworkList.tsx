import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { call, useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { ImportFramework } from './ImportFramework.tsx';
import { localText } from './text.ts';

/** Current versions first, then work in progress, then history (superseded and retired versions). */
const GROUPS: { key: string; statuses: string[] }[] = [
  { key: 'current', statuses: ['published'] },
  { key: 'drafts', statuses: ['draft', 'in_review'] },
  { key: 'history', statuses: ['superseded', 'retired'] },
];

export default function FrameworkList() {
  const { t, i18n } = useTranslation();
  const canWrite = useCan('frameworks.write');
  const navigate = useNavigate();
  const [failure, setFailure] = useState<unknown>(null);
  const list = useApiQuery('GET /api/frameworks', {}, {});

  async function fromTemplate() {
    setFailure(null);
    try {
      const created = await call('POST /api/frameworks/from-template', { body: {} });
      navigate(`/frameworks/${created.id}`);
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <>
      <h1>{t('frameworks.title')}</h1>
      {canWrite && (
        <p>
          <button type="button" onClick={() => void fromTemplate()}>
            {t('frameworks.fromTemplate')}
          </button>
        </p>
      )}
      {failure ? <ErrorText error={failure} /> : null}
      {canWrite && <ImportFramework />}
      <QueryState query={list}>
        {() =>
          list.data!.items.length === 0 ? (
            <p>{t('frameworks.none')}</p>
          ) : (
            GROUPS.map((group) => {
              const items = list.data!.items.filter((f) => group.statuses.includes(f.status));
              if (items.length === 0) return null;
              return (
                <section key={group.key} aria-labelledby={`frameworks-${group.key}`}>
                  <h2 id={`frameworks-${group.key}`}>{t(`frameworks.list.${group.key}`)}</h2>
                  <ul className="cards">
                    {items.map((f) => (
                      <li key={f.id} className="card">
                        <Link to={`/frameworks/${f.id}`} className="card-title">
                          {localText(f.title, i18n.language)}
                        </Link>
                        <span className="muted">
                          {t('frameworks.version', { version: f.version })} · {t(`frameworks.status.${f.status}`)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })
          )
        }
      </QueryState>
    </>
  );
}
