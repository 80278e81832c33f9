// The new-event form with its metrics (baseline and target for each).
import {
  EVENT_KINDS,
  EVENT_STATUSES,
  METRIC_DIRECTIONS,
  type EventKind,
  type EventStatus,
  type MetricDirection,
} from '@app/domain';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useValueStreams } from '../../api/lookups';
import { useApp } from '../../auth/context';
import { useFormDraft } from '../../auth/drafts';
import { Card, ErrorSummary, Field, PageHeader, Select } from '../../ui/components';
import { todayIso } from '../../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/page-title';
import { KIND_LABELS } from './EventsList';
import { send } from '../../api/query';

interface MetricDraft {
  id?: string;
  name: string;
  unit: string;
  direction: MetricDirection;
  baseline: string;
  target: string;
}

const emptyMetric = (): MetricDraft => ({ name: '', unit: '', direction: 'lower_is_better', baseline: '', target: '' });
export const num = (v: string): number | string => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

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
      const created = await send('post', '/api/improvement-events', {
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
