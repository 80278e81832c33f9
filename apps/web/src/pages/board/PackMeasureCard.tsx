// One measure of the board pack with its SPC chart and assurance.
import { useMemo } from 'react';
import type { PackMeasure } from './pack';
import { EChart } from '../../charts/EChart';
import type { EChartsOption } from '../../charts/echarts';
import { AssuranceBadge, MDC, POINT_COLOURS, VariationBadge } from '../../charts/mdc';
import { fmtDate, fmtNumber, humanise } from '../../ui/format';

export function PackMeasureCard({ measure }: { measure: PackMeasure }) {
  const option = useMemo<EChartsOption>(
    () => ({
      grid: { left: 40, right: 8, top: 8, bottom: 20 },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'category', data: measure.recentPoints.map((p) => p.periodStart), axisLabel: { show: false } },
      yAxis: { type: 'value', scale: true, axisLabel: { fontSize: 10 } },
      series: [
        {
          type: 'line',
          lineStyle: { color: '#768692' },
          symbolSize: 6,
          data: measure.recentPoints.map((p) => ({
            value: p.value,
            itemStyle: { color: POINT_COLOURS[p.pointType] ?? MDC.common },
          })),
          markLine:
            measure.mean === null
              ? undefined
              : {
                  symbol: 'none',
                  silent: true,
                  label: { show: false },
                  data: [
                    { yAxis: measure.mean, lineStyle: { color: MDC.mean, type: 'solid' } },
                    ...(measure.upperProcessLimit === null
                      ? []
                      : [
                          {
                            yAxis: measure.upperProcessLimit,
                            lineStyle: { color: MDC.limit, type: 'dashed' as const },
                          },
                        ]),
                    ...(measure.lowerProcessLimit === null
                      ? []
                      : [
                          {
                            yAxis: measure.lowerProcessLimit,
                            lineStyle: { color: MDC.limit, type: 'dashed' as const },
                          },
                        ]),
                  ],
                },
        },
      ],
    }),
    [measure],
  );
  return (
    <div className="pack-measure">
      <p className="pack-measure__name">
        {measure.name} <span className="muted">({measure.unit})</span>
      </p>
      <p className="pack-measure__latest">
        Latest:{' '}
        {measure.latest ? `${fmtNumber(measure.latest.value, 2)} (${fmtDate(measure.latest.periodStart)})` : 'no data'}
        {measure.target !== null && ` · target ${fmtNumber(measure.target, 2)}`}
      </p>
      {measure.recentPoints.length > 0 && (
        <EChart option={option} height={110} label={`${measure.name}: recent points`} />
      )}
      <div className="spc__badges spc__badges--small">
        <VariationBadge variation={measure.variation} />
        <AssuranceBadge assurance={measure.assurance} />
      </div>
      <p className="muted">
        {humanise(
          measure.improvementDirection === 'up'
            ? 'higher_is_better'
            : measure.improvementDirection === 'down'
              ? 'lower_is_better'
              : 'no_better_direction',
        )}
      </p>
    </div>
  );
}
