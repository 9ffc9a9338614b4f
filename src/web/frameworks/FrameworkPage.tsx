import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../api/client.ts';
import type { FrameworkDetail } from '../api/types.ts';
import { useCan } from '../auth/session.tsx';
import { languageName } from '../i18n/index.ts';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotFound } from '../shell/Pages.tsx';
import { localResolved } from './text.ts';

const NEXT: Record<string, { status: string; label: string }[]> = {
  draft: [{ status: 'in_review', label: 'frameworks.review' }],
  in_review: [
    { status: 'published', label: 'frameworks.publish' },
    { status: 'draft', label: 'frameworks.backToDraft' },
  ],
  published: [{ status: 'retired', label: 'frameworks.retire' }],
  retired: [],
};

export default function FrameworkPage() {
  const { t, i18n } = useTranslation();
  const { frameworkId } = useParams();
  const canWrite = useCan('frameworks.write');
  const client = useQueryClient();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<unknown>(null);
  const [version, setVersion] = useState('');
  const fw = useQuery({
    queryKey: ['framework', frameworkId],
    queryFn: () => api<FrameworkDetail>(`/api/frameworks/${frameworkId}`),
  });
  if (fw.error instanceof ApiError && fw.error.status === 404) return <NotFound />;

  async function act(work: () => Promise<unknown>) {
    setFailure(null);
    try {
      await work();
      await client.invalidateQueries({ queryKey: ['framework', frameworkId] });
      await client.invalidateQueries({ queryKey: ['frameworks'] });
    } catch (error) {
      setFailure(error);
    }
  }

  async function newVersion(event: FormEvent) {
    event.preventDefault();
    await act(async () => {
      const created = await api<FrameworkDetail>(`/api/frameworks/${frameworkId}/versions`, {
        method: 'POST',
        body: { version },
      });
      navigate(`/frameworks/${created.id}`);
    });
  }

  return (
    <QueryState query={fw}>
      {() => {
        const f = fw.data!;
        const text = (value: Record<string, string>) => localResolved(value, i18n.language, f.languages[0]);
        const children = (parentId: string | null) =>
          f.items.filter((i) => i.parentId === parentId).sort((a, b) => a.position - b.position);
        const level = (code: string | null) => f.levels.find((l) => l.code === code);
        const tree = (parentId: string | null) => (
          <ul className={parentId ? 'items' : 'items items-root'}>
            {children(parentId).map((item) => (
              <li key={item.id}>
                <p>
                  <strong>{item.code}</strong> <LocalText value={text(item.title)} />
                  {item.levelCode && (
                    <span className="muted">
                      {' '}
                      · {t('frameworks.level')}: <LocalText value={text(level(item.levelCode)?.title ?? {})} />
                    </span>
                  )}
                </p>
                {item.type !== 'aspect' && (
                  <p className="statement">
                    <LocalText value={text(item.statement)} />
                  </p>
                )}
                {item.missingLanguages.length > 0 && (
                  <p className="warning">
                    {t('frameworks.missing', {
                      languages: item.missingLanguages.map((l) => languageName(l)).join(', '),
                    })}
                  </p>
                )}
                {children(item.id).length > 0 && tree(item.id)}
              </li>
            ))}
          </ul>
        );
        return (
          <>
            <h1>
              <LocalText value={text(f.title)} />
            </h1>
            <p className="muted">
              {t('frameworks.version', { version: f.version })} · {t(`frameworks.status.${f.status}`)}
            </p>
            <p>
              <LocalText value={text(f.description)} />
            </p>
            <div className="inline">
              {canWrite &&
                NEXT[f.status]!.map((next) => (
                  <button
                    key={next.status}
                    type="button"
                    onClick={() => {
                      if (next.status === 'retired' && !window.confirm(t('frameworks.retireConfirm'))) return;
                      void act(() =>
                        api(`/api/frameworks/${f.id}/status`, { method: 'POST', body: { status: next.status } }),
                      );
                    }}
                  >
                    {t(next.label)}
                  </button>
                ))}
              <a
                className="button-link"
                href={`/api/frameworks/${f.id}/export/case`}
                download={`${f.caseIdentifier}.json`}
              >
                {t('frameworks.exportCase')}
              </a>
            </div>
            {canWrite && f.status !== 'draft' && (
              <form className="inline" onSubmit={(e) => void newVersion(e)}>
                <label>
                  {t('frameworks.newVersionLabel')}
                  <input value={version} onChange={(e) => setVersion(e.target.value)} required maxLength={20} />
                </label>
                <button type="submit">{t('frameworks.newVersion')}</button>
              </form>
            )}
            {failure ? <ErrorText error={failure} /> : null}
            <h2>{t('frameworks.levels')}</h2>
            <ol className="levels">
              {f.levels.map((l) => (
                <li key={l.id}>
                  <strong>
                    <LocalText value={text(l.title)} />
                  </strong>{' '}
                  — <LocalText value={text(l.description)} />
                </li>
              ))}
            </ol>
            <h2>{t('frameworks.items')}</h2>
            {tree(null)}
          </>
        );
      }}
    </QueryState>
  );
}
