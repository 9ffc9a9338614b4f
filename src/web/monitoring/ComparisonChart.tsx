import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

/**
 * Sibling units side by side on one indicator: a bar per unit (none where the figure is withheld),
 * and the target as a dashed line. The page's table gives the same figures with their status.
 */
export function ComparisonChart({
  label,
  units,
  values,
  target,
  format,
}: {
  label: string;
  units: string[];
  values: (number | null)[];
  target: { value: number; name: string } | null;
  format: (value: number) => string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? format(v) : '—') },
      xAxis: {
        type: 'value',
        min: 0,
        // The axis reaches the target, so the target line shows even when every unit is below it.
        max: (extent: { max: number }) => Math.max(extent.max, target?.value ?? 0),
        axisLabel: { formatter: (v: number) => format(v) },
      },
      yAxis: { type: 'category', data: units, inverse: true, axisLabel: { width: 160, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          data: values.map((v) => (v === null ? '-' : v)),
          itemStyle: { color: '#0b5c8e' },
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? format(p.value) : ''),
          },
          markLine: target
            ? {
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#b35c00', width: 2 },
                label: { formatter: target.name, position: 'start' },
                data: [{ xAxis: target.value }],
              }
            : undefined,
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [units, values, target, format]);
  return (
    <div
      ref={ref}
      className="chart comparison-chart"
      role="img"
      aria-label={label}
      style={{ height: `${Math.max(160, units.length * 34 + 60)}px` }}
    />
  );
}

export default ComparisonChart;
