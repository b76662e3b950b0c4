/**
 * The two charts of the 创新积分（自评） page, loaded lazily (echarts/core with only the radar
 * and bar charts and the SVG renderer). Each chart has a text table beside it on the page
 * (ScorePage), so the charts themselves are hidden from screen readers.
 */
import { useEffect, useMemo, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, RadarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ScoreResultView } from '../../../shared/schemas/score';

echarts.use([RadarChart, BarChart, RadarComponent, GridComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

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

/** Radar of the three indicator groups: points as % of what the group can give. */
export function GroupRadar({ groups }: { groups: ScoreResultView['groups'] }) {
  const option = useMemo(() => ({
    tooltip: { trigger: 'item' },
    radar: { indicator: groups.map((g) => ({ name: g.name, max: 100 })), radius: '50%', center: ['50%', '52%'], axisName: { color: '#333' } },
    series: [
      {
        type: 'radar',
        name: '得分率',
        data: [{ value: groups.map((g) => (g.max > 0 ? Math.round((g.points / g.max) * 1000) / 10 : 0)), name: '得分率（%）', areaStyle: { opacity: 0.25 } }],
      },
    ],
  }), [groups]);
  const ref = useChart(option);
  return <div ref={ref} className="score-chart" aria-hidden="true" />;
}

/** Bar chart of the numeric indicators' percentiles against a line at 50 (the peer middle). */
export function PercentileBars({ indicators }: { indicators: ScoreResultView['indicators'] }) {
  const option = useMemo(() => {
    const ranked = indicators.filter((i) => i.unit !== null);
    return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100 },
    yAxis: { type: 'category', inverse: true, data: ranked.map((i) => i.name), axisLabel: { width: 120, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: '百分位',
        data: ranked.map((i) => i.percentile ?? i.score),
        itemStyle: { color: '#1677ff' },
        markLine: { symbol: 'none', data: [{ xAxis: 50, name: '对比组中位' }], lineStyle: { color: '#d4380d', type: 'dashed' }, label: { formatter: '50', position: 'start' } },
      },
    ],
    };
  }, [indicators]);
  const ref = useChart(option);
  return <div ref={ref} className="score-chart score-chart-bars" aria-hidden="true" />;
}
