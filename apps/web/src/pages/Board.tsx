// The Transformation Guiding Board: meetings, the pack on screen (each trust's report and figures, the
// programme's, SPC of the measures and the Compact items for discussion), its print view, the CEO's
// monthly report form, and (admin) creating and publishing meetings.
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, apiBlob, ApiError } from '../api/client';
import type { BoardMeeting, BoardPack, PackFigureSet, PackMeasure, PackTrust, Page, RollupTotals } from '../api/types';
import { useApi, usePolling } from '../api/use-api';
import { useApp } from '../auth/context';
import { EChart } from '../charts/EChart';
import type { EChartsOption } from '../charts/echarts';
import { AssuranceBadge, MDC, POINT_COLOURS, VariationBadge } from '../charts/mdc';
import { Card, ErrorState, ErrorSummary, Field, Loading, PageHeader, Select, Tag } from '../ui/components';
import {
  currentMonth,
  fmtDate,
  fmtDateTime,
  fmtInt,
  fmtMinutes,
  fmtMonth,
  fmtNumber,
  fmtPercent,
  humanise,
} from '../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../ui/form-errors';
import { usePageTitle } from '../ui/page-title';

const NOTHING = () => undefined;

const listOf = <T,>(data: T[] | Page<T> | undefined): T[] => (Array.isArray(data) ? data : (data?.items ?? []));

