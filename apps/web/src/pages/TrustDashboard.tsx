// A trust's dashboard from the rollups: totals, waste by type, minutes lost and eliminated per period as
// SPC charts, events by status, and how fresh the figures are. Refreshes itself every few seconds.
import { EVENT_STATUSES, WASTE_TYPES, type EventStatus } from '@app/domain';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { SpcResult, TrustDashboard } from '../api/models';
import { useApp } from '../auth/context';
import { can, READ_RECORDS } from '../auth/roles';
import { EChart } from '../charts/EChart';
import type { EChartsOption } from '../charts/echarts';
import { SpcChart } from '../charts/SpcChart';
import { Card, ErrorState, Field, Loading, PageHeader, Select, Stat } from '../ui/components';
import { fmtInt, fmtMinutes, humanise } from '../ui/format';
import { usePageTitle } from '../ui/page-title';
import { FreshnessNote, RangeControls, useRange } from '../ui/RangeControls';
import { useGet } from '../api/query';

const POLL_MS = 5000;

export function TrustDashboardPage() {
  const { actor, trusts, trustsLoaded, trustName } = useApp();
  const params = useParams();
  const navigate = useNavigate();
  const trustId = params.trustId ?? actor.trustId ?? trusts[0]?.id ?? null;
  const [range, setRange] = useRange();
  usePageTitle(`Trust dashboard${trustId ? ` – ${trustName(trustId)}` : ''}`);

  const dashboard = useGet('/api/dashboards/trusts/{trustId}', trustId ? { path: { trustId }, query: range } : null, {
    refetchInterval: POLL_MS,
  });
  const programmeRole = actor.trustId === null;

  return (
    <>
      <PageHeader
        title="Trust dashboard"
        lead={trustId ? trustName(trustId) : undefined}
        actions={<FreshnessNote freshness={dashboard.data?.freshness} loading={dashboard.loading} />}
      />
      <div className="toolbar">
        {programmeRole && trusts.length > 0 && (
          <Field label="Trust">
            {(props) => (
              <Select
                {...props}
                value={trustId ?? ''}
                onChange={(id) => navigate(`/dashboard/${id}?${new URLSearchParams({ ...range })}`)}
                options={trusts.map((t) => ({ value: t.id, label: `${t.code} – ${t.name}` }))}
              />
            )}
          </Field>
        )}
        <RangeControls range={range} onChange={setRange} />
      </div>
      {!trustId && (trustsLoaded ? <p className="empty">There are no trusts yet.</p> : <Loading />)}
      {dashboard.error && <ErrorState error={dashboard.error} what="The trust dashboard" retry={dashboard.reload} />}
      {trustId && !dashboard.data && dashboard.loading && <Loading label="Loading the dashboard…" />}
      {dashboard.data && <TrustDashboardBody data={dashboard.data} granularity={range.granularity} />}
    </>
  );
}

function TrustDashboardBody({ data, granularity }: { data: TrustDashboard; granularity: string }) {
  const { actor } = useApp();
  const t = data.totals;
  const spc = (key: keyof NonNullable<TrustDashboard['spc']>): SpcResult | undefined => data.spc?.[key] ?? undefined;
  return (
    <div className="dashboard" data-testid="trust-dashboard">
      <div className="stats" aria-label="Totals for the period">
        <Stat
          label="Waste records"
          value={fmtInt(t.wasteRecords)}
          detail={`${fmtInt(t.occurrences)} occurrences`}
          testId="total-waste-records"
        />
        <Stat label="Minutes lost" value={fmtMinutes(t.minutesLost)} testId="total-minutes-lost" />
        <Stat label="Minutes eliminated" value={fmtMinutes(t.minutesEliminated)} testId="total-minutes-eliminated" />
        <Stat
          label="Events completed"
          value={fmtInt(t.eventsCompleted)}
          detail={`${fmtInt(t.eventsSustained)} sustained`}
        />
        <Stat label="Everyday lean ideas" value={fmtInt(t.ideas)} />
      </div>
      <div className="grid grid--2">
        <Card title={`Minutes lost per ${granularity}`} testId="spc-minutes-lost">
          {spc('minutesLost') ? (
            <SpcChart
              spc={spc('minutesLost')!}
              title="Minutes lost"
              unit="minutes"
              testId="spc-chart-minutes-lost"
              compact
            />
          ) : (
            <SeriesFallback data={data} field="minutesLost" />
          )}
        </Card>
        <Card title={`Minutes eliminated per ${granularity}`} testId="spc-minutes-eliminated">
          {spc('minutesEliminated') ? (
            <SpcChart
              spc={spc('minutesEliminated')!}
              title="Minutes eliminated"
              unit="minutes"
              testId="spc-chart-minutes-eliminated"
              compact
            />
          ) : (
            <SeriesFallback data={data} field="minutesEliminated" />
          )}
        </Card>
      </div>
      <div className="grid grid--2-1">
        <Card title="Waste by type">
          <WasteByType data={data} />
        </Card>
        <Card title="Improvement events by status">
          <EventsByStatus data={data} canListEvents={can(actor.role, READ_RECORDS)} />
        </Card>
      </div>
    </div>
  );
}

