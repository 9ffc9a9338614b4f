import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what this chart draws is bundled (ECharts is tree-shaken), and it loads with the report only.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface LevelSeries {
  name: string;
  values: (number | null)[];
}

/**
 * Horizontal bars per category (an aspect, a competency) on the level scale: 0 is "not yet", 1 the
 * first level and so on. The same figures are always also given as a table beside the chart.
 */
export function LevelChart({
  label,
  categories,
  series,
  levelNames,
}: {
  label: string;
  categories: string[];
  series: LevelSeries[];
  levelNames: string[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'value',
        min: 0,
        max: levelNames.length - 1,
        interval: 1,
        axisLabel: { formatter: (v: number) => levelNames[v] ?? '' },
      },
      yAxis: { type: 'category', data: categories, inverse: true, axisLabel: { width: 160, overflow: 'truncate' } },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [categories, series, levelNames]);
  return (
    <div
      ref={ref}
      className="chart"
      role="img"
      aria-label={label}
      style={{ height: `${Math.max(180, categories.length * 44 + 60)}px` }}
    />
  );
}
