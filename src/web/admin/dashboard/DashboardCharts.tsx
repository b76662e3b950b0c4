/**
 * 【工作台】 charts, loaded lazily (echarts/core with the line and bar charts and the SVG
 * renderer only). Each chart has a text table beside it on the page (DashboardPage), so the
 * charts themselves are hidden from screen readers.
 */
import { useEffect, useMemo, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export interface ChartRow {
  label: string;
  count: number;
}

const reducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

function useChart(option: echarts.EChartsCoreOption) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({ animation: !reducedMotion(), ...option });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return ref;
}

/** Line of a series over a category axis (daily registrations). */
export function CountLine({ rows, name }: { rows: ChartRow[]; name: string }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'line', name, data: rows.map((r) => r.count), smooth: false, symbolSize: 4, itemStyle: { color: '#1677ff' }, areaStyle: { opacity: 0.12 } }],
    }),
    [rows, name],
  );
  const ref = useChart(option);
  return <div ref={ref} className="dashboard-chart" aria-hidden="true" />;
}

/** Bars: horizontal for long labels (regions, industries), vertical for short ones (score buckets). */
export function CountBars({ rows, name, horizontal = false, color = '#1677ff' }: { rows: ChartRow[]; name: string; horizontal?: boolean; color?: string }) {
  const option = useMemo(() => {
    const labels = rows.map((r) => r.label);
    const category = { type: 'category', data: labels, inverse: horizontal, axisLabel: horizontal ? { width: 110, overflow: 'truncate' } : { hideOverlap: true, rotate: 30 } };
    const value = { type: 'value', minInterval: 1 };
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: [{ type: 'bar', name, data: rows.map((r) => r.count), itemStyle: { color } }],
    };
  }, [rows, name, horizontal, color]);
  const ref = useChart(option);
  return <div ref={ref} className={horizontal ? 'dashboard-chart dashboard-chart--tall' : 'dashboard-chart'} style={horizontal ? { height: Math.max(220, rows.length * 22 + 40) } : undefined} aria-hidden="true" />;
}
