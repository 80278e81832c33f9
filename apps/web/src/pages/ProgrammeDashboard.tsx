// The programme dashboard: programme totals and trend, and the trusts side by side as small multiples
// drawn on one shared scale, so a taller bar always means more minutes whichever trust it belongs to.
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { ProgrammeDashboard, RollupTotals, SeriesPoint } from '../api/models';
import { useApp } from '../auth/context';
import { EChart } from '../charts/EChart';
import type { EChartsOption } from '../charts/echarts';
import { Card, ErrorState, Loading, PageHeader, Stat } from '../ui/components';
import { fmtDate, fmtInt, fmtMinutes } from '../ui/format';
import { usePageTitle } from '../ui/page-title';
import { FreshnessNote, RangeControls, useRange, type Range } from '../ui/RangeControls';
import { trustDashboardQuery, useGet } from '../api/query';
import { useQueries } from '@tanstack/react-query';

const LOST = '#003087';
const ELIMINATED = '#009639';

export function ProgrammeDashboardPage() {
  usePageTitle('Programme dashboard');
  const [range, setRange] = useRange();
  const dashboard = useGet('/api/dashboards/programme', { query: range }, { refetchInterval: 5000 });
  return (
    <>
      <PageHeader
        title="Programme dashboard"
        lead="All trusts of the partnership, side by side"
        actions={<FreshnessNote freshness={dashboard.data?.freshness} loading={dashboard.loading} />}
      />
      <div className="toolbar">
        <RangeControls range={range} onChange={setRange} />
      </div>
      {dashboard.error && (
        <ErrorState error={dashboard.error} what="The programme dashboard" retry={dashboard.reload} />
      )}
      {!dashboard.data && dashboard.loading && <Loading label="Loading the programme dashboard…" />}
      {dashboard.data && <ProgrammeBody data={dashboard.data} range={range} />}
    </>
  );
}

/**
 * Each trust's series for the small multiples. The programme dashboard carries totals only; the
 * regulator and admins may read every trust's dashboard, so their small multiples show the trend.
 * Refreshed every 30 s (the totals above refresh every 5 s).
 */
function useTrustSeries(trustIds: string[], range: Range, enabled: boolean): Map<string, SeriesPoint[]> {
  const reads = useQueries({
    queries: trustIds.map((trustId) => ({
      ...trustDashboardQuery(trustId, range),
      enabled,
      refetchInterval: 30_000,
    })),
  });
  const series = new Map<string, SeriesPoint[]>();
  reads.forEach((read, i) => {
    if (read.data) series.set(trustIds[i], read.data.series);
  });
  return series;
}

