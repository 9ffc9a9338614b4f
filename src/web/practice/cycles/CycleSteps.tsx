import { useTranslation } from 'react-i18next';
import { useLevelName } from '../../assessment/levels.ts';
import { formatDay, formatPercent } from '../../i18n/index.ts';
import { LocalText } from '../../shell/LocalText.tsx';
import type { Cycle, Observation } from './client.ts';
import { useStandard } from './standard.ts';

const STEPS = ['planned', 'observed', 'reflected', 'followed_up'] as const;

/** plan > observe > reflect > follow-up, with where the cycle stands. */
export function CycleSteps({ status }: { status: Cycle['status'] }) {
  const { t } = useTranslation();
  const at = STEPS.indexOf(status as (typeof STEPS)[number]);
  return (
    <ol className="steps" aria-label={t('coaching.cycle.stages')}>
      {STEPS.map((step, i) => (
        <li
          key={step}
          className={i < at || status === 'closed' ? 'done' : undefined}
          aria-current={i === at ? 'step' : undefined}
        >
          {t(`coaching.stage.${step}`)}
        </li>
      ))}
      {status === 'closed' && <li aria-current="step">{t('coaching.stage.closed')}</li>}
    </ol>
  );
}

export function FocusList({ itemIds }: { itemIds: string[] }) {
  const { t } = useTranslation();
  const standard = useStandard();
  return (
    <ul className="plain">
      {itemIds.map((id) => {
        const c = standard.competency(id);
        return (
          <li key={id}>
            {c ? (
              <>
                {c.code} <LocalText value={c.title} />
              </>
            ) : (
              t('assessment.observations.otherVersion')
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** What the submitted observation recorded, in words. */
export function ObservationSummary({ observation }: { observation: Observation }) {
  const { t } = useTranslation();
  const standard = useStandard();
  const levelName = useLevelName(standard.levels);
  return (
    <dl className="facts">
      <dt>{t('coaching.observation.users')}</dt>
      <dd>{observation.ictUsers.map((u) => t(`coaching.users.${u}`)).join(', ') || '—'}</dd>
      <dt>{t('coaching.observation.purposes')}</dt>
      <dd>{observation.ictPurposes.map((p) => t(`coaching.purposes.${p}`)).join(', ') || '—'}</dd>
      <dt>{t('coaching.observation.centredness')}</dt>
      <dd>
        {observation.studentCentredness ? t(`coaching.centredness.${observation.studentCentredness}.title`) : '—'}
      </dd>
      <dt>{t('coaching.observation.timeShare')}</dt>
      <dd>{observation.ictTimeShare === null ? '—' : formatPercent(observation.ictTimeShare)}</dd>
      <dt>{t('coaching.observation.products')}</dt>
      <dd>{observation.studentProducts ?? '—'}</dd>
      {observation.ratings.map((r) => {
        const c = standard.competency(r.itemId);
        return [
          <dt key={`${r.itemId}-t`}>
            {c ? (
              <>
                {c.code} <LocalText value={c.title} />
              </>
            ) : (
              t('assessment.observations.otherVersion')
            )}
          </dt>,
          <dd key={`${r.itemId}-d`}>{levelName(r.levelCode)}</dd>,
        ];
      })}
      {observation.notes && (
        <>
          <dt>{t('coaching.observation.notes')}</dt>
          <dd>{observation.notes}</dd>
        </>
      )}
      <dt>{t('coaching.cycle.lessonDate')}</dt>
      <dd>{formatDay(observation.lessonDate)}</dd>
    </dl>
  );
}
