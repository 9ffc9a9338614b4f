import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../api/routes.ts';
import { formatNumber, languageName } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';

type ChangedItems = 'carry_over' | 'new_evidence';

/**
 * What publishing this version does to ratings on the current version of the standard, read before
 * publishing; with `onPublish`, the ministry chooses what happens to ratings of changed items and publishes.
 */
export function PublishImpactView({
  frameworkId,
  onPublish,
  busy = false,
}: {
  frameworkId: string;
  onPublish?: (changedItems: ChangedItems) => void;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<ChangedItems>('new_evidence');
  const impact = useApiQuery('GET /api/frameworks/:frameworkId/publish-impact', { params: { frameworkId } });
  return (
    <QueryState query={impact}>
      {() => {
        const i = impact.data!;
        const figures: [string, number][] = [
          ['frameworks.publishImpact.carryOver', i.carryOver],
          ['frameworks.publishImpact.changedItems', i.changedItems],
          ['frameworks.publishImpact.changedRatings', i.changedRatings],
          ['frameworks.publishImpact.added', i.addedItems],
          ['frameworks.publishImpact.removed', i.removedItems],
          ['frameworks.publishImpact.removedRatings', i.removedRatings],
        ];
        return (
          <section className="publish-impact" aria-labelledby="publish-impact-title">
            <h3 id="publish-impact-title">{t('frameworks.publishImpact.title')}</h3>
            {i.from === null ? (
              <p>{t('frameworks.publishImpact.first')}</p>
            ) : (
              <>
                <p>{t('frameworks.publishImpact.against', { version: i.from.version })}</p>
                <dl className="figures">
                  {figures.map(([key, value]) => (
                    <div key={key}>
                      <dt>{t(key)}</dt>
                      <dd>{formatNumber(value)}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
            {i.staleTranslations.length > 0 && (
              <p className="warning">
                {t('frameworks.publishImpact.staleTranslations', {
                  languages: i.staleTranslations
                    .map((s) => `${languageName(s.locale)} ${formatNumber(s.texts)}`)
                    .join(', '),
                })}{' '}
                <Link to="/translations">{t('frameworks.publishImpact.toTranslations')}</Link>
              </p>
            )}
            {onPublish && (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  if (i.from && !window.confirm(t('frameworks.publishImpact.confirm', { version: i.from.version })))
                    return;
                  onPublish(choice);
                }}
              >
                {i.from !== null && i.changedItems > 0 && (
                  <fieldset>
                    <legend>{t('frameworks.publishImpact.choice')}</legend>
                    {(['new_evidence', 'carry_over'] as const).map((value) => (
                      <label key={value}>
                        <input
                          type="radio"
                          name="changedItems"
                          value={value}
                          checked={choice === value}
                          onChange={() => setChoice(value)}
                        />
                        {t(`frameworks.publishImpact.${value}`)}
                      </label>
                    ))}
                  </fieldset>
                )}
                <button type="submit" disabled={busy}>
                  {t('frameworks.publish')}
                </button>
              </form>
            )}
          </section>
        );
      }}
    </QueryState>
  );
}
