// Value streams of a trust and, for each, its current- and future-state maps.
import { MAP_STATES, type MapState } from '@app/domain';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { Page, ValueStream, ValueStreamMap } from '../api/types';
import { useApi } from '../api/use-api';
import { useApp } from '../auth/context';
import { can, MANAGE_RECORDS, WRITE_RECORDS } from '../auth/roles';
import { Card, ErrorState, ErrorSummary, Field, Loading, PageHeader, Select, Tag } from '../ui/components';
import { fmtDate, fmtMinutes, fmtNumber, fmtPercent, todayIso } from '../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../ui/form-errors';
import { usePageTitle } from '../ui/page-title';
import { emptyStep, STEP_FIELDS, StepsEditor, stepsBody, type StepDraft } from './StepsEditor';

const numOrNull = (v: string): number | string | null =>
  v.trim() === '' ? null : Number.isFinite(Number(v)) ? Number(v) : v;

export function ValueStreamsPage() {
  usePageTitle('Value streams');
  const { actor, trusts, trustCode } = useApp();
  const [params, setParams] = useSearchParams();
  const trustFilter = params.get('trustId') ?? '';
  const list = useApi<Page<ValueStream>>('/api/value-streams', { trustId: trustFilter, limit: 200 });
  return (
    <>
      <PageHeader title="Value streams" lead="The flows of patients and work the teams map and improve" />
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
      <Card testId="value-streams">
        {list.error && <ErrorState error={list.error} what="The value streams" retry={list.reload} />}
        {list.loading && !list.data && <Loading />}
        {list.data && list.data.items.length === 0 && <p className="empty">No value streams yet.</p>}
        {list.data && list.data.items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Value stream</th>
                  {actor.trustId === null && <th scope="col">Trust</th>}
                  <th scope="col" className="num">
                    Demand per day
                  </th>
                  <th scope="col" className="num">
                    Available minutes per day
                  </th>
                  <th scope="col" className="num">
                    Takt time
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((vs) => (
                  <tr key={vs.id}>
                    <td>
                      <Link to={`/value-streams/${vs.id}`}>{vs.name}</Link>
                      {vs.description && <span className="muted block">{vs.description.slice(0, 120)}</span>}
                    </td>
                    {actor.trustId === null && <td>{trustCode(vs.trustId)}</td>}
                    <td className="num">{fmtNumber(vs.demandPerDay)}</td>
                    <td className="num">{fmtNumber(vs.availableMinutesPerDay)}</td>
                    <td className="num">
                      {vs.demandPerDay && vs.availableMinutesPerDay
                        ? fmtMinutes(vs.availableMinutesPerDay / vs.demandPerDay)
                        : '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.data?.nextCursor && <p className="hint">Showing the first 200 value streams.</p>}
      </Card>
      {can(actor.role, MANAGE_RECORDS) && <ValueStreamForm onSaved={list.reload} />}
    </>
  );
}

function ValueStreamForm({ stream, onSaved }: { stream?: ValueStream; onSaved: (saved: ValueStream) => void }) {
  const { actor, trusts } = useApp();
  const [trustId, setTrustId] = useState('');
  const [name, setName] = useState(stream?.name ?? '');
  const [description, setDescription] = useState(stream?.description ?? '');
  const [demandPerDay, setDemand] = useState(stream?.demandPerDay?.toString() ?? '');
  const [availableMinutesPerDay, setAvailable] = useState(stream?.availableMinutesPerDay?.toString() ?? '');
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
      description: description || null,
      demandPerDay: numOrNull(demandPerDay),
      availableMinutesPerDay: numOrNull(availableMinutesPerDay),
    };
    try {
      const saved = stream
        ? await api<ValueStream>(`/api/value-streams/${stream.id}`, {
            method: 'PATCH',
            body: { ...body, version: stream.version },
          })
        : await api<ValueStream>('/api/value-streams', {
            method: 'POST',
            body: { ...body, trustId: actor.trustId === null ? trustId || undefined : undefined },
          });
      if (!stream) {
        setName('');
        setDescription('');
        setDemand('');
        setAvailable('');
      }
      setDone(true);
      onSaved(saved);
    } catch (error) {
      setErrors(
        formErrors(error, ['trustId', 'name', 'description', 'demandPerDay', 'availableMinutesPerDay', 'version']),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={stream ? 'Edit the value stream' : 'Add a value stream'}>
      <form
        className="form"
        onSubmit={submit}
        noValidate
        aria-label={stream ? 'Edit the value stream' : 'Add a value stream'}
      >
        {done && (
          <p className="notice notice--success" role="status">
            Saved.
          </p>
        )}
        <ErrorSummary errors={{ byField: {}, general: [...errors.general, ...(e.version ?? [])] }} />
        {!stream && actor.trustId === null && (
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
        <Field label="Name" hint="Up to 120 characters" errors={e.name}>
          {(props) => <input {...props} className="input" value={name} onChange={(ev) => setName(ev.target.value)} />}
        </Field>
        <Field label="Description (optional)" errors={e.description}>
          {(props) => (
            <textarea
              {...props}
              className="textarea"
              rows={2}
              value={description}
              onChange={(ev) => setDescription(ev.target.value)}
            />
          )}
        </Field>
        <div className="form-row">
          <Field label="Demand per day (optional)" hint="Patients or items a day, more than 0" errors={e.demandPerDay}>
            {(props) => (
              <input
                {...props}
                className="input input--number"
                inputMode="decimal"
                value={demandPerDay}
                onChange={(ev) => setDemand(ev.target.value)}
              />
            )}
          </Field>
          <Field
            label="Available minutes per day (optional)"
            hint="More than 0, at most 1,440"
            errors={e.availableMinutesPerDay}
          >
            {(props) => (
              <input
                {...props}
                className="input input--number"
                inputMode="decimal"
                value={availableMinutesPerDay}
                onChange={(ev) => setAvailable(ev.target.value)}
              />
            )}
          </Field>
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : stream ? 'Save changes' : 'Add the value stream'}
        </button>
      </form>
    </Card>
  );
}

export function ValueStreamPage() {
  const { id } = useParams();
  const { actor } = useApp();
  const navigate = useNavigate();
  const stream = useApi<ValueStream>(`/api/value-streams/${id}`);
  const maps = useApi<Page<ValueStreamMap>>(`/api/value-streams/${id}/maps`, { limit: 200 });
  usePageTitle(stream.data?.name ?? 'Value stream');
  const [deleteErrors, setDeleteErrors] = useState<FormErrors>(NO_ERRORS);

  if (stream.error) return <ErrorState error={stream.error} what="The value stream" retry={stream.reload} />;
  if (!stream.data) return <Loading />;
  const vs = stream.data;
  const items = maps.data?.items ?? [];
  const current = items.find((m) => m.state === 'current');
  const future = items.find((m) => m.state === 'future');

  async function remove() {
    if (!window.confirm('Delete this value stream and its maps? This cannot be undone.')) return;
    try {
      await api(`/api/value-streams/${vs.id}`, { method: 'DELETE' });
      navigate('/value-streams');
    } catch (error) {
      setDeleteErrors(formErrors(error, []));
    }
  }

  return (
    <>
      <PageHeader
        title={vs.name}
        lead={vs.description ?? undefined}
        actions={<Link to="/value-streams">All value streams</Link>}
      />
      <Card title="Maps" testId="maps-list">
        {maps.error && <ErrorState error={maps.error} what="The maps" retry={maps.reload} />}
        {maps.loading && !maps.data && <Loading />}
        {maps.data && items.length === 0 && <p className="empty">No maps of this value stream yet.</p>}
        {current && future && (
          <p>
            <Link className="button button--secondary" to={`/maps/${current.id}?compare=${future.id}`}>
              Compare the current and future state
            </Link>
          </p>
        )}
        {items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Map</th>
                  <th scope="col">State</th>
                  <th scope="col">Mapped on</th>
                  <th scope="col" className="num">
                    Steps
                  </th>
                  <th scope="col" className="num">
                    Lead time
                  </th>
                  <th scope="col" className="num">
                    PCE
                  </th>
                  <th scope="col" className="num">
                    Rolled %C&A
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/maps/${m.id}`}>{m.title}</Link>
                    </td>
                    <td>
                      <Tag value={m.state} />
                    </td>
                    <td className="nowrap">{fmtDate(m.mappedOn)}</td>
                    <td className="num">{m.metrics.stepCount}</td>
                    <td className="num">{fmtMinutes(m.metrics.leadTimeMinutes)}</td>
                    <td className="num">
                      {m.metrics.processCycleEfficiency === null
                        ? '–'
                        : fmtPercent(m.metrics.processCycleEfficiency * 100)}
                    </td>
                    <td className="num">{fmtPercent(m.metrics.rolledPercentCompleteAccurate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {can(actor.role, WRITE_RECORDS) && <NewMapForm streamId={vs.id} onSaved={(m) => navigate(`/maps/${m.id}`)} />}
      {can(actor.role, MANAGE_RECORDS) && (
        <>
          <ValueStreamForm stream={vs} onSaved={stream.reload} key={vs.version} />
          <Card title="Delete">
            <ErrorSummary errors={deleteErrors} />
            <button type="button" className="button button--warning" onClick={remove}>
              Delete this value stream
            </button>
          </Card>
        </>
      )}
    </>
  );
}

function NewMapForm({ streamId, onSaved }: { streamId: string; onSaved: (map: ValueStreamMap) => void }) {
  const [state, setState] = useState<MapState>('current');
  const [title, setTitle] = useState('');
  const [mappedOn, setMappedOn] = useState(todayIso());
  const [steps, setSteps] = useState<StepDraft[]>([emptyStep()]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const e = errors.byField;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const map = await api<ValueStreamMap>(`/api/value-streams/${streamId}/maps`, {
        method: 'POST',
        body: { state, title, mappedOn, steps: stepsBody(steps, false) },
      });
      onSaved(map);
    } catch (error) {
      setErrors(formErrors(error, ['state', 'title', 'mappedOn', 'steps', ...STEP_FIELDS]));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Add a map">
      <details className="details">
        <summary>Map this value stream</summary>
        <form className="form" onSubmit={submit} noValidate aria-label="Add a map">
          <ErrorSummary errors={{ byField: {}, general: [...errors.general, ...(e.steps ?? [])] }} />
          <div className="form-row">
            <Field label="State" errors={e.state}>
              {(props) => (
                <Select {...props} value={state} onChange={(v) => setState(v as MapState)} options={MAP_STATES} />
              )}
            </Field>
            <Field label="Title" errors={e.title}>
              {(props) => (
                <input {...props} className="input" value={title} onChange={(ev) => setTitle(ev.target.value)} />
              )}
            </Field>
            <Field label="Mapped on" errors={e.mappedOn}>
              {(props) => (
                <input
                  {...props}
                  className="input input--date"
                  type="date"
                  value={mappedOn}
                  onChange={(ev) => setMappedOn(ev.target.value)}
                />
              )}
            </Field>
          </div>
          <StepsEditor steps={steps} onChange={setSteps} errors={e} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Saving…' : 'Save the map'}
            </button>
          </div>
        </form>
      </details>
    </Card>
  );
}
