// The waste log: a filterable, paginated list with CSV import (upload progress, then the line errors of a
// rejected file) and export; and the waste-record form, which shows the API's messages beside each field.
import {
  PATIENT_IMPACTS,
  WASTE_STATUSES,
  WASTE_TYPES,
  type PatientImpact,
  type WasteStatus,
  type WasteType,
} from '@app/domain';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, apiBlob, ApiError, withQuery } from '../api/client';
import { useEventsList, useValueStreams } from '../api/lookups';
import type { Page, WasteImportError, WasteRecord } from '../api/types';
import { saveBlob, uploadCsv, type UploadProgress } from '../api/upload';
import { useApi } from '../api/use-api';
import { useApp } from '../auth/context';
import { useFormDraft } from '../auth/drafts';
import { can, MANAGE_RECORDS, WRITE_RECORDS } from '../auth/roles';
import { Card, ErrorState, ErrorSummary, Field, Loading, PageHeader, Pager, Select, Tag } from '../ui/components';
import { fmtDate, fmtInt, fmtNumber, humanise, todayIso } from '../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../ui/form-errors';
import { usePageTitle } from '../ui/page-title';

const FILTERS = ['trustId', 'wasteType', 'status', 'valueStreamId', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

export function WasteLogPage() {
  usePageTitle('Waste log');
  const { actor, trusts, trustCode } = useApp();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters;
  const [cursors, setCursors] = useState<string[]>([]);
  const filterKey = FILTERS.map((f) => filters[f]).join('|');
  useEffect(() => setCursors([]), [filterKey]);
  const cursor = cursors[cursors.length - 1];
  const list = useApi<Page<WasteRecord>>('/api/waste-records', { ...filters, cursor, limit: 25 });
  const scopeTrust = actor.trustId ?? (filters.trustId || null);
  const streams = useValueStreams(scopeTrust);
  const streamName = (id: string | null) => streams.data?.items.find((s) => s.id === id)?.name ?? '';
  const canWrite = can(actor.role, WRITE_RECORDS);

  const setFilter = (name: keyof Filters, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Waste log"
        lead="Every waste the teams have seen, newest first"
        actions={
          canWrite && (
            <Link className="button" to="/waste/new">
              Log waste
            </Link>
          )
        }
      />
      <Card title="Filter the log">
        <form className="filters" aria-label="Filter the waste log" onSubmit={(e) => e.preventDefault()}>
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
          <Field label="Waste type">
            {(props) => (
              <Select
                {...props}
                value={filters.wasteType}
                onChange={(v) => setFilter('wasteType', v)}
                empty="Any"
                options={WASTE_TYPES}
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
                options={WASTE_STATUSES}
              />
            )}
          </Field>
          <Field label="Value stream">
            {(props) => (
              <Select
                {...props}
                value={filters.valueStreamId}
                onChange={(v) => setFilter('valueStreamId', v)}
                empty="Any"
                options={(streams.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              />
            )}
          </Field>
          <Field label="Observed from">
            {(props) => (
              <input
                {...props}
                className="input input--date"
                type="date"
                value={filters.from}
                onChange={(e) => setFilter('from', e.target.value)}
              />
            )}
          </Field>
          <Field label="Observed to">
            {(props) => (
              <input
                {...props}
                className="input input--date"
                type="date"
                value={filters.to}
                onChange={(e) => setFilter('to', e.target.value)}
              />
            )}
          </Field>
          <div className="filters__actions">
            <ExportButton filters={filters} />
          </div>
        </form>
      </Card>

      <Card title="Records" testId="waste-list">
        {list.error && <ErrorState error={list.error} what="The waste log" retry={list.reload} />}
        {list.loading && !list.data && <Loading label="Loading the waste log…" />}
        {list.data && list.data.items.length === 0 && <p className="empty">No waste records match these filters.</p>}
        {list.data && list.data.items.length > 0 && (
          <div className="table-wrap">
            <table className="table" data-testid="waste-table">
              <thead>
                <tr>
                  <th scope="col">Observed</th>
                  {actor.trustId === null && <th scope="col">Trust</th>}
                  <th scope="col">Waste</th>
                  <th scope="col">Description</th>
                  <th scope="col" className="num">
                    Minutes
                  </th>
                  <th scope="col">Impact</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((w) => (
                  <tr key={w.id}>
                    <td className="nowrap">{fmtDate(w.observedOn)}</td>
                    {actor.trustId === null && <td>{trustCode(w.trustId)}</td>}
                    <td>{humanise(w.wasteType)}</td>
                    <td>
                      <Link to={`/waste/${w.id}`}>
                        {w.description.length > 90 ? `${w.description.slice(0, 90)}…` : w.description}
                      </Link>
                      {w.valueStreamId && <span className="muted block">{streamName(w.valueStreamId)}</span>}
                    </td>
                    <td className="num">
                      {fmtNumber(w.minutesLost)} × {fmtInt(w.occurrences)}
                      <span className="muted block">= {fmtInt(w.minutesLost * w.occurrences)}</span>
                    </td>
                    <td>
                      <Tag value={w.patientImpact} />
                    </td>
                    <td>
                      <Tag value={w.status} />
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

      {canWrite && <ImportCard trustId={actor.trustId ?? (filters.trustId || null)} onImported={list.reload} />}
    </>
  );
}

function ExportButton({ filters }: { filters: Filters }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  async function exportCsv() {
    setBusy(true);
    setError(undefined);
    try {
      const blob = await apiBlob('/api/waste-records/export', { query: filters, accept: 'text/csv' });
      saveBlob(blob, `waste-records-${todayIso()}.csv`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, [String(e)], null));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={exportCsv}
        disabled={busy}
        data-testid="export-csv"
      >
        {busy ? 'Preparing the file…' : 'Export these records as CSV'}
      </button>
      {error && <ErrorState error={error} what="The CSV export" />}
    </>
  );
}

const CSV_HEADER = 'observedOn,wasteType,minutesLost,occurrences,patientImpact,status,valueStreamId,description';

function ImportCard({ trustId, onImported }: { trustId: string | null; onImported: () => void }) {
  const { actor } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [result, setResult] = useState<{ imported: number } | null>(null);
  const [lineErrors, setLineErrors] = useState<WasteImportError[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const needsTrust = actor.trustId === null && !trustId;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setResult(null);
    setLineErrors(null);
    setError(null);
    setProgress({ loaded: 0, total: file.size });
    const url = withQuery('/api/waste-records/import', { trustId: actor.trustId === null ? trustId : undefined });
    try {
      const answer = await uploadCsv<{ imported: number }>(url, file, setProgress).done;
      setResult(answer);
      setFile(null);
      if (input.current) input.current.value = '';
      onImported();
    } catch (e) {
      const apiError = e as ApiError;
      const errors = (apiError.body as { errors?: WasteImportError[] } | null)?.errors;
      if (apiError.status === 422 && Array.isArray(errors)) setLineErrors(errors);
      else setError(apiError);
    } finally {
      setBusy(false);
    }
  }

  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <Card title="Import waste records from a CSV file" testId="csv-import">
      <p className="hint">
        The first line must be exactly <code>{CSV_HEADER}</code>. If any line is wrong, nothing is imported and each
        problem is listed by line number, so you can correct the file and try again.
      </p>
      {needsTrust && <p className="notice notice--info">Choose a trust in the filter above to import into it.</p>}
      <form onSubmit={submit} className="import-form">
        <Field label="CSV file">
          {(props) => (
            <input
              {...props}
              ref={input}
              className="input input--file"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              disabled={busy}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={!file || busy || needsTrust}>
          {busy ? 'Importing…' : 'Import file'}
        </button>
      </form>
      {progress && busy && (
        <div className="upload-progress" data-testid="import-progress">
          <label htmlFor="import-progress">
            {percent < 100 ? `Uploading: ${percent}%` : 'Uploaded; checking every line…'}
          </label>
          <progress id="import-progress" max={100} value={percent} />
        </div>
      )}
      {result && (
        <div className="notice notice--success" role="status" data-testid="import-result">
          Imported {fmtInt(result.imported)} waste {result.imported === 1 ? 'record' : 'records'}.
        </div>
      )}
      {error && <ErrorState error={error} what="The import" />}
      {lineErrors && (
        <div className="notice notice--error" role="alert" data-testid="import-errors">
          <h3 className="notice__title">
            The file was not imported: {lineErrors.length === 1 ? '1 problem' : `${lineErrors.length} problems`}
          </h3>
          <p>Nothing from this file was stored. Correct these lines and import the file again.</p>
          <div className="table-wrap">
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Field</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {lineErrors.map((e, i) => (
                  <tr key={`${e.line}-${e.field}-${i}`}>
                    <td className="num">{e.line}</td>
                    <td>
                      <code>{e.field}</code>
                    </td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </Card>
  );
}

const WASTE_FIELDS = [
  'trustId',
  'observedOn',
  'wasteType',
  'description',
  'minutesLost',
  'occurrences',
  'patientImpact',
  'status',
  'eliminatedOn',
  'valueStreamId',
  'mapStepId',
  'improvementEventId',
  'version',
] as const;

interface WasteDraft {
  trustId: string;
  observedOn: string;
  wasteType: WasteType | '';
  description: string;
  minutesLost: string;
  occurrences: string;
  patientImpact: PatientImpact | '';
  status: WasteStatus;
  eliminatedOn: string;
  valueStreamId: string;
  improvementEventId: string;
}

function draftOf(record?: WasteRecord): WasteDraft {
  return {
    trustId: record?.trustId ?? '',
    observedOn: record?.observedOn ?? todayIso(),
    wasteType: record?.wasteType ?? '',
    description: record?.description ?? '',
    minutesLost: record ? String(record.minutesLost) : '',
    occurrences: record ? String(record.occurrences) : '1',
    patientImpact: record?.patientImpact ?? '',
    status: record?.status ?? 'identified',
    eliminatedOn: record?.eliminatedOn ?? '',
    valueStreamId: record?.valueStreamId ?? '',
    improvementEventId: record?.improvementEventId ?? '',
  };
}

/** Numbers as typed: an empty box is "not given", anything else goes as a number (or as text, for the API to reject). */
function numberOrText(value: string): number | string | undefined {
  if (value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}

function WasteForm({ record, onSaved }: { record?: WasteRecord; onSaved: (record: WasteRecord) => void }) {
  const { actor, trusts } = useApp();
  const [draft, setDraft, restored] = useFormDraft<WasteDraft>('waste-record', () => draftOf(record));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const trustId = record?.trustId ?? actor.trustId ?? (draft.trustId || null);
  const streams = useValueStreams(trustId, !!trustId);
  const events = useEventsList(trustId, !!trustId);
  const set = <K extends keyof WasteDraft>(key: K, value: WasteDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    const body: Record<string, unknown> = {
      observedOn: draft.observedOn || undefined,
      wasteType: draft.wasteType || undefined,
      description: draft.description,
      minutesLost: numberOrText(draft.minutesLost),
      occurrences: numberOrText(draft.occurrences),
      patientImpact: draft.patientImpact || undefined,
      status: draft.status,
      valueStreamId: draft.valueStreamId || null,
      improvementEventId: draft.improvementEventId || null,
    };
    if (draft.status === 'eliminated' && draft.eliminatedOn) body.eliminatedOn = draft.eliminatedOn;
    try {
      let saved: WasteRecord;
      if (record) {
        saved = await api<WasteRecord>(`/api/waste-records/${record.id}`, {
          method: 'PATCH',
          body: { ...body, version: record.version },
        });
      } else {
        if (actor.trustId === null) body.trustId = draft.trustId || undefined;
        saved = await api<WasteRecord>('/api/waste-records', { method: 'POST', body });
      }
      onSaved(saved);
    } catch (error) {
      setErrors(formErrors(error, WASTE_FIELDS));
      requestAnimationFrame(() => summary.current?.querySelector<HTMLElement>('[role=alert]')?.focus());
    } finally {
      setBusy(false);
    }
  }

  const e = errors.byField;
  const general: FormErrors = {
    byField: {},
    general: [...errors.general, ...(e.version ?? []), ...(e.mapStepId ?? [])],
  };
  const fieldCount = Object.keys(e).filter((k) => k !== 'version' && k !== 'mapStepId').length;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="form"
      aria-label={record ? 'Edit waste record' : 'Log waste'}
      data-testid="waste-form"
    >
      {restored && (
        <div className="notice notice--info" role="status" data-testid="draft-restored">
          Your session ended while you were typing. Here is what you had entered: check it and save.
        </div>
      )}
      <div ref={summary}>
        {fieldCount > 0 && (
          <div className="notice notice--error" role="alert" tabIndex={-1}>
            <h2 className="notice__title">
              There {fieldCount === 1 ? 'is a problem' : 'are problems'} with this record
            </h2>
            <p>Check the {fieldCount === 1 ? 'field' : 'fields'} marked below.</p>
          </div>
        )}
        <ErrorSummary errors={general} />
      </div>
      {!record && actor.trustId === null && (
        <Field label="Trust" errors={e.trustId}>
          {(props) => (
            <Select
              {...props}
              value={draft.trustId}
              onChange={(v) => set('trustId', v)}
              empty="Choose a trust"
              options={trusts.map((t) => ({ value: t.id, label: `${t.code} – ${t.name}` }))}
            />
          )}
        </Field>
      )}
      <div className="form-row">
        <Field label="Observed on" hint="Not in the future" errors={e.observedOn}>
          {(props) => (
            <input
              {...props}
              name="observedOn"
              className="input input--date"
              type="date"
              value={draft.observedOn}
              onChange={(ev) => set('observedOn', ev.target.value)}
            />
          )}
        </Field>
        <Field label="Type of waste" errors={e.wasteType}>
          {(props) => (
            <Select
              {...props}
              name="wasteType"
              value={draft.wasteType}
              onChange={(v) => set('wasteType', v as WasteType)}
              empty="Choose the waste"
              options={WASTE_TYPES}
            />
          )}
        </Field>
      </div>
      <Field label="What did you see?" hint="Up to 2,000 characters" errors={e.description}>
        {(props) => (
          <textarea
            {...props}
            name="description"
            className="textarea"
            rows={4}
            value={draft.description}
            onChange={(ev) => set('description', ev.target.value)}
          />
        )}
      </Field>
      <div className="form-row">
        <Field label="Minutes lost each time" hint="0 to 10,080 (one week)" errors={e.minutesLost}>
          {(props) => (
            <input
              {...props}
              name="minutesLost"
              className="input input--number"
              inputMode="decimal"
              value={draft.minutesLost}
              onChange={(ev) => set('minutesLost', ev.target.value)}
            />
          )}
        </Field>
        <Field label="Occurrences" hint="How many times, 1 to 100,000" errors={e.occurrences}>
          {(props) => (
            <input
              {...props}
              name="occurrences"
              className="input input--number"
              inputMode="numeric"
              value={draft.occurrences}
              onChange={(ev) => set('occurrences', ev.target.value)}
            />
          )}
        </Field>
        <Field label="Impact on patients" errors={e.patientImpact}>
          {(props) => (
            <Select
              {...props}
              name="patientImpact"
              value={draft.patientImpact}
              onChange={(v) => set('patientImpact', v as PatientImpact)}
              empty="Choose"
              options={PATIENT_IMPACTS}
            />
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field label="Status" errors={e.status}>
          {(props) => (
            <Select
              {...props}
              name="status"
              value={draft.status}
              onChange={(v) => set('status', v as WasteStatus)}
              options={WASTE_STATUSES}
            />
          )}
        </Field>
        {draft.status === 'eliminated' && (
          <Field label="Eliminated on" hint="Leave empty for today" errors={e.eliminatedOn}>
            {(props) => (
              <input
                {...props}
                name="eliminatedOn"
                className="input input--date"
                type="date"
                value={draft.eliminatedOn}
                onChange={(ev) => set('eliminatedOn', ev.target.value)}
              />
            )}
          </Field>
        )}
      </div>
      <div className="form-row">
        <Field label="Value stream (optional)" errors={e.valueStreamId}>
          {(props) => (
            <Select
              {...props}
              name="valueStreamId"
              value={draft.valueStreamId}
              onChange={(v) => set('valueStreamId', v)}
              empty={streams.loading ? 'Loading…' : 'None'}
              options={(streams.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          )}
        </Field>
        <Field label="Improvement event (optional)" errors={e.improvementEventId}>
          {(props) => (
            <Select
              {...props}
              name="improvementEventId"
              value={draft.improvementEventId}
              onChange={(v) => set('improvementEventId', v)}
              empty={events.loading ? 'Loading…' : 'None'}
              options={(events.data?.items ?? []).map((ev) => ({ value: ev.id, label: ev.title }))}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : record ? 'Save changes' : 'Log waste'}
        </button>
        <Link to="/waste" className="link-button">
          Cancel
        </Link>
      </div>
    </form>
  );
}

export function WasteNewPage() {
  usePageTitle('Log waste');
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="Log waste" lead="Record a waste you have seen, so it can be removed" />
      <Card>
        <WasteForm onSaved={(saved) => navigate(`/waste/${saved.id}`, { state: { saved: true } })} />
      </Card>
    </>
  );
}

export function WasteEditPage() {
  const { id } = useParams();
  const { actor } = useApp();
  const navigate = useNavigate();
  const record = useApi<WasteRecord>(`/api/waste-records/${id}`);
  const location = useLocation();
  const [saved, setSaved] = useState<string | null>(() =>
    (location.state as { saved?: boolean } | null)?.saved ? 'The waste record was saved.' : null,
  );
  const [deleteError, setDeleteError] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Waste record');
  const canWrite = can(actor.role, WRITE_RECORDS);
  const canDelete = can(actor.role, MANAGE_RECORDS);

  async function remove() {
    if (!record.data || !window.confirm('Delete this waste record? This cannot be undone.')) return;
    try {
      await api(`/api/waste-records/${record.data.id}`, { method: 'DELETE' });
      navigate('/waste');
    } catch (error) {
      setDeleteError(formErrors(error, []));
    }
  }

  return (
    <>
      <PageHeader
        title="Waste record"
        lead={
          record.data ? `${humanise(record.data.wasteType)}, observed ${fmtDate(record.data.observedOn)}` : undefined
        }
        actions={<Link to="/waste">Back to the waste log</Link>}
      />
      {saved && (
        <div className="notice notice--success" role="status" data-testid="saved">
          {saved}
        </div>
      )}
      {record.error && <ErrorState error={record.error} what="The waste record" retry={record.reload} />}
      {record.loading && !record.data && <Loading />}
      {record.data && canWrite && (
        <Card title="Edit">
          <WasteForm
            key={record.data.version}
            record={record.data}
            onSaved={() => {
              setSaved('Your changes were saved.');
              record.reload();
            }}
          />
        </Card>
      )}
      {record.data && !canWrite && <WasteSummary record={record.data} />}
      {record.data && canDelete && (
        <Card title="Delete">
          <ErrorSummary errors={deleteError} />
          <button type="button" className="button button--warning" onClick={remove}>
            Delete this record
          </button>
        </Card>
      )}
    </>
  );
}

function WasteSummary({ record }: { record: WasteRecord }) {
  return (
    <Card>
      <dl className="summary-list">
        <div>
          <dt>Description</dt>
          <dd>{record.description}</dd>
        </div>
        <div>
          <dt>Minutes lost</dt>
          <dd>
            {fmtNumber(record.minutesLost)} × {fmtInt(record.occurrences)} ={' '}
            {fmtInt(record.minutesLost * record.occurrences)}
          </dd>
        </div>
        <div>
          <dt>Impact on patients</dt>
          <dd>{humanise(record.patientImpact)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            {humanise(record.status)}
            {record.eliminatedOn ? `, ${fmtDate(record.eliminatedOn)}` : ''}
          </dd>
        </div>
      </dl>
    </Card>
  );
}
