// The waste log: filters, the paged table of records and the CSV export.
import { WASTE_STATUSES, WASTE_TYPES } from '@app/domain';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useValueStreams } from '../../api/lookups';
import { saveBlob } from '../../api/upload';
import { useApp } from '../../auth/context';
import { can, WRITE_RECORDS } from '../../auth/roles';
import { Card, ErrorState, Field, PageHeader, Select, Tag } from '../../ui/components';
import { fmtDate, fmtInt, fmtNumber, humanise, todayIso } from '../../ui/format';
import { PagedTable, useCursorPages } from '../../ui/PagedTable';
import { TrustFilter } from '../../ui/TrustFilter';
import { usePageTitle } from '../../ui/page-title';
import { ImportCard } from './ImportCard';
import { ApiError, apiBlob } from '../../api/client';
import { useGet, type QueryOf } from '../../api/query';

const FILTERS = ['trustId', 'wasteType', 'status', 'valueStreamId', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

export function WasteLogPage() {
  usePageTitle('Waste log');
  const { actor, trustCode } = useApp();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters;
  const pages = useCursorPages(FILTERS.map((f) => filters[f]).join('|'));
  const cursor = pages.cursor;
  const list = useGet('/api/waste-records', {
    query: { ...filters, cursor, limit: 25 } as QueryOf<'/api/waste-records'>,
  });
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
          <TrustFilter value={filters.trustId} onChange={(v) => setFilter('trustId', v)} />
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
        <PagedTable
          read={list}
          what="The waste log"
          loading="Loading the waste log…"
          empty="No waste records match these filters."
          testId="waste-table"
          pages={pages}
          columns={[
            { header: 'Observed', className: 'nowrap', cell: (w) => fmtDate(w.observedOn) },
            actor.trustId === null && { header: 'Trust', cell: (w) => trustCode(w.trustId) },
            { header: 'Waste', cell: (w) => humanise(w.wasteType) },
            {
              header: 'Description',
              cell: (w) => (
                <>
                  <Link to={`/waste/${w.id}`}>
                    {w.description.length > 90 ? `${w.description.slice(0, 90)}…` : w.description}
                  </Link>
                  {w.valueStreamId && <span className="muted block">{streamName(w.valueStreamId)}</span>}
                </>
              ),
            },
            {
              header: 'Minutes',
              numeric: true,
              cell: (w) => (
                <>
                  {fmtNumber(w.minutesLost)} × {fmtInt(w.occurrences)}
                  <span className="muted block">= {fmtInt(w.minutesLost * w.occurrences)}</span>
                </>
              ),
            },
            { header: 'Impact', cell: (w) => <Tag value={w.patientImpact} /> },
            { header: 'Status', cell: (w) => <Tag value={w.status} /> },
          ]}
        />
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
