import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cascade } from '../api/types.ts';
import { formatNumber } from '../i18n/index.ts';
import { LocalText } from '../shell/LocalText.tsx';

/** The cascade's totals: master trainers, trainers and teachers reached (and whatever `more` adds). */
export function CascadeTotals({ totals, more }: { totals: Cascade['totals']; more?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <div>
        <dt>{t('training.cascade.masterTrainers')}</dt>
        <dd>{formatNumber(totals.masterTrainers)}</dd>
      </div>
      <div>
        <dt>{t('training.cascade.trainers')}</dt>
        <dd>{formatNumber(totals.trainers)}</dd>
      </div>
      <div>
        <dt>{t('training.cascade.teachersReached')}</dt>
        <dd>{formatNumber(totals.teachersReached)}</dd>
      </div>
      {more}
    </dl>
  );
}

/** The cascade by region, one row each; cells carry their column's name for the phone layout. */
export function CascadeRegions({
  regions,
  caption,
  className,
}: {
  regions: Cascade['regions'];
  caption?: string;
  className: string;
}) {
  const { t } = useTranslation();
  const columns = ['masterTrainers', 'trainers', 'teachersReached'] as const;
  return (
    <table className={className}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{t('org.type.region')}</th>
          {columns.map((c) => (
            <th key={c} scope="col">
              {t(`training.cascade.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {regions.map((r) => (
          <tr key={r.unitId}>
            <th scope="row">
              <LocalText value={r.name} />
            </th>
            {columns.map((c) => (
              <td key={c} data-label={t(`training.cascade.${c}`)}>
                {formatNumber(r[c])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
