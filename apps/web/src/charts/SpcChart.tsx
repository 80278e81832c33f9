// An XmR chart in Making Data Count style: the points coloured by their SPC reading, the mean, the
// process limits and the target; improvement events marked at their dates; hovering a point says which
// rule flagged it. The figures are also in a table below for screen readers and keyboard users.
import { useMemo } from 'react';
import type { PointType, SpcResult } from '../api/models';
import { fmtDate, fmtNumber } from '../ui/format';
import { EChart } from './EChart';
import { echarts, type EChartsOption, SECONDARY_TEXT } from './echarts';
import { AssuranceBadge, MDC, POINT_COLOURS, POINT_LABELS, ruleText, VariationBadge } from './mdc';

export interface ChartEvent {
  date: string;
  label: string;
}

export interface SpcChartProps {
  spc: SpcResult;
  title: string;
  unit: string;
  target?: number | null;
  events?: ChartEvent[];
  trendLength?: number;
  shiftLength?: number;
  height?: number;
  testId?: string;
  /** Small charts (dashboards) leave out the table of figures. */
  compact?: boolean;
}

const encode = (text: string) => echarts.format.encodeHTML(text);

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The axis end `side` (-1 low, 1 high) with 8% of the span to spare, rounded to a tidy step. */
function padded(extent: { min: number; max: number }, side: -1 | 1): number {
  const span = extent.max - extent.min || Math.abs(extent.max) || 1;
  const step = 10 ** Math.floor(Math.log10(span / 5));
  const value = side < 0 ? extent.min - span * 0.08 : extent.max + span * 0.08;
  // Counts and minutes that never go below zero get an axis that starts at zero, not below it.
  if (side < 0) return extent.min >= 0 && value < 0 ? 0 : Math.floor(value / step) * step;
  return Math.ceil(value / step) * step;
}

interface PointDatum {
  value: [string, number];
  itemStyle: { color: string };
  pointType: PointType;
  rule: string | null;
}