function ProgrammeBody({ data, range }: { data: ProgrammeDashboard; range: Range }) {
  const { actor } = useApp();
  const granularity = range.granularity;
  const t = data.totals;
  const trusts = [...data.trusts].sort((a, b) => a.code.localeCompare(b.code));
  const trustSeries = useTrustSeries(
    trusts.map((tr) => tr.trustId),
    range,
    actor.trustId === null,
  );
  const seriesOf = (trustId: string) => trustSeries.get(trustId) ?? [];
  // One scale for every small multiple: the largest figure any trust shows.
  const scaleMax = Math.max(1, ...trusts.map((tr) => Math.max(tr.totals.minutesLost, tr.totals.minutesEliminated)));
  const seriesMax = Math.max(
    1,
    ...trusts.flatMap((tr) => seriesOf(tr.trustId).map((s) => Math.max(s.minutesLost, s.minutesEliminated))),
  );
  const hasSeries = trusts.length > 0 && trusts.every((tr) => seriesOf(tr.trustId).length > 0);
  return (
    <div className="dashboard" data-testid="programme-dashboard">
      <div className="stats" aria-label="Programme totals for the period">
        <Stat label="Waste records" value={fmtInt(t.wasteRecords)} detail={`${fmtInt(t.occurrences)} occurrences`} />
        <Stat label="Minutes lost" value={fmtMinutes(t.minutesLost)} testId="programme-minutes-lost" />
        <Stat label="Minutes eliminated" value={fmtMinutes(t.minutesEliminated)} />
        <Stat
          label="Events completed"
          value={fmtInt(t.eventsCompleted)}
          detail={`${fmtInt(t.eventsSustained)} sustained`}
        />
        <Stat label="Everyday lean ideas" value={fmtInt(t.ideas)} />
      </div>
      <Card title={`Programme minutes lost and eliminated per ${granularity}`}>
        <SeriesChart series={data.series} height={260} label="Programme minutes lost and eliminated per period" />
      </Card>
      <h2 className="section-title">Trusts side by side</h2>
      <p className="hint">
        Every small chart uses the same scale, so the trusts can be compared at a glance.{' '}
        <span className="key-item">
          <span className="swatch" style={{ background: LOST }} aria-hidden="true" /> Minutes lost
        </span>{' '}
        <span className="key-item">
          <span className="swatch" style={{ background: ELIMINATED }} aria-hidden="true" /> Minutes eliminated
        </span>
      </p>
      {trusts.length === 0 && <p className="empty">No trusts yet.</p>}
      <div className="multiples" data-testid="small-multiples">
        {trusts.map((trust) => (
          <Card
            key={trust.trustId}
            className="multiple"
            title={
              <>
                <span className="multiple__code">{trust.code}</span>{' '}
                <span className="multiple__name">{trust.name}</span>
              </>
            }
          >
            {hasSeries ? (
              <SeriesChart
                series={seriesOf(trust.trustId)}
                height={150}
                label={`${trust.name}: minutes per period`}
                max={seriesMax}
                small
              />
            ) : (
              <TotalsBars totals={trust.totals} max={scaleMax} />
            )}
            <dl className="summary-list summary-list--small">
              <div>
                <dt>Records</dt>
                <dd>{fmtInt(trust.totals.wasteRecords)}</dd>
              </div>
              <div>
                <dt>Events completed</dt>
                <dd>{fmtInt(trust.totals.eventsCompleted)}</dd>
              </div>
              <div>
                <dt>Ideas</dt>
                <dd>{fmtInt(trust.totals.ideas)}</dd>
              </div>
            </dl>
            <TrustLink trustId={trust.trustId} />
          </Card>
        ))}
      </div>
      <Card title="Trust totals">
        <div className="table-wrap">
          <table className="table" data-testid="programme-trusts">
            <thead>
              <tr>
                <th scope="col">Trust</th>
                <th scope="col" className="num">
                  Records
                </th>
                <th scope="col" className="num">
                  Minutes lost
                </th>
                <th scope="col" className="num">
                  Minutes eliminated
                </th>
                <th scope="col" className="num">
                  Events completed
                </th>
                <th scope="col" className="num">
                  Sustained
                </th>
                <th scope="col" className="num">
                  Ideas
                </th>
              </tr>
            </thead>
            <tbody>
              {trusts.map((trust) => (
                <tr key={trust.trustId}>
                  <th scope="row">
                    {trust.code} <span className="muted">{trust.name}</span>
                  </th>
                  <td className="num">{fmtInt(trust.totals.wasteRecords)}</td>
                  <td className="num">{fmtInt(trust.totals.minutesLost)}</td>
                  <td className="num">{fmtInt(trust.totals.minutesEliminated)}</td>
                  <td className="num">{fmtInt(trust.totals.eventsCompleted)}</td>
                  <td className="num">{fmtInt(trust.totals.eventsSustained)}</td>
                  <td className="num">{fmtInt(trust.totals.ideas)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}

function TrustLink({ trustId }: { trustId: string }) {
  const { actor } = useApp();
  if (actor.trustId !== null && actor.trustId !== trustId) return null;
  return (
    <p className="multiple__link">
      <Link to={actor.trustId ? '/dashboard' : `/dashboard/${trustId}`}>Open the trust dashboard</Link>
    </p>
  );
}

/** Two horizontal bars (minutes lost, eliminated) on the shared scale. */
function TotalsBars({ totals, max }: { totals: RollupTotals; max: number }) {
  const bar = (label: string, value: number, colour: string) => (
    <div className="hbar">
      <span className="hbar__label">{label}</span>
      <span className="hbar__track" aria-hidden="true">
        <span className="hbar__bar" style={{ width: `${(value / max) * 100}%`, background: colour }} />
      </span>
      <span className="hbar__value">{fmtInt(value)} min</span>
    </div>
  );
  return (
    <div className="hbars">
      {bar('Lost', totals.minutesLost, LOST)}
      {bar('Eliminated', totals.minutesEliminated, ELIMINATED)}
    </div>
  );
}

function SeriesChart({
  series,
  height,
  label,
  max,
  small,
}: {
  series: SeriesPoint[];
  height: number;
  label: string;
  max?: number;
  small?: boolean;
}) {
  const option = useMemo<EChartsOption>(
    () => ({
      grid: small ? { left: 44, right: 8, top: 8, bottom: 24 } : { left: 56, right: 16, top: 36, bottom: 32 },
      legend: small ? undefined : { top: 0, left: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${fmtInt(Number(v))} min` },
      xAxis: {
        type: 'category',
        data: series.map((s) => fmtDate(s.periodStart)),
        axisLabel: { hideOverlap: true, color: '#4c6272', fontSize: small ? 10 : 12 },
      },
      yAxis: { type: 'value', max, axisLabel: { color: '#4c6272' }, splitLine: { lineStyle: { color: '#e8edee' } } },
      series: [
        {
          name: 'Minutes lost',
          type: 'line',
          data: series.map((s) => s.minutesLost),
          color: LOST,
          showSymbol: !small,
          symbolSize: 6,
        },
        {
          name: 'Minutes eliminated',
          type: 'line',
          data: series.map((s) => s.minutesEliminated),
          color: ELIMINATED,
          showSymbol: !small,
          symbolSize: 6,
        },
      ],
    }),
    [series, max, small],
  );
  return <EChart option={option} height={height} label={label} />;
}
