// Kaizen events, RPIWs, everyday lean ideas and PDSA cycles: the list, a new-event form with its
// metrics, and the event page with progress to target, the follow-ups and a form to add one.
import {
  EVENT_KINDS,
  EVENT_STATUSES,
  METRIC_DIRECTIONS,
  type EventKind,
  type EventStatus,
  type MetricDirection,
} from '@app/domain';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useValueStreams } from '../api/lookups';
import type { FollowUp, ImprovementEvent, Page } from '../api/types';
import { useApi } from '../api/use-api';
import { useApp } from '../auth/context';
import { useFormDraft } from '../auth/drafts';
import { can, MANAGE_RECORDS, WRITE_RECORDS } from '../auth/roles';
import {
  Card,
  ErrorState,
  ErrorSummary,
  Field,
  Loading,
  PageHeader,
  Pager,
  ProgressBar,
  Select,
  Tag,
} from '../ui/components';
import { fmtDate, fmtInt, fmtNumber, fmtPercent, humanise, todayIso } from '../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../ui/form-errors';
import { usePageTitle } from '../ui/page-title';

const KIND_LABELS: Record<EventKind, string> = {
  rpiw: 'RPIW (rapid process improvement workshop)',
  kaizen: 'Kaizen event',
  everyday_lean_idea: 'Everyday lean idea',
  pdsa: 'PDSA cycle',
};

