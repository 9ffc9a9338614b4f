import { useTranslation } from 'react-i18next';
import { formatPercent, LANGUAGES, languageName } from '../../i18n/index.ts';

/** How much of a questionnaire is written in each language: one bar per language. */
export function Completeness({ shares, source }: { shares: Record<string, number>; source: string }) {
  const { t } = useTranslation();
  return (
    <dl className="survey-languages">
      {LANGUAGES.map((l) => {
        const share = shares[l.code] ?? 0;
        return (
          <div key={l.code} className={share < 1 ? 'partial' : undefined}>
            <dt>
              {languageName(l.code)}
              {l.code === source ? ` (${t('surveys.sourceLanguage')})` : ''}
            </dt>
            <dd>
              <progress
                value={share}
                max={1}
                aria-label={t('surveys.completeIn', { language: languageName(l.code) })}
              />{' '}
              {formatPercent(share * 100)}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
