// Board measures: the list, and for each an SPC chart (Making Data Count colours, improvement events
// marked at their dates, the flagging rule on hover), with forms to add points and change the settings.
import { MEASURE_DIRECTIONS, type MeasureDirection } from '@app/domain';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useEventsList } from '../api/lookups';
import type { Measure, Page, SpcResult } from '../api/types';
import { useApi } from '../api/use-api';
import { useApp } from '../auth/context';
import { can, MANAGE_RECORDS, WRITE_RECORDS } from '../auth/roles';
import { SpcChart, type ChartEvent } from '../charts/SpcChart';
import { Card, ErrorState, ErrorSummary, Field, Loading, PageHeader, Select } from '../ui/components';
import { addDays, fmtDate, fmtNumber, humanise, todayIso } from '../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../ui/form-errors';
import { usePageTitle } from '../ui/page-title';

type MeasureWithPoints = Measure & { points?: { periodStart: string; value: number }[] };

const DIRECTION_LABELS: Record<MeasureDirection, string> = {
  up: 'Higher is better',
  down: 'Lower is better',
  neither: 'Neither (no better direction)',
};

const numOrNull = (v: string): number | string | null =>
  v.trim() === '' ? null : Number.isFinite(Number(v)) ? Number(v) : v;

export function MeasuresPage() {
  usePageTitle('Measures');
  const { actor, trusts, trustCode } = useApp();
  const [params, setParams] = useSearchParams();
  const trustFilter = params.get('trustId') ?? '';
  const list = useApi<Page<MeasureWithPoints>>('/api/measures', { trustId: trustFilter, limit: 200 });
  return (
    <>
      <PageHeader
        title="Measures"
        lead="The time series each trust reports to its board, read with statistical process control"
      />
      {actor.trustId === null && (
        <div className="toolbar">
          <Field label="Trust">
            {(props) => (
              <Select
                {...props}
                value={trustFilter}
                onChange={(v) => setParams(v ? { trustId: v } : {}, { replace: true })}
                empty="All trusts"
                options={trusts.map((t) => ({ value: t.id, label: t.code }))}
              />
            )}
          </Field>
        </div>
      )}
      <Card testId="measures-list">
        {list.error && <ErrorState error={list.error} what="The measures" retry={list.reload} />}
        {list.loading && !list.data && <Loading />}
        {list.data && list.data.items.length === 0 && <p className="empty">No measures yet.</p>}
        {list.data && list.data.items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Measure</th>
                  {actor.trustId === null && <th scope="col">Trust</th>}
                  <th scope="col">Better when</th>
                  <th scope="col" className="num">
                    Target
                  </th>
                  <th scope="col" className="num">
                    Latest
                  </th>
                  <th scope="col" className="num">
                    Points
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((m) => {
                  const latest = m.points?.[m.points.length - 1];
                  return (
                    <tr key={m.id}>
                      <td>
                        <Link to={`/measures/${m.id}`}>{m.name}</Link> <span className="muted">({m.unit})</span>
                      </td>
                      {actor.trustId === null && <td>{trustCode(m.trustId)}</td>}
                      <td>{DIRECTION_LABELS[m.improvementDirection]}</td>
                      <td className="num">{m.target === null ? '–' : fmtNumber(m.target, 2)}</td>
                      <td className="num">
                        {latest ? `${fmtNumber(latest.value, 2)} (${fmtDate(latest.periodStart)})` : '–'}
                      </td>
                      <td className="num">{m.points?.length ?? '–'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {can(actor.role, MANAGE_RECORDS) && <MeasureForm onSaved={list.reload} />}
    </>
  );
}

function MeasureForm({ measure, onSaved }: { measure?: Measure; onSaved: () => void }) {
  const { actor, trusts } = useApp();
  const [trustId, setTrustId] = useState('');
  const [name, setName] = useState(measure?.name ?? '');
  const [unit, setUnit] = useState(measure?.unit ?? '');
  const [direction, setDirection] = useState<MeasureDirection>(measure?.improvementDirection ?? 'up');
  const [target, setTarget] = useState(measure?.target?.toString() ?? '');
  const [trendLength, setTrend] = useState(String(measure?.trendLength ?? 7));
  const [shiftLength, setShift] = useState(String(measure?.shiftLength ?? 7));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const e = errors.byField;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    setDone(false);
    const body = {
      name,
      unit,
      improvementDirection: direction,
      target: numOrNull(target),
      trendLength: numOrNull(trendLength) ?? undefined,
      shiftLength: numOrNull(shiftLength) ?? undefined,
    };
    try {
      if (measure)
        await api(`/api/measures/${measure.id}`, { method: 'PATCH', body: { ...body, version: measure.version } });
      else
        await api('/api/measures', {
          method: 'POST',
          body: { ...body, trustId: actor.trustId === null ? trustId || undefined : undefined },
        });
      if (!measure) {
        setName('');
        setUnit('');
        setTarget('');
      }
      setDone(true);
      onSaved();
    } catch (error) {
      setErrors(
        formErrors(error, [
          'trustId',
          'name',
          'unit',
          'improvementDirection',
          'target',
          'trendLength',
          'shiftLength',
          'version',
        ]),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={measure ? 'Settings' : 'Add a measure'}>
      <details className="details" open={!measure}>
        <summary>{measure ? 'Change the measure' : 'New measure'}</summary>
        <form
          className="form"
          onSubmit={submit}
          noValidate
          aria-label={measure ? 'Change the measure' : 'Add a measure'}
        >
          {done && (
            <p className="notice notice--success" role="status">
              Saved.
            </p>
          )}
          <ErrorSummary errors={{ byField: {}, general: [...errors.general, ...(e.version ?? [])] }} />
          {!measure && actor.trustId === null && (
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
            <Field label="Name" errors={e.name}>
              {(props) => (
                <input {...props} className="input" value={name} onChange={(ev) => setName(ev.target.value)} />
              )}
            </Field>
            <Field label="Unit" hint="For example %, minutes, patients" errors={e.unit}>
              {(props) => (
                <input
                  {...props}
                  className="input input--short"
                  value={unit}
                  onChange={(ev) => setUnit(ev.target.value)}
                />
              )}
            </Field>
          </div>
          <div className="form-row">
            <Field label="Better when" errors={e.improvementDirection}>
              {(props) => (
                <Select
                  {...props}
                  value={direction}
                  onChange={(v) => setDirection(v as MeasureDirection)}
                  options={MEASURE_DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] }))}
                />
              )}
            </Field>
            <Field label="Target (optional)" errors={e.target}>
              {(props) => (
                <input
                  {...props}
                  className="input input--number"
                  inputMode="decimal"
                  value={target}
                  onChange={(ev) => setTarget(ev.target.value)}
                />
              )}
            </Field>
            <Field label="Trend length" hint="5 to 10 points" errors={e.trendLength}>
              {(props) => (
                <input
                  {...props}
                  className="input input--short"
                  inputMode="numeric"
                  value={trendLength}
                  onChange={(ev) => setTrend(ev.target.value)}
                />
              )}
            </Field>
            <Field label="Shift length" hint="5 to 10 points" errors={e.shiftLength}>
              {(props) => (
                <input
                  {...props}
                  className="input input--short"
                  inputMode="numeric"
                  value={shiftLength}
                  onChange={(ev) => setShift(ev.target.value)}
                />
              )}
            </Field>
          </div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Saving…' : measure ? 'Save changes' : 'Add the measure'}
          </button>
        </form>
      </details>
    </Card>
  );
}

export function MeasureDetailPage() {
  const { id } = useParams();
  const { actor } = useApp();
  const navigate = useNavigate();
  const [baselinePoints, setBaselinePoints] = useState('');
  const [showEvents, setShowEvents] = useState(true);
  const measure = useApi<MeasureWithPoints>(`/api/measures/${id}`);
  const spc = useApi<SpcResult>(`/api/measures/${id}/spc`, {
    baselinePoints: /^\d+$/.test(baselinePoints) ? baselinePoints : undefined,
  });
  const events = useEventsList(measure.data?.trustId, !!measure.data);
  usePageTitle(measure.data?.name ?? 'Measure');
  const [deleteErrors, setDeleteErrors] = useState<FormErrors>(NO_ERRORS);

  const chartEvents = useMemo<ChartEvent[]>(() => {
    const points = spc.data?.points ?? [];
    if (!showEvents || points.length === 0 || !events.data) return [];
    const first = points[0].periodStart;
    const last = points[points.length - 1].periodStart;
    // Events that started within the charted span, or up to a month after its last period began.
    const until = addDays(last, 31);
    return events.data.items
      .filter((e) => e.status !== 'abandoned' && e.startDate >= first && e.startDate <= until)
      .map((e) => {
        // Titles often start with their kind already ("RPIW: ..."); do not say it twice.
        const kind = humanise(e.kind);
        return {
          date: e.startDate,
          label: e.title.toLowerCase().startsWith(kind.toLowerCase()) ? e.title : `${kind}: ${e.title}`,
        };
      });
  }, [spc.data, events.data, showEvents]);

  if (measure.error) return <ErrorState error={measure.error} what="The measure" retry={measure.reload} />;
  if (!measure.data) return <Loading />;
  const m = measure.data;

  async function remove() {
    if (!window.confirm('Delete this measure and all its points? This cannot be undone.')) return;
    try {
      await api(`/api/measures/${m.id}`, { method: 'DELETE' });
      navigate('/measures');
    } catch (error) {
      setDeleteErrors(formErrors(error, []));
    }
  }

  const reloadAll = () => {
    measure.reload();
    spc.reload();
  };

  return (
    <>
      <PageHeader
        title={m.name}
        lead={`${m.unit} · ${DIRECTION_LABELS[m.improvementDirection]}${m.target === null ? '' : ` · target ${fmtNumber(m.target, 2)}`}`}
        actions={<Link to="/measures">All measures</Link>}
      />
      <Card title="Statistical process control" testId="measure-spc">
        <div className="toolbar toolbar--inset">
          <Field label="Baseline points (optional)" hint="Limits from the first N points, at least 12; empty for all">
            {(props) => (
              <input
                {...props}
                className="input input--short"
                inputMode="numeric"
                value={baselinePoints}
                onChange={(e) => setBaselinePoints(e.target.value)}
              />
            )}
          </Field>
          <div className="checkbox">
            <input
              id="show-events"
              type="checkbox"
              checked={showEvents}
              onChange={(e) => setShowEvents(e.target.checked)}
            />
            <label htmlFor="show-events">Mark improvement events on the chart</label>
          </div>
        </div>
        {spc.error && <ErrorState error={spc.error} what="The SPC chart" retry={spc.reload} />}
        {spc.loading && !spc.data && <Loading label="Drawing the chart…" />}
        {spc.data && (
          <SpcChart
            spc={spc.data}
            title={m.name}
            unit={m.unit}
            target={m.target}
            events={chartEvents}
            trendLength={m.trendLength}
            shiftLength={m.shiftLength}
            height={380}
          />
        )}
        {chartEvents.length > 0 && (
          <div className="events-key">
            <h3 className="subheading">Improvement events on the chart</h3>
            <ul className="plain-list">
              {chartEvents.map((e) => (
                <li key={`${e.date}-${e.label}`}>
                  {fmtDate(e.date)}: {e.label}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Card>
      {can(actor.role, WRITE_RECORDS) && <PointsForm measure={m} onSaved={reloadAll} />}
      {can(actor.role, MANAGE_RECORDS) && (
        <>
          <MeasureForm measure={m} onSaved={reloadAll} key={m.version} />
          <Card title="Delete">
            <ErrorSummary errors={deleteErrors} />
            <button type="button" className="button button--warning" onClick={remove}>
              Delete this measure
            </button>
          </Card>
        </>
      )}
    </>
  );
}

/** One point, or many pasted as "YYYY-MM-DD, value" lines; a period already stored takes the new value. */
function PointsForm({ measure, onSaved }: { measure: Measure; onSaved: () => void }) {
  const [periodStart, setPeriodStart] = useState(todayIso().slice(0, 8) + '01');
  const [value, setValue] = useState('');
  const [pasted, setPasted] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  async function put(points: { periodStart: string; value: number | string }[]) {
    setBusy(true);
    setErrors(NO_ERRORS);
    setDone(null);
    try {
      await api(`/api/measures/${measure.id}/points`, { method: 'PUT', body: points });
      setDone(`${points.length} ${points.length === 1 ? 'point' : 'points'} saved.`);
      setValue('');
      setPasted('');
      onSaved();
    } catch (error) {
      setErrors(formErrors(error, ['points', 'points.0.periodStart', 'points.0.value']));
    } finally {
      setBusy(false);
    }
  }

  const asNumber = (v: string) => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
  const one = (event: FormEvent) => {
    event.preventDefault();
    void put([{ periodStart, value: asNumber(value) }]);
  };
  const many = (event: FormEvent) => {
    event.preventDefault();
    const points = pasted
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [date, v = ''] = line.split(/[,\t;]\s*/);
        return { periodStart: date, value: asNumber(v) };
      });
    void put(points);
  };

  const e = errors.byField;
  return (
    <Card title="Add points">
      {done && (
        <p className="notice notice--success" role="status">
          {done}
        </p>
      )}
      <ErrorSummary errors={{ byField: {}, general: [...errors.general, ...(e.points ?? [])] }} />
      <form className="form form-row form-row--end" onSubmit={one} noValidate aria-label="Add one point">
        <Field label="Period start" hint="The first day of the period" errors={e['points.0.periodStart']}>
          {(props) => (
            <input
              {...props}
              className="input input--date"
              type="date"
              value={periodStart}
              onChange={(ev) => setPeriodStart(ev.target.value)}
            />
          )}
        </Field>
        <Field label={`Value (${measure.unit})`} errors={e['points.0.value']}>
          {(props) => (
            <input
              {...props}
              className="input input--number"
              inputMode="decimal"
              value={value}
              onChange={(ev) => setValue(ev.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={busy}>
          Save the point
        </button>
      </form>
      <details className="details">
        <summary>Paste many points</summary>
        <form className="form" onSubmit={many} noValidate aria-label="Paste many points">
          <Field label="Points" hint="One per line: period start, value (for example 2025-04-01, 76.4)">
            {(props) => (
              <textarea
                {...props}
                className="textarea"
                rows={6}
                value={pasted}
                onChange={(ev) => setPasted(ev.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button" disabled={busy || !pasted.trim()}>
            Save the points
          </button>
        </form>
      </details>
    </Card>
  );
}