export function BoardPage() {
  usePageTitle('Board');
  const { actor } = useApp();
  const meetings = useApi<BoardMeeting[] | Page<BoardMeeting>>('/api/board-meetings', { limit: 200 });
  const items = [...listOf(meetings.data)].sort((a, b) => b.month.localeCompare(a.month));
  return (
    <>
      <PageHeader
        title="Transformation Guiding Board"
        lead="The monthly board of the five trust CEOs and the regulator. Its meetings are a protected space."
      />
      <Card title="Meetings" testId="board-meetings">
        {meetings.error && <ErrorState error={meetings.error} what="The board" retry={meetings.reload} />}
        {meetings.loading && !meetings.data && <Loading />}
        {meetings.data && items.length === 0 && <p className="empty">No board meetings yet.</p>}
        {items.length > 0 && (
          <ul className="meeting-list">
            {items.map((m) => (
              <li key={m.id}>
                <Link to={`/board/${m.id}`}>{fmtMonth(m.month)}</Link>
                {m.heldOn && <span className="muted"> · held {fmtDate(m.heldOn)}</span>} <MeetingStatus meeting={m} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      {actor.role === 'admin' && !meetings.error?.routeMissing && <NewMeeting onSaved={meetings.reload} />}
    </>
  );
}

function MeetingStatus({ meeting }: { meeting: BoardMeeting }) {
  const status = meeting.status ?? (meeting.publishedAt ? 'published' : 'draft');
  if (status === 'published') return <Tag value="met" label="Published" />;
  if (status === 'publishing') return <Tag value="follow_up" label="Publishing" />;
  return <Tag value="planned" label="Draft" />;
}

function NewMeeting({ onSaved }: { onSaved: () => void }) {
  const [month, setMonth] = useState(currentMonth());
  const [heldOn, setHeldOn] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api('/api/board-meetings', { method: 'POST', body: { month, heldOn: heldOn || undefined } });
      onSaved();
    } catch (error) {
      setErrors(formErrors(error, ['month', 'heldOn']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title="Add a meeting">
      <form className="form form-row form-row--end" onSubmit={submit} noValidate aria-label="Add a board meeting">
        <ErrorSummary errors={{ byField: {}, general: errors.general }} />
        <Field label="Month" errors={errors.byField.month}>
          {(props) => (
            <input
              {...props}
              className="input input--date"
              type="month"
              value={month}
              onChange={(e) => setMonth(e.target.value)}
            />
          )}
        </Field>
        <Field label="Held on (optional)" errors={errors.byField.heldOn}>
          {(props) => (
            <input
              {...props}
              className="input input--date"
              type="date"
              value={heldOn}
              onChange={(e) => setHeldOn(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={busy}>
          Add the meeting
        </button>
      </form>
    </Card>
  );
}

export function BoardMeetingPage() {
  const { id } = useParams();
  const { actor } = useApp();
  const pack = useApi<BoardPack>(`/api/board-meetings/${id}/pack`);
  const meeting = useApi<BoardMeeting>(`/api/board-meetings/${id}`);
  const publishing = meeting.data?.status === 'publishing';
  // While the snapshot is being built, look again every two seconds until it is published.
  const { reload: reloadMeeting } = meeting;
  const { reload: reloadPack } = pack;
  const refreshBoth = useCallback(() => {
    reloadMeeting();
    reloadPack();
  }, [reloadMeeting, reloadPack]);
  usePolling(publishing ? refreshBoth : NOTHING, 2000);
  usePageTitle(pack.data ? `Board pack ${fmtMonth(pack.data.month)}` : 'Board pack');
  const [printError, setPrintError] = useState<ApiError | undefined>();
  const [publishErrors, setPublishErrors] = useState<FormErrors>(NO_ERRORS);
  const [printing, setPrinting] = useState(false);

  async function openPrintView() {
    setPrintError(undefined);
    setPrinting(true);
    // Open the window within the click (so no pop-up blocker stops it), then load the pack into it.
    const win = window.open('', '_blank');
    win?.document.write('<p style="font-family: sans-serif">Preparing the board pack…</p>');
    try {
      const html = await apiBlob(`/api/board-meetings/${id}/pack`, { accept: 'text/html' });
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
      if (win) win.location.href = url;
      else window.location.href = url;
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      win?.close();
      setPrintError(error instanceof ApiError ? error : new ApiError(0, [String(error)], null));
    } finally {
      setPrinting(false);
    }
  }

  async function publish() {
    if (!window.confirm('Publish the pack? Its figures are then frozen as they are now.')) return;
    setPublishErrors(NO_ERRORS);
    try {
      await api(`/api/board-meetings/${id}/publish`, { method: 'POST' });
      refreshBoth();
    } catch (error) {
      setPublishErrors(formErrors(error, []));
    }
  }

  if (pack.error) return <ErrorState error={pack.error} what="The board pack" retry={pack.reload} />;
  if (!pack.data) return <Loading label="Building the board pack…" />;
  const p = pack.data;
  const ownTrust = p.trusts.find((t) => t.trustId === actor.trustId);
  // Reports can be written while the meeting is a draft; from the publish request on they are frozen.
  const open = !p.published && (meeting.data?.status ?? 'draft') === 'draft';

  return (
    <>
      <PageHeader
        title={`Board pack: ${fmtMonth(p.month)}`}
        lead={
          <>
            {p.heldOn ? `Meeting held ${fmtDate(p.heldOn)}. ` : ''}
            {p.published ? (
              <Tag value="met" label={`Published ${fmtDateTime(p.publishedAt)}`} />
            ) : (
              <Tag value="planned" label={`Draft, built ${fmtDateTime(p.generatedAt)}`} />
            )}
          </>
        }
        actions={
          <div className="button-group">
            <button
              type="button"
              className="button button--secondary"
              onClick={openPrintView}
              disabled={printing}
              data-testid="print-view"
            >
              {printing ? 'Preparing…' : 'Print view'}
            </button>
            {actor.role === 'admin' && open && (
              <button type="button" className="button" onClick={publish}>
                Publish the pack
              </button>
            )}
          </div>
        }
      />
      {printError && <ErrorState error={printError} what="The print view" />}
      <ErrorSummary errors={publishErrors} />
      {p.pendingChanges > 0 && !p.published && (
        <div className="notice notice--info" role="status">
          {p.pendingChanges} recent {p.pendingChanges === 1 ? 'change is' : 'changes are'} not in these figures yet;
          they will be shortly.
        </div>
      )}
      {publishing && (
        <div className="notice notice--info" role="status">
          The pack is being published: its figures are being frozen. This page updates by itself.
        </div>
      )}
      {open && actor.role === 'trust_ceo' && ownTrust && (
        <ReportForm
          meetingId={p.meetingId}
          trust={ownTrust}
          onSaved={pack.reload}
          key={`${ownTrust.trustId}-${ownTrust.report?.version ?? 0}`}
        />
      )}
      {open && actor.role === 'admin' && <AdminReportForm pack={p} onSaved={pack.reload} />}
      <PackView pack={p} />
    </>
  );
}

function AdminReportForm({ pack, onSaved }: { pack: BoardPack; onSaved: () => void }) {
  const [trustId, setTrustId] = useState('');
  const trust = pack.trusts.find((t) => t.trustId === trustId);
  return (
    <Card title="Write a trust's report">
      <Field label="Trust">
        {(props) => (
          <Select
            {...props}
            value={trustId}
            onChange={setTrustId}
            empty="Choose a trust"
            options={pack.trusts.map((t) => ({ value: t.trustId, label: `${t.code} – ${t.name}` }))}
          />
        )}
      </Field>
      {trust && (
        <ReportForm
          meetingId={pack.meetingId}
          trust={trust}
          onSaved={onSaved}
          key={`${trust.trustId}-${trust.report?.version ?? 0}`}
          bare
        />
      )}
    </Card>
  );
}

function ReportForm({
  meetingId,
  trust,
  onSaved,
  bare,
}: {
  meetingId: string;
  trust: PackTrust;
  onSaved: () => void;
  bare?: boolean;
}) {
  const [progress, setProgress] = useState(trust.report?.progress ?? '');
  const [challenges, setChallenges] = useState(trust.report?.challenges ?? '');
  const [asks, setAsks] = useState(trust.report?.asks ?? '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const e = errors.byField;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    setSaved(false);
    try {
      const body: Record<string, unknown> = { progress, challenges, asks: asks || null };
      if (trust.report?.version) body.version = trust.report.version;
      await api(`/api/board-meetings/${meetingId}/reports/${trust.trustId}`, { method: 'PUT', body });
      setSaved(true);
      onSaved();
    } catch (error) {
      setErrors(formErrors(error, ['progress', 'challenges', 'asks', 'version']));
    } finally {
      setBusy(false);
    }
  }

  const form = (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label={`Report of ${trust.name}`}
      data-testid="report-form"
    >
      {saved && (
        <p className="notice notice--success" role="status">
          The report was saved.
        </p>
      )}
      <ErrorSummary errors={{ byField: {}, general: [...errors.general, ...(e.version ?? [])] }} />
      <Field label="Progress" hint="What improved this month; up to 8,000 characters" errors={e.progress}>
        {(props) => (
          <textarea
            {...props}
            className="textarea"
            rows={5}
            value={progress}
            onChange={(ev) => setProgress(ev.target.value)}
          />
        )}
      </Field>
      <Field label="Challenges" hint="What got in the way; up to 8,000 characters" errors={e.challenges}>
        {(props) => (
          <textarea
            {...props}
            className="textarea"
            rows={5}
            value={challenges}
            onChange={(ev) => setChallenges(ev.target.value)}
          />
        )}
      </Field>
      <Field label="Asks of the board (optional)" errors={e.asks}>
        {(props) => (
          <textarea {...props} className="textarea" rows={3} value={asks} onChange={(ev) => setAsks(ev.target.value)} />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : trust.report ? 'Save the report' : 'Submit the report'}
      </button>
    </form>
  );
  if (bare) return form;
  return <Card title={`Your report for this meeting (${trust.code})`}>{form}</Card>;
}

const FIGURE_ROWS: { key: keyof RollupTotals; label: string; minutes?: boolean }[] = [
  { key: 'wasteRecords', label: 'Waste records' },
  { key: 'minutesLost', label: 'Minutes lost', minutes: true },
  { key: 'minutesEliminated', label: 'Minutes eliminated', minutes: true },
  { key: 'eventsCompleted', label: 'Events completed' },
  { key: 'eventsSustained', label: 'Events sustained' },
  { key: 'ideas', label: 'Everyday lean ideas' },
];

function FiguresTable({ figures, pack, caption }: { figures: PackFigureSet; pack: BoardPack; caption: string }) {
  return (
    <table className="table table--compact figures">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col" className="num">
            {fmtMonth(pack.periods.month.month)}
          </th>
          <th scope="col" className="num">
            {fmtMonth(pack.periods.previousMonth.month)}
          </th>
          <th scope="col" className="num">
            Year to date
          </th>
        </tr>
      </thead>
      <tbody>
        {FIGURE_ROWS.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            {(['month', 'previousMonth', 'yearToDate'] as const).map((period) => (
              <td className="num" key={period}>
                {row.minutes ? fmtMinutes(figures[period][row.key]) : fmtInt(figures[period][row.key])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PackView({ pack }: { pack: BoardPack }) {
  return (
    <div className="pack" data-testid="board-pack">
      <Card title="Programme">
        <FiguresTable figures={pack.programme.figures} pack={pack} caption="Programme figures" />
      </Card>
      <Card title="The Compact: for open discussion" testId="compact-discussion">
        {pack.compactDiscussion.length === 0 ? (
          <p className="empty">Every check-in this month says the commitments were met.</p>
        ) : (
          <div className="table-wrap">
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">Party</th>
                  <th scope="col">Commitment</th>
                  <th scope="col">Status</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {pack.compactDiscussion.map((item) => (
                  <tr key={item.checkInId}>
                    <td>{item.trustCode ?? 'Regulator'}</td>
                    <td>{item.commitmentText}</td>
                    <td>
                      <Tag value={item.status} />
                    </td>
                    <td className="prewrap">{item.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {pack.trusts.map((trust) => (
        <Card
          key={trust.trustId}
          title={
            <>
              {trust.code} <span className="muted">{trust.name}</span>
            </>
          }
          className="pack__trust"
        >
          <div className="grid grid--2">
            <div>
              <h3 className="subheading">Report from the CEO</h3>
              {trust.report ? (
                <dl className="report">
                  <dt>Progress</dt>
                  <dd className="prewrap">{trust.report.progress}</dd>
                  <dt>Challenges</dt>
                  <dd className="prewrap">{trust.report.challenges}</dd>
                  {trust.report.asks && (
                    <>
                      <dt>Asks of the board</dt>
                      <dd className="prewrap">{trust.report.asks}</dd>
                    </>
                  )}
                </dl>
              ) : (
                <p className="empty">No report submitted yet.</p>
              )}
            </div>
            <div>
              <h3 className="subheading">Figures</h3>
              <FiguresTable figures={trust.figures} pack={pack} caption={`${trust.name} figures`} />
            </div>
          </div>
          {trust.measures.length > 0 && (
            <>
              <h3 className="subheading">Measures</h3>
              <div className="pack-measures">
                {trust.measures.map((m) => (
                  <PackMeasureCard key={m.measureId} measure={m} />
                ))}
              </div>
            </>
          )}
          {trust.valueStreams.length > 0 && (
            <>
              <h3 className="subheading">Value streams</h3>
              <table className="table table--compact">
                <thead>
                  <tr>
                    <th scope="col">Value stream</th>
                    <th scope="col" className="num">
                      Current PCE
                    </th>
                    <th scope="col" className="num">
                      Future PCE
                    </th>
                    <th scope="col" className="num">
                      Change
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {trust.valueStreams.map((vs) => (
                    <tr key={vs.valueStreamId}>
                      <th scope="row">{vs.name}</th>
                      <td className="num">
                        {vs.current?.processCycleEfficiency == null
                          ? '–'
                          : fmtPercent(vs.current.processCycleEfficiency * 100)}
                      </td>
                      <td className="num">
                        {vs.future?.processCycleEfficiency == null
                          ? '–'
                          : fmtPercent(vs.future.processCycleEfficiency * 100)}
                      </td>
                      <td className="num">
                        {vs.processCycleEfficiencyChange.absolute === null
                          ? '–'
                          : `${fmtNumber(vs.processCycleEfficiencyChange.absolute * 100)} points`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Card>
      ))}
    </div>
  );
}

function PackMeasureCard({ measure }: { measure: PackMeasure }) {
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
