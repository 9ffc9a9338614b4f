import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../i18n/index.ts';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

/** Colour bands of the share at or above the target (percent), read from the key below the chart. */
const BANDS = [
  { min: 0, max: 20, color: '#b2182b' },
  { min: 20, max: 40, color: '#f4a582' },
  { min: 40, max: 60, color: '#fddbc7' },
  { min: 60, max: 80, color: '#92c5de' },
  { min: 80, max: 100, color: '#2166ac' },
];

/**
 * Rows (units) by columns (competencies), coloured by share; a click on a row's cell calls `onRow`.
 * Suppressed cells are left blank and the key says why. The page shows the same figures in a table.
 */
export function Heatmap({
  label,
  rows,
  columns,
  values,
  minimum,
  onRow,
}: {
  label: string;
  rows: string[];
  columns: string[];
  /** values[row][column]: a share 0..1, or null when not shown. */
  values: (number | null)[][];
  /** The smallest group shown, for the key's word on blank cells. */
  minimum: number;
  onRow: (row: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart writes its figures in the current language, so a language change redraws it.
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const width = ref.current.clientWidth;
    // Figures in the cells only where they fit; the table below always has them.
    const cell = (width * 0.65) / Math.max(1, columns.length);
    const data = values.flatMap((row, r) =>
      row.map((v, c) => [c, r, v === null ? '-' : Math.round(v * 100)] as [number, number, number | string]),
    );
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        formatter: (p: { value: [number, number, number | string] }) =>
          `${rows[p.value[1]]} · ${columns[p.value[0]]}: ${
            typeof p.value[2] === 'number' ? formatPercent(p.value[2]) : t('monitoring.tooFew')
          }`,
      },
      xAxis: { type: 'category', data: columns, axisLabel: { interval: 0, rotate: 60 } },
      yAxis: {
        type: 'category',
        data: rows,
        inverse: true,
        axisLabel: { width: Math.min(180, Math.round(width * 0.3)), overflow: 'truncate' },
      },
      visualMap: {
        type: 'piecewise',
        show: false,
        pieces: BANDS.map((b) => ({ gte: b.min, lt: b.max === 100 ? 100.1 : b.max, color: b.color })),
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: {
            show: cell >= 24,
            fontSize: cell < 32 ? 10 : 12,
            formatter: (p: { value: unknown[] }) => (typeof p.value[2] === 'number' ? formatNumber(p.value[2]) : ''),
          },
        },
      ],
    });
    chart.on('click', (p) => {
      const value = (p as { value?: [number, number] }).value;
      if (value) onRow(value[1]);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [rows, columns, values, onRow, t, i18n.language]);
  return (
    <figure className="heatmap-figure">
      <div
        ref={ref}
        className="chart heatmap"
        role="img"
        aria-label={label}
        style={{ height: `${Math.max(200, rows.length * 36 + 100)}px`, maxWidth: 'none' }}
      />
      <figcaption className="heatmap-key">
        <span className="key-title">{t('monitoring.legend')}</span>
        <ul>
          {BANDS.map((b) => (
            <li key={b.min}>
              <span className="swatch" style={{ background: b.color }} aria-hidden="true" />
              {formatNumber(b.min)}–{formatPercent(b.max)}
            </li>
          ))}
          <li>
            <span className="swatch empty" aria-hidden="true" />
            {t('monitoring.legendSuppressed', { minimum: formatNumber(minimum) })}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
