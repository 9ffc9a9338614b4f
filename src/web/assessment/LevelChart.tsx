import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what this chart draws is bundled (ECharts is tree-shaken), and it loads with the report only.
echarts.use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export interface LevelSeries {
  name: string;
  values: (number | null)[];
}

/**
 * Horizontal bars per category (an aspect, a competency) on the level scale: 0 is "not yet", 1 the
 * first level and so on. Each bar carries its value, the target level is a marked line, and the
 * category names sit above their bars so a phone keeps the whole width for the scale. The same figures
 * are always also given as a table beside the chart.
 */
export function LevelChart({
  label,
  categories,
  series,
  levelNames,
  valueText,
  target,
}: {
  label: string;
  categories: string[];
  series: LevelSeries[];
  levelNames: string[];
  /** A value as the reader's language writes it. */
  valueText: (value: number) => string;
  /** The target on the level scale and its label ("Target: Knowledge Deepening"). */
  target?: { rank: number; label: string };
}) {
  const ref = useRef<HTMLDivElement>(null);
  const perCategory = 28 + series.length * 18;
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const width = ref.current.clientWidth;
    const narrow = width < 520;
    // The level names share the width, each centred on its mark, wrapping onto lines of its own.
    const labelWidth = Math.min(110, Math.floor((width - 16) / levelNames.length) - 4);
    const top = 32 + (target ? 24 : 0);
    const bottom = narrow ? 48 : 28;
    chart.setOption({
      animation: false,
      grid: { left: labelWidth / 2 + 4, right: Math.max(40, labelWidth / 2 + 4), top, bottom, containLabel: false },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'value',
        min: 0,
        max: levelNames.length - 1,
        interval: 1,
        axisLabel: {
          formatter: (v: number) => levelNames[v] ?? '',
          width: labelWidth,
          overflow: 'break',
          interval: 0,
          fontSize: narrow ? 10 : 12,
          lineHeight: narrow ? 12 : 14,
          hideOverlap: false,
          showMinLabel: true,
          showMaxLabel: true,
        },
      },
      yAxis: {
        type: 'category',
        data: categories,
        inverse: true,
        axisTick: { show: false },
        // The category's name above its bars, left-aligned across the chart's width.
        axisLabel: {
          inside: true,
          verticalAlign: 'bottom',
          align: 'left',
          margin: 0,
          padding: [0, 0, perCategory / 2 - 6, 0],
          width: width - labelWidth - 48,
          overflow: 'truncate',
          color: '#333',
          fontWeight: 600,
        },
      },
      series: series.map((s, i) => ({
        type: 'bar',
        name: s.name,
        data: s.values,
        barMaxWidth: 14,
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: number | null }) => (p.value === null ? '—' : valueText(p.value)),
        },
        ...(i === 0 && target
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { type: 'dashed', color: '#b2182b', width: 2 },
                label: { formatter: target.label, position: 'start', color: '#b2182b', fontWeight: 600 },
                data: [{ xAxis: target.rank }],
              },
            }
          : {}),
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [categories, series, levelNames, valueText, target, perCategory]);
  return (
    <div
      ref={ref}
      className="chart"
      role="img"
      aria-label={label}
      style={{ height: `${categories.length * (perCategory + 18) + 110}px` }}
    />
  );
}