export function SpcChart({
  spc,
  title,
  unit,
  target,
  events = [],
  trendLength,
  shiftLength,
  height = 320,
  testId = 'spc-chart',
  compact,
}: SpcChartProps) {
  const points = spc.points;
  const effectiveTarget = target ?? null;

  const option = useMemo<EChartsOption>(() => {
    const data: PointDatum[] = points.map((p) => ({
      value: [p.periodStart, p.value],
      itemStyle: { color: POINT_COLOURS[p.pointType] ?? MDC.common },
      pointType: p.pointType,
      rule: p.rule ?? null,
    }));
    const line = (name: string, pick: (i: number) => number, colour: string, type: 'solid' | 'dashed') => ({
      name,
      type: 'line' as const,
      data: points.map((p, i) => [p.periodStart, pick(i)]),
      symbol: 'none',
      silent: true,
      tooltip: { show: false },
      lineStyle: { color: colour, width: 1.5, type },
      z: 1,
    });
    const series: EChartsOption['series'] = [
      line('Mean', (i) => points[i].mean, MDC.mean, 'solid'),
      line('Upper process limit', (i) => points[i].upperProcessLimit, MDC.limit, 'dashed'),
      line('Lower process limit', (i) => points[i].lowerProcessLimit, MDC.limit, 'dashed'),
    ];
    if (effectiveTarget !== null && points.length > 0) {
      series.push(line('Target', () => effectiveTarget, MDC.target, 'dashed'));
    }
    series.push({
      name: title,
      type: 'line',
      data,
      symbol: 'circle',
      symbolSize: 9,
      showSymbol: true,
      showAllSymbol: true,
      lineStyle: { color: '#768692', width: 1.5 },
      itemStyle: { borderWidth: 0 },
      emphasis: { scale: 1.6 },
      z: 3,
      markLine: events.length
        ? {
            symbol: 'none',
            silent: false,
            lineStyle: { color: '#003087', type: 'dotted', width: 1.5 },
            label: {
              show: true,
              position: 'insideEndTop',
              color: '#003087',
              fontSize: 11,
              // Short on the chart (the full title is in the tooltip and the list below it).
              formatter: (p: unknown) => `▲ ${shorten(String((p as { name: string }).name), 28)}`,
            },
            tooltip: { show: true, formatter: (p: unknown) => encode(String((p as { name: string }).name)) },
            data: events.map((e) => ({ xAxis: e.date, name: e.label })),
          }
        : undefined,
    });
    return {
      grid: { left: 56, right: 24, top: 28, bottom: 36 },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params: unknown) => {
          const p = params as { data: PointDatum | { name?: string }; componentType?: string; name?: string };
          if (p.componentType === 'markLine') return `Improvement event: ${encode(p.name ?? '')}`;
          const d = p.data as PointDatum;
          if (!d?.value) return '';
          const lines = [
            `<strong>${encode(fmtDate(d.value[0]))}</strong>: ${encode(fmtNumber(d.value[1], 2))} ${encode(unit)}`,
            encode(POINT_LABELS[d.pointType] ?? d.pointType),
          ];
          if (d.rule) lines.push(`Flagged by: ${encode(ruleText(d.rule, trendLength, shiftLength))}`);
          return lines.join('<br/>');
        },
      },
      xAxis: {
        type: 'time',
        axisLabel: { color: SECONDARY_TEXT, hideOverlap: true },
        axisLine: { lineStyle: { color: '#aeb7bd' } },
      },
      yAxis: {
        type: 'value',
        scale: true,
        // A little room above and below, so the extreme points are not drawn on the frame.
        min: (extent: { min: number; max: number }) => padded(extent, -1),
        max: (extent: { min: number; max: number }) => padded(extent, 1),
        name: unit,
        nameTextStyle: { color: SECONDARY_TEXT, align: 'left' },
        axisLabel: { color: SECONDARY_TEXT },
        splitLine: { lineStyle: { color: '#e8edee' } },
      },
      series,
    };
  }, [points, effectiveTarget, events, title, unit, trendLength, shiftLength]);

  const chartData = useMemo(
    () =>
      points.map((p) => ({
        periodStart: p.periodStart,
        value: p.value,
        pointType: p.pointType,
        rule: p.rule ?? null,
        colour: POINT_COLOURS[p.pointType],
      })),
    [points],
  );

  const special = points.filter((p) => p.pointType !== 'common_cause');
  return (
    <figure className="spc">
      <div className="spc__badges">
        <VariationBadge variation={spc.variation} />
        <AssuranceBadge assurance={effectiveTarget === null ? null : spc.assurance} />
      </div>
      {points.length === 0 ? (
        <p className="empty">No points yet.</p>
      ) : (
        <EChart
          option={option}
          height={height}
          testId={testId}
          data={chartData}
          label={`${title}: SPC chart of ${points.length} points, ${special.length} flagged as special cause`}
        />
      )}
      <figcaption className="spc__key">
        <KeyItem colour={MDC.common} text="Common cause" />
        <KeyItem colour={MDC.improvement} text="Improvement" />
        <KeyItem colour={MDC.concern} text="Concern" />
        <KeyItem colour={MDC.neither} text="Neither" />
        <span className="key-line key-line--mean">Mean</span>
        <span className="key-line key-line--limit">Process limits</span>
        {effectiveTarget !== null && (
          <span className="key-line key-line--target">Target {fmtNumber(effectiveTarget, 2)}</span>
        )}
        {events.length > 0 && <span className="key-line key-line--event">Improvement event</span>}
      </figcaption>
      {spc.warnings?.length > 0 && (
        <ul className="spc__warnings">
          {spc.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {!compact && points.length > 0 && (
        <details className="details">
          <summary>Show the figures as a table</summary>
          <table className="table table--compact">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  Value
                </th>
                <th scope="col" className="num">
                  Mean
                </th>
                <th scope="col" className="num">
                  Limits
                </th>
                <th scope="col">Reading</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.periodStart}>
                  <td>{fmtDate(p.periodStart)}</td>
                  <td className="num">{fmtNumber(p.value, 2)}</td>
                  <td className="num">{fmtNumber(p.mean, 2)}</td>
                  <td className="num">
                    {fmtNumber(p.lowerProcessLimit, 2)} – {fmtNumber(p.upperProcessLimit, 2)}
                  </td>
                  <td>
                    {POINT_LABELS[p.pointType]}
                    {p.rule ? ` (${ruleText(p.rule, trendLength, shiftLength)})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}

function KeyItem({ colour, text }: { colour: string; text: string }) {
  return (
    <span className="key-item">
      <svg width="12" height="12" aria-hidden="true" focusable="false">
        <circle cx="6" cy="6" r="5" fill={colour} />
      </svg>
      {text}
    </span>
  );
}
