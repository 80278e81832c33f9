// A React wrapper around one ECharts instance: created on mount, given each new option in full, resized
// with its box, disposed on unmount.
import { useEffect, useRef } from 'react';
import { CHART_FONT, echarts, type EChartsOption, TEXT_COLOUR } from './echarts';

export function EChart({
  option,
  height = 320,
  label,
  testId,
  data,
}: {
  option: EChartsOption;
  height?: number;
  /** What the chart shows, for screen readers (the chart's figures are also in a table nearby). */
  label: string;
  testId?: string;
  /** Serialised into data-chart for tests and tools: what each drawn point means. */
  data?: unknown;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      { animation: false, textStyle: { fontFamily: CHART_FONT, color: TEXT_COLOUR }, ...option },
      { notMerge: true },
    );
  }, [option]);

  return (
    <div
      ref={box}
      className="chart"
      style={{ height }}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-chart={data === undefined ? undefined : JSON.stringify(data)}
    />
  );
}
