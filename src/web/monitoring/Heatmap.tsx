import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

/**
 * Rows (units) by columns (competencies), coloured by share; a click on a row's cell calls `onRow`.
 * Suppressed cells are left blank. The page shows the same figures in a table beside it.
 */
export function Heatmap({
  label,
  rows,
  columns,
  values,
  onRow,
}: {
  label: string;
  rows: string[];
  columns: string[];
  /** values[row][column]: a share 0..1, or null when not shown. */
  values: (number | null)[][];
  onRow: (row: number) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const data = values.flatMap((row, r) =>
      row.map((v, c) => [c, r, v === null ? '-' : Math.round(v * 100)] as [number, number, number | string]),
    );
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
      tooltip: {
        formatter: (p: { value: [number, number, number | string] }) =>
          `${rows[p.value[1]]} · ${columns[p.value[0]]}: ${p.value[2]}%`,
      },
      xAxis: { type: 'category', data: columns, axisLabel: { interval: 0, rotate: 60 } },
      yAxis: { type: 'category', data: rows, inverse: true, axisLabel: { width: 180, overflow: 'truncate' } },
      visualMap: {
        min: 0,
        max: 100,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: ['#b2182b', '#f4a582', '#fddbc7', '#d1e5f0', '#4393c3', '#2166ac'] },
      },
      series: [
        { type: 'heatmap', data, label: { show: true, formatter: (p: { value: unknown[] }) => `${p.value[2]}` } },
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
  }, [rows, columns, values, onRow]);
  return (
    <div
      ref={ref}
      className="chart heatmap"
      role="img"
      aria-label={label}
      style={{ height: `${Math.max(220, rows.length * 36 + 140)}px`, maxWidth: 'none' }}
    />
  );
}
