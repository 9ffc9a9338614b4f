import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate, formatNumber } from '../../i18n/index.ts';
import { QueryState } from '../../shell/ErrorText.tsx';
import { designsClient, keys } from './api.ts';
import { DesignBody } from './DesignBody.tsx';
import './designs.css';

/** The design as it goes on paper: the text only, no navigation (styles.css hides the shell when printing). */
export default function DesignPrint() {
  const { designId = '' } = useParams();
  const { t } = useTranslation();
  const design = useQuery({ queryKey: keys.one(designId), queryFn: () => designsClient.get(designId) });
  return (
    <QueryState query={design}>
      {() => {
        const d = design.data!;
        return (
          <div className="designs design-print">
            <p className="no-print design-actions">
              <Link to={`/designs/${d.id}`}>{t('designs.backToDesign')}</Link>
              <button type="button" onClick={() => window.print()}>
                {t('designs.printNow')}
              </button>
            </p>
            <h1>{d.title}</h1>
            <p className="muted">
              {t('designs.versionN', { n: formatNumber(d.currentVersion) })} · {formatDate(d.current.createdAt)}
            </p>
            <DesignBody design={d} version={d.current} />
          </div>
        );
      }}
    </QueryState>
  );
}