/** Without an SPC reading from the API, the plain series as a line, so the page still shows the trend. */
function SeriesFallback({ data, field }: { data: TrustDashboard; field: 'minutesLost' | 'minutesEliminated' }) {
  const option = useMemo<EChartsOption>(
    () => ({
      grid: { left: 56, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: data.series.map((s) => s.periodStart) },
      yAxis: { type: 'value' },
      series: [{ type: 'line', data: data.series.map((s) => s[field]), color: '#005EB8', symbolSize: 6 }],
    }),
    [data, field],
  );
  return (
    <>
      <p className="hint">No SPC reading was given for this series; the values are shown without limits.</p>
      <EChart option={option} height={240} label={`${humanise(field)} per period`} />
    </>
  );
}

function WasteByType({ data }: { data: TrustDashboard }) {
  const rows = WASTE_TYPES.map(
    (type) =>
      data.byWasteType.find((r) => r.wasteType === type) ?? {
        wasteType: type,
        wasteRecords: 0,
        occurrences: 0,
        minutesLost: 0,
        minutesEliminated: 0,
      },
  );
  const option = useMemo<EChartsOption>(
    () => ({
      grid: { left: 112, right: 24, top: 36, bottom: 28 },
      legend: { top: 0, left: 0, textStyle: { color: '#212b32' } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', name: 'minutes', nameLocation: 'end', splitLine: { lineStyle: { color: '#e8edee' } } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => humanise(r.wasteType)) },
      series: [
        { name: 'Minutes lost', type: 'bar', data: rows.map((r) => r.minutesLost), color: '#003087', barGap: '10%' },
        { name: 'Minutes eliminated', type: 'bar', data: rows.map((r) => r.minutesEliminated), color: '#009639' },
      ],
    }),
    [rows],
  );
  return (
    <>
      <EChart
        option={option}
        height={340}
        label="Minutes lost and eliminated for each of the eight wastes"
        testId="waste-by-type-chart"
      />
      <details className="details">
        <summary>Show the figures as a table</summary>
        <table className="table table--compact" data-testid="waste-by-type">
          <thead>
            <tr>
              <th scope="col">Waste</th>
              <th scope="col" className="num">
                Records
              </th>
              <th scope="col" className="num">
                Occurrences
              </th>
              <th scope="col" className="num">
                Minutes lost
              </th>
              <th scope="col" className="num">
                Minutes eliminated
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.wasteType}>
                <th scope="row">{humanise(r.wasteType)}</th>
                <td className="num">{fmtInt(r.wasteRecords)}</td>
                <td className="num">{fmtInt(r.occurrences)}</td>
                <td className="num">{fmtInt(r.minutesLost)}</td>
                <td className="num">{fmtInt(r.minutesEliminated)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

function EventsByStatus({ data, canListEvents }: { data: TrustDashboard; canListEvents: boolean }) {
  // The rollups count completed and sustained events; the full status breakdown comes from the event
  // list when the reader may see the trust's events.
  const list = useGet(
    '/api/improvement-events',
    canListEvents ? { query: { trustId: data.trustId, limit: 200 } } : null,
  );
  const counts = useMemo(() => {
    if (!list.data) return null;
    const result: Partial<Record<EventStatus, number>> = {};
    for (const event of list.data.items) result[event.status] = (result[event.status] ?? 0) + 1;
    return result;
  }, [list.data]);

  return (
    <>
      <dl className="summary-list">
        <div>
          <dt>Completed in the period</dt>
          <dd>{fmtInt(data.totals.eventsCompleted)}</dd>
        </div>
        <div>
          <dt>Sustained</dt>
          <dd>{fmtInt(data.totals.eventsSustained)}</dd>
        </div>
        <div>
          <dt>Everyday lean ideas</dt>
          <dd>{fmtInt(data.totals.ideas)}</dd>
        </div>
      </dl>
      {list.loading && <Loading label="Counting events…" />}
      {list.error && <ErrorState error={list.error} what="The event list" retry={list.reload} />}
      {counts && (
        <>
          <h3 className="subheading">All events by status{list.data?.nextCursor ? ' (latest 200)' : ''}</h3>
          <ul className="status-bars" data-testid="events-by-status">
            {EVENT_STATUSES.map((status) => {
              const n = counts[status] ?? 0;
              const max = Math.max(1, ...Object.values(counts).map((v) => v ?? 0));
              return (
                <li key={status}>
                  <span className="status-bars__label">{humanise(status)}</span>
                  <span className="status-bars__track" aria-hidden="true">
                    <span
                      className={`status-bars__bar status-bars__bar--${status}`}
                      style={{ width: `${(n / max) * 100}%` }}
                    />
                  </span>
                  <span className="status-bars__value">{fmtInt(n)}</span>
                </li>
              );
            })}
          </ul>
          {canListEvents && (
            <p>
              <Link to="/events">See the events</Link>
            </p>
          )}
        </>
      )}
    </>
  );
}