export function EventsPage() {
  usePageTitle('Improvement events');
  const { actor, trusts, trustCode } = useApp();
  const [params, setParams] = useSearchParams();
  const filters = {
    trustId: params.get('trustId') ?? '',
    kind: params.get('kind') ?? '',
    status: params.get('status') ?? '',
  };
  const [cursors, setCursors] = useState<string[]>([]);
  const key = `${filters.trustId}|${filters.kind}|${filters.status}`;
  useEffect(() => setCursors([]), [key]);
  const list = useApi<Page<ImprovementEvent>>('/api/improvement-events', {
    ...filters,
    cursor: cursors[cursors.length - 1],
    limit: 25,
  });
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Improvement events"
        lead="RPIWs, kaizen events, everyday lean ideas and PDSA cycles, latest first"
        actions={
          can(actor.role, WRITE_RECORDS) && (
            <Link className="button" to="/events/new">
              New event
            </Link>
          )
        }
      />
      <Card>
        <form className="filters" aria-label="Filter the events" onSubmit={(e) => e.preventDefault()}>
          {actor.trustId === null && (
            <Field label="Trust">
              {(props) => (
                <Select
                  {...props}
                  value={filters.trustId}
                  onChange={(v) => setFilter('trustId', v)}
                  empty="All trusts"
                  options={trusts.map((t) => ({ value: t.id, label: t.code }))}
                />
              )}
            </Field>
          )}
          <Field label="Kind">
            {(props) => (
              <Select
                {...props}
                value={filters.kind}
                onChange={(v) => setFilter('kind', v)}
                empty="Any"
                options={EVENT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
              />
            )}
          </Field>
          <Field label="Status">
            {(props) => (
              <Select
                {...props}
                value={filters.status}
                onChange={(v) => setFilter('status', v)}
                empty="Any"
                options={EVENT_STATUSES}
              />
            )}
          </Field>
        </form>
      </Card>
      <Card testId="events-list">
        {list.error && <ErrorState error={list.error} what="The events" retry={list.reload} />}
        {list.loading && !list.data && <Loading label="Loading events…" />}
        {list.data && list.data.items.length === 0 && <p className="empty">No events match these filters.</p>}
        {list.data && list.data.items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  {actor.trustId === null && <th scope="col">Trust</th>}
                  <th scope="col">Kind</th>
                  <th scope="col">Dates</th>
                  <th scope="col">Status</th>
                  <th scope="col">Progress</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((event) => (
                  <tr key={event.id}>
                    <td>
                      <Link to={`/events/${event.id}`}>{event.title}</Link>
                    </td>
                    {actor.trustId === null && <td>{trustCode(event.trustId)}</td>}
                    <td>{humanise(event.kind)}</td>
                    <td className="nowrap">
                      {fmtDate(event.startDate)}
                      {event.endDate ? ` – ${fmtDate(event.endDate)}` : ''}
                    </td>
                    <td>
                      <Tag value={event.status} />
                    </td>
                    <td>
                      <ProgressSummary event={event} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.data && (
          <Pager
            page={cursors.length + 1}
            hasNext={!!list.data.nextCursor}
            onPrevious={() => setCursors((c) => c.slice(0, -1))}
            onNext={() => list.data?.nextCursor && setCursors((c) => [...c, list.data!.nextCursor!])}
          />
        )}
      </Card>
    </>
  );
}

function ProgressSummary({ event }: { event: ImprovementEvent }) {
  const metrics = event.metrics ?? [];
  if (metrics.length === 0) return <span className="muted">No metrics</span>;
  const reported = event.progress?.reported ?? metrics.filter((m) => m.latest !== null).length;
  const met = event.progress?.targetsMet ?? metrics.filter((m) => m.targetMet).length;
  return (
    <span>
      {met} of {metrics.length} {metrics.length === 1 ? 'target' : 'targets'} met
      <span className="muted block">
        {reported} reported{event.progress?.latestCheckpointDay ? `, day ${event.progress.latestCheckpointDay}` : ''}
      </span>
    </span>
  );
}

interface MetricDraft {
  id?: string;
  name: string;
  unit: string;
  direction: MetricDirection;
  baseline: string;
  target: string;
}

const emptyMetric = (): MetricDraft => ({ name: '', unit: '', direction: 'lower_is_better', baseline: '', target: '' });
const num = (v: string): number | string => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

const EVENT_FIELDS = [
  'trustId',
  'valueStreamId',
  'kind',
  'title',
  'problemStatement',
  'startDate',
  'endDate',
  'status',
  'metrics',
  ...Array.from({ length: 20 }, (_, i) =>
    ['name', 'unit', 'direction', 'baseline', 'target'].map((f) => `metrics.${i}.${f}`),
  ).flat(),
];

export function EventNewPage() {
  usePageTitle('New improvement event');
  const { actor, trusts } = useApp();
  const navigate = useNavigate();
  // Each field survives the session ending (see auth/drafts.ts): after signing in again it is as it was.
  const [trustId, setTrustId, restored] = useFormDraft('event.trustId', () => actor.trustId ?? '');
  const [kind, setKind] = useFormDraft<EventKind | ''>('event.kind', () => 'rpiw');
  const [title, setTitle] = useFormDraft('event.title', () => '');
  const [problemStatement, setProblemStatement] = useFormDraft('event.problemStatement', () => '');
  const [startDate, setStartDate] = useFormDraft('event.startDate', todayIso);
  const [endDate, setEndDate] = useFormDraft('event.endDate', () => '');
  const [status, setStatus] = useFormDraft<EventStatus>('event.status', () => 'planned');
  const [valueStreamId, setValueStreamId] = useFormDraft('event.valueStreamId', () => '');
  const [metrics, setMetrics] = useFormDraft<MetricDraft[]>('event.metrics', () => [emptyMetric()]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const streams = useValueStreams(trustId || null, !!trustId);
  const e = errors.byField;

  const setMetric = (i: number, patch: Partial<MetricDraft>) =>
    setMetrics((ms) => ms.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const created = await api<ImprovementEvent>('/api/improvement-events', {
        method: 'POST',
        body: {
          trustId: actor.trustId === null ? trustId || undefined : undefined,
          kind: kind || undefined,
          title,
          problemStatement: problemStatement || null,
          startDate,
          endDate: endDate || null,
          status,
          valueStreamId: valueStreamId || null,
          metrics: metrics.map((m) => ({
            name: m.name,
            unit: m.unit,
            direction: m.direction,
            baseline: num(m.baseline),
            target: num(m.target),
          })),
        },
      });
      navigate(`/events/${created.id}`);
    } catch (error) {
      setErrors(formErrors(error, EVENT_FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title="New improvement event" actions={<Link to="/events">Back to the events</Link>} />
      <Card>
        <form className="form" onSubmit={submit} noValidate aria-label="New improvement event">
          {restored && (
            <div className="notice notice--info" role="status" data-testid="draft-restored">
              Your session ended while you were typing. Here is what you had entered: check it and save.
            </div>
          )}
          <ErrorSummary errors={{ byField: {}, general: [...errors.general, ...(e.metrics ?? [])] }} />
          {actor.trustId === null && (
            <Field label="Trust" errors={e.trustId}>
              {(props) => (
                <Select
                  {...props}
                  value={trustId}
                  onChange={setTrustId}
                  empty="Choose a trust"
                  options={trusts.map((t) => ({ value: t.id, label: `${t.code} – ${t.name}` }))}
                />
              )}
            </Field>
          )}
          <div className="form-row">
            <Field label="Kind" errors={e.kind}>
              {(props) => (
                <Select
                  {...props}
                  value={kind}
                  onChange={(v) => setKind(v as EventKind)}
                  options={EVENT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
                />
              )}
            </Field>
            <Field label="Status" errors={e.status}>
              {(props) => (
                <Select
                  {...props}
                  value={status}
                  onChange={(v) => setStatus(v as EventStatus)}
                  options={EVENT_STATUSES}
                />
              )}
            </Field>
          </div>
          <Field label="Title" hint="Up to 200 characters" errors={e.title}>
            {(props) => (
              <input {...props} className="input" value={title} onChange={(ev) => setTitle(ev.target.value)} />
            )}
          </Field>
          <Field label="Problem statement (optional)" errors={e.problemStatement}>
            {(props) => (
              <textarea
                {...props}
                className="textarea"
                rows={3}
                value={problemStatement}
                onChange={(ev) => setProblemStatement(ev.target.value)}
              />
            )}
          </Field>
          <div className="form-row">
            <Field label="Start date" errors={e.startDate}>
              {(props) => (
                <input
                  {...props}
                  className="input input--date"
                  type="date"
                  value={startDate}
                  onChange={(ev) => setStartDate(ev.target.value)}
                />
              )}
            </Field>
            <Field label="End date (optional)" hint="On or after the start" errors={e.endDate}>
              {(props) => (
                <input
                  {...props}
                  className="input input--date"
                  type="date"
                  value={endDate}
                  onChange={(ev) => setEndDate(ev.target.value)}
                />
              )}
            </Field>
            <Field label="Value stream (optional)" errors={e.valueStreamId}>
              {(props) => (
                <Select
                  {...props}
                  value={valueStreamId}
                  onChange={setValueStreamId}
                  empty="None"
                  options={(streams.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
                />
              )}
            </Field>
          </div>
          <fieldset className="fieldset">
            <legend className="fieldset__legend">Metrics (up to 20)</legend>
            <p className="hint">What the event sets out to change, where it starts and where it aims to get to.</p>
            {metrics.map((m, i) => (
              <div className="metric-row" key={i}>
                <Field label={`Metric ${i + 1} name`} errors={e[`metrics.${i}.name`]}>
                  {(props) => (
                    <input
                      {...props}
                      className="input"
                      value={m.name}
                      onChange={(ev) => setMetric(i, { name: ev.target.value })}
                    />
                  )}
                </Field>
                <Field label="Unit" errors={e[`metrics.${i}.unit`]}>
                  {(props) => (
                    <input
                      {...props}
                      className="input input--short"
                      value={m.unit}
                      onChange={(ev) => setMetric(i, { unit: ev.target.value })}
                    />
                  )}
                </Field>
                <Field label="Better when" errors={e[`metrics.${i}.direction`]}>
                  {(props) => (
                    <Select
                      {...props}
                      value={m.direction}
                      onChange={(v) => setMetric(i, { direction: v as MetricDirection })}
                      options={METRIC_DIRECTIONS.map((d) => ({
                        value: d,
                        label: d === 'lower_is_better' ? 'Lower' : 'Higher',
                      }))}
                    />
                  )}
                </Field>
                <Field label="Baseline" errors={e[`metrics.${i}.baseline`]}>
                  {(props) => (
                    <input
                      {...props}
                      className="input input--number"
                      inputMode="decimal"
                      value={m.baseline}
                      onChange={(ev) => setMetric(i, { baseline: ev.target.value })}
                    />
                  )}
                </Field>
                <Field label="Target" errors={e[`metrics.${i}.target`]}>
                  {(props) => (
                    <input
                      {...props}
                      className="input input--number"
                      inputMode="decimal"
                      value={m.target}
                      onChange={(ev) => setMetric(i, { target: ev.target.value })}
                    />
                  )}
                </Field>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setMetrics((ms) => ms.filter((_, j) => j !== i))}
                >
                  Remove<span className="visually-hidden"> metric {i + 1}</span>
                </button>
              </div>
            ))}
            {metrics.length < 20 && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setMetrics((ms) => [...ms, emptyMetric()])}
              >
                Add a metric
              </button>
            )}
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Saving…' : 'Create the event'}
            </button>
          </div>
        </form>
      </Card>
    </>
  );
}

export function EventDetailPage() {
  const { id } = useParams();
  const { actor, trustName } = useApp();
  const navigate = useNavigate();
  const event = useApi<ImprovementEvent>(`/api/improvement-events/${id}`);
  usePageTitle(event.data?.title ?? 'Improvement event');
  const canWrite = can(actor.role, WRITE_RECORDS);
  const [deleteErrors, setDeleteErrors] = useState<FormErrors>(NO_ERRORS);

  if (event.error) return <ErrorState error={event.error} what="The event" retry={event.reload} />;
  if (!event.data) return <Loading label="Loading the event…" />;
  const ev = event.data;

  async function remove() {
    if (!window.confirm('Delete this event with its metrics and follow-ups? This cannot be undone.')) return;
    try {
      await api(`/api/improvement-events/${ev.id}`, { method: 'DELETE' });
      navigate('/events');
    } catch (error) {
      setDeleteErrors(formErrors(error, []));
    }
  }

  return (
    <>
      <PageHeader
        title={ev.title}
        lead={
          <>
            {humanise(ev.kind)} · {fmtDate(ev.startDate)}
            {ev.endDate ? ` – ${fmtDate(ev.endDate)}` : ''} · {actor.trustId ? '' : `${trustName(ev.trustId)} · `}
            <Tag value={ev.status} />
          </>
        }
        actions={<Link to="/events">Back to the events</Link>}
      />
      {ev.problemStatement && (
        <Card title="Problem statement">
          <p className="prewrap">{ev.problemStatement}</p>
        </Card>
      )}
      <Card title="Progress to target" testId="event-metrics">
        {ev.metrics.length === 0 ? (
          <p className="empty">This event has no metrics.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col" className="num">
                    Baseline
                  </th>
                  <th scope="col" className="num">
                    Target
                  </th>
                  <th scope="col" className="num">
                    Latest
                  </th>
                  <th scope="col">Progress</th>
                  <th scope="col">Target</th>
                </tr>
              </thead>
              <tbody>
                {ev.metrics.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      {m.name}
                      <span className="muted block">
                        {m.unit}, {m.direction === 'lower_is_better' ? 'lower is better' : 'higher is better'}
                      </span>
                    </th>
                    <td className="num">{fmtNumber(m.baseline, 2)}</td>
                    <td className="num">{fmtNumber(m.target, 2)}</td>
                    <td className="num">{m.latest === null ? '–' : fmtNumber(m.latest, 2)}</td>
                    <td className="progress-cell">
                      <ProgressBar value={m.progressToTarget} label={`${m.name} progress to target`} />
                      <span className="muted">
                        {m.progressToTarget === null ? 'No follow-up yet' : fmtPercent(m.progressToTarget * 100, 0)}
                      </span>
                    </td>
                    <td>
                      {m.targetMet === null ? (
                        <span className="muted">–</span>
                      ) : m.targetMet ? (
                        <Tag value="met" label="Met" />
                      ) : (
                        <Tag value="not_met" label="Not met" />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title="Follow-ups" testId="event-follow-ups">
        <FollowUpsTable event={ev} />
        {canWrite && ev.metrics.length > 0 && <FollowUpForm event={ev} onSaved={event.reload} />}
      </Card>
      {canWrite && (
        <Card title="Status">
          <StatusForm event={ev} onSaved={event.reload} key={ev.version} />
        </Card>
      )}
      {ev.wasteRecords && ev.wasteRecords.length > 0 && (
        <Card title="Waste records linked to this event">
          <ul className="plain-list">
            {ev.wasteRecords.map((w) => (
              <li key={w.id}>
                <Link to={`/waste/${w.id}`}>
                  {humanise(w.wasteType)}, {fmtDate(w.observedOn)}
                </Link>{' '}
                – {fmtInt(w.minutesLost * w.occurrences)} min <Tag value={w.status} />
              </li>
            ))}
          </ul>
        </Card>
      )}
      {can(actor.role, MANAGE_RECORDS) && (
        <Card title="Delete">
          <ErrorSummary errors={deleteErrors} />
          <button type="button" className="button button--warning" onClick={remove}>
            Delete this event
          </button>
        </Card>
      )}
    </>
  );
}

function FollowUpsTable({ event }: { event: ImprovementEvent }) {
  const followUps: FollowUp[] = event.followUps ?? [];
  if (followUps.length === 0) return <p className="empty">No follow-ups yet. VMPS reports at 30, 60 and 90 days.</p>;
  return (
    <div className="table-wrap">
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Measured on</th>
            {event.metrics.map((m) => (
              <th scope="col" className="num" key={m.id}>
                {m.name}
              </th>
            ))}
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {followUps.map((f) => (
            <tr key={f.id}>
              <td>Day {f.checkpointDay}</td>
              <td className="nowrap">{fmtDate(f.measuredOn)}</td>
              {event.metrics.map((m) => {
                const r = f.results.find((x) => x.metricId === m.id);
                return (
                  <td className="num" key={m.id}>
                    {r ? fmtNumber(r.value, 2) : '–'}
                  </td>
                );
              })}
              <td className="prewrap">{f.notes ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FollowUpForm({ event, onSaved }: { event: ImprovementEvent; onSaved: () => void }) {
  const [checkpointDay, setCheckpointDay] = useState('30');
  const [measuredOn, setMeasuredOn] = useState(todayIso());
  const [values, setValues] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const e = errors.byField;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    setSaved(false);
    try {
      await api(`/api/improvement-events/${event.id}/follow-ups`, {
        method: 'POST',
        body: {
          checkpointDay: num(checkpointDay),
          measuredOn,
          results: event.metrics
            .filter((m) => (values[m.id] ?? '').trim() !== '')
            .map((m) => ({ metricId: m.id, value: num(values[m.id]) })),
          notes: notes || null,
        },
      });
      setValues({});
      setNotes('');
      setSaved(true);
      onSaved();
    } catch (error) {
      setErrors(formErrors(error, ['checkpointDay', 'measuredOn', 'results', 'notes']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form form--inset" onSubmit={submit} noValidate aria-label="Add a follow-up">
      <h3 className="subheading">Add a follow-up</h3>
      {saved && (
        <p className="notice notice--success" role="status">
          The follow-up was added.
        </p>
      )}
      <ErrorSummary errors={{ byField: {}, general: [...errors.general, ...(e.results ?? [])] }} />
      <div className="form-row">
        <Field label="Checkpoint day" hint="Days after the event: 30, 60, 90…" errors={e.checkpointDay}>
          {(props) => (
            <input
              {...props}
              className="input input--number"
              inputMode="numeric"
              list="checkpoint-days"
              value={checkpointDay}
              onChange={(ev) => setCheckpointDay(ev.target.value)}
            />
          )}
        </Field>
        <datalist id="checkpoint-days">
          <option value="30" />
          <option value="60" />
          <option value="90" />
        </datalist>
        <Field label="Measured on" errors={e.measuredOn}>
          {(props) => (
            <input
              {...props}
              className="input input--date"
              type="date"
              value={measuredOn}
              onChange={(ev) => setMeasuredOn(ev.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="form-row">
        {event.metrics.map((m) => (
          <Field key={m.id} label={`${m.name} (${m.unit})`} hint={`Target ${fmtNumber(m.target, 2)}`}>
            {(props) => (
              <input
                {...props}
                className="input input--number"
                inputMode="decimal"
                value={values[m.id] ?? ''}
                onChange={(ev) => setValues((v) => ({ ...v, [m.id]: ev.target.value }))}
              />
            )}
          </Field>
        ))}
      </div>
      <Field label="Notes (optional)" errors={e.notes}>
        {(props) => (
          <textarea
            {...props}
            className="textarea"
            rows={2}
            value={notes}
            onChange={(ev) => setNotes(ev.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : 'Add the follow-up'}
      </button>
    </form>
  );
}

function StatusForm({ event, onSaved }: { event: ImprovementEvent; onSaved: () => void }) {
  const [status, setStatus] = useState<EventStatus>(event.status);
  const [endDate, setEndDate] = useState(event.endDate ?? '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api(`/api/improvement-events/${event.id}`, {
        method: 'PATCH',
        body: { version: event.version, status, endDate: endDate || null },
      });
      onSaved();
    } catch (error) {
      setErrors(formErrors(error, ['status', 'endDate']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form form-row form-row--end" onSubmit={submit} noValidate aria-label="Change the status">
      <ErrorSummary errors={{ byField: {}, general: errors.general }} />
      <Field label="Status" errors={errors.byField.status}>
        {(props) => (
          <Select {...props} value={status} onChange={(v) => setStatus(v as EventStatus)} options={EVENT_STATUSES} />
        )}
      </Field>
      <Field label="End date" errors={errors.byField.endDate}>
        {(props) => (
          <input
            {...props}
            className="input input--date"
            type="date"
            value={endDate}
            onChange={(ev) => setEndDate(ev.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}
