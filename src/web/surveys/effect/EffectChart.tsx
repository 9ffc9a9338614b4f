import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/index.ts';
import { changeText, type Effect, type Figures } from './effect.ts';

/**
 * The comparison drawn: per starting level, each group's mean change as a bar (withheld cells drawn
 * as their words), and the estimate as a point on its 95% interval beside the line of no effect.
 * Plain HTML bars and a small SVG, so labels wrap and stay legible on a 360 px phone.
 */
export default function EffectChart({ effect, figures }: { effect: Effect; figures: Figures }) {
  const { t } = useTranslation();
  const shown = figures.strata.flatMap((s) => [s.trained.meanChange, s.comparison.meanChange]);
  const reach = Math.max(0.5, ...shown.map((v) => Math.abs(v ?? 0)));
  const negative = shown.some((v) => (v ?? 0) < 0);
  const levelName = (rank: number) => {
    const level = effect.levels.find((l) => l.rank === rank);
    return level?.title ? level.title.text : t('effect.notYet');
  };
  const bar = (group: 'trained' | 'comparison', value: number | null) => {
    // With no decline anywhere, bars start at the left edge; otherwise at the middle.
    const zero = negative ? 50 : 0;
    const span = negative ? 50 : 100;
    const width = value === null ? 0 : (Math.abs(value) / reach) * span;
    const left = value !== null && value < 0 ? zero - width : zero;
    return (
      <div className="effect-bar">
        <span>{t(`effect.groups.${group}`)}</span>
        <span className="track">
          {value !== null && <span className={`fill ${group}`} style={{ left: `${left}%`, width: `${width}%` }} />}
          <span className="value" style={{ color: value !== null && width > 30 ? '#fff' : undefined }}>
            {value === null
              ? t('effect.fewerThan', { n: formatNumber(effect.minimumGroup) })
              : t('effect.levelsChange', { value: changeText(value) })}
          </span>
        </span>
      </div>
    );
  };
  const e = figures.estimate;
  return (
    <figure className="effect-figure">
      <ul className="effect-bars" aria-label={t('effect.changeTitle')}>
        {figures.strata.map((s) => (
          <li key={s.rank}>
            <span className="level">
              {t('effect.startingLevel')}: {levelName(s.rank)}
            </span>
            {bar('trained', s.trained.meanChange)}
            {bar('comparison', s.comparison.meanChange)}
          </li>
        ))}
      </ul>
      {e.value !== null && e.low !== null && e.high !== null && (
        <IntervalPlot value={e.value} low={e.low} high={e.high} />
      )}
    </figure>
  );
}

function IntervalPlot({ value, low, high }: { value: number; low: number; high: number }) {
  const { t } = useTranslation();
  const min = Math.min(0, low) - 0.25;
  const max = Math.max(0, high) + 0.25;
  const x = (v: number) => 10 + ((v - min) / (max - min)) * 300;
  return (
    <svg
      className="effect-interval"
      viewBox="0 0 320 78"
      role="img"
      aria-label={t('effect.chartLabel', { value: changeText(value), low: changeText(low), high: changeText(high) })}
    >
      <line x1={x(0)} x2={x(0)} y1={8} y2={52} stroke="#555" strokeDasharray="3 3" />
      <text x={x(0)} y={68} fontSize="12" textAnchor="middle" fill="#333">
        {t('effect.noEffect')}
      </text>
      <line x1={x(low)} x2={x(high)} y1={30} y2={30} stroke="#0b5c8e" strokeWidth="3" />
      <line x1={x(low)} x2={x(low)} y1={22} y2={38} stroke="#0b5c8e" strokeWidth="2" />
      <line x1={x(high)} x2={x(high)} y1={22} y2={38} stroke="#0b5c8e" strokeWidth="2" />
      <circle cx={x(value)} cy={30} r={6} fill="#0b5c8e" />
      <text x={x(value)} y={16} fontSize="12" textAnchor="middle" fill="#0b5c8e" fontWeight="700">
        {changeText(value)}
      </text>
      <text x={x(low)} y={52} fontSize="11" textAnchor="middle" fill="#333">
        {changeText(low)}
      </text>
      <text x={x(high)} y={52} fontSize="11" textAnchor="middle" fill="#333">
        {changeText(high)}
      </text>
    </svg>
  );
}
