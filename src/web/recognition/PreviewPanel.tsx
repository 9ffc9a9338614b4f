import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, queryKey } from '../api/routes.ts';
import { useMe } from '../auth/session.tsx';
import { counted } from '../i18n/index.ts';
import { Loading } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { RecognitionError } from './RecognitionError.tsx';
import type { Condition } from './types.ts';

const PREVIEWING_ROLES = new Set(['admin', 'ministry_officer', 'assessor']);
/** The server's MINIMUM_GROUP: smaller counts are not shown to readers who may not see individual ratings. */
const MINIMUM_GROUP = 5;

/** Waits until the value has stopped changing for a moment, so typing does not fire a request per key. */
function useSettled<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * "Who would qualify today" under a unit of the reader's scope: a condition being written (live),
 * or a saved rule (with who already holds its award).
 */
export function PreviewPanel({
  condition,
  frameworkId,
  ruleId,
}: {
  condition: Condition;
  frameworkId: string | null;
  ruleId?: string;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const units = [
    ...new Map(me.grants.filter((g) => PREVIEWING_ROLES.has(g.role)).map((g) => [g.orgUnitId, g.orgUnitName] as const)),
  ];
  const [unitId, setUnitId] = useState(units[0]?.[0] ?? '');
  const asked = useSettled(JSON.stringify(condition));
  const preview = useQuery({
    // A saved rule is previewed by its route; a draft by its condition (a POST that writes nothing, keyed
    // like a query by what it sends).
    queryKey: ruleId
      ? queryKey('GET /api/recognition/rules/:id/preview', { params: { id: ruleId }, query: { unitId } })
      : [...queryKey('POST /api/recognition/preview'), { unitId, frameworkId, asked }],
    queryFn: () =>
      ruleId
        ? call('GET /api/recognition/rules/:id/preview', { params: { id: ruleId }, query: { unitId } })
        : call('POST /api/recognition/preview', {
            body: { unitId, ...(frameworkId ? { frameworkId } : {}), condition: JSON.parse(asked) },
          }),
    enabled: !!unitId,
    staleTime: 0,
  });
  if (units.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t('recognition.preview.title')}</h2>
      <label>
        {t('recognition.preview.under')}
        <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          {units.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <div aria-live="polite">
        {preview.error ? <RecognitionError error={preview.error} /> : null}
        {preview.isPending && !preview.error ? <Loading /> : null}
        {preview.data ? (
          <>
            <p>
              <strong>
                {preview.data.qualifying === null
                  ? t('recognition.preview.fewerThan', counted(MINIMUM_GROUP))
                  : t('recognition.preview.qualifying', counted(preview.data.qualifying))}
              </strong>
              {ruleId && preview.data.awarded !== null
                ? ` · ${t('recognition.preview.awarded', counted(preview.data.awarded))}`
                : null}
            </p>
            {preview.data.suppressed ? <p className="muted">{t('recognition.preview.suppressed')}</p> : null}
            {preview.data.people.length > 0 ? (
              <table className="data">
                <caption className="visually-hidden">{t('recognition.preview.first')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('recognition.person')}</th>
                    <th scope="col">{t('recognition.unit')}</th>
                    {ruleId ? <th scope="col">{t('recognition.award.status')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {preview.data.people.map((p) => (
                    <tr key={p.personId}>
                      <td>{p.name}</td>
                      <td>
                        <LocalText value={p.unitName} />
                      </td>
                      {ruleId ? <td>{p.awardStatus ? t(`recognition.award.state.${p.awardStatus}`) : '—'}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </>
        ) : null}
      </div>
    </section>
  );
}
