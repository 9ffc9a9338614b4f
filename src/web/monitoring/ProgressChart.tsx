import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what this chart draws is bundled (ECharts is tree-shaken); the page loads it lazily.
echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/**
 * Actual against target by year: a solid line for the actual figures, a dashed one for the
 * roadmap's targets (the two differ by line style and marker shape, not by colour only). Each line
 * joins the years that have a figure; the page gives the same figures, gaps included, as a table.
 */
export function ProgressChart({
  label,
  years,
  actual,
  target,
  names,
  format,
}: {
  label: string;
  years: string[];
  actual: (number | null)[];
  target: (number | null)[];
  names: { actual: string; target: string };
  format: (value: number) => string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? format(v) : '—'),
      },
      xAxis: { type: 'category', data: years, boundaryGap: false },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => format(v) } },
      series: [
        {
          type: 'line',
          name: names.actual,
          data: actual,
          connectNulls: true,
          symbol: 'circle',
          symbolSize: 8,
          lineStyle: { width: 3, color: '#0b5c8e' },
          itemStyle: { color: '#0b5c8e' },
        },
        {
          type: 'line',
          name: names.target,
          data: target,
          connectNulls: true,
          symbol: 'diamond',
          symbolSize: 10,
          lineStyle: { width: 2, type: 'dashed', color: '#b35c00' },
          itemStyle: { color: '#b35c00' },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [years, actual, target, names, format]);
  return <div ref={ref} className="chart progress-chart" role="img" aria-label={label} style={{ height: '240px' }} />;
}

export default ProgressChart;
