// The waste log: filters, the paged table of records and the CSV export.
import { WASTE_STATUSES, WASTE_TYPES } from '@app/domain';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useValueStreams } from '../../api/lookups';
import { saveBlob } from '../../api/upload';
import { useApp } from '../../auth/context';
import { can, WRITE_RECORDS } from '../../auth/roles';
import { Card, ErrorState, Field, Loading, PageHeader, Pager, Select, Tag } from '../../ui/components';
import { fmtDate, fmtInt, fmtNumber, humanise, todayIso } from '../../ui/format';
import { usePageTitle } from '../../ui/page-title';
import { ImportCard } from './ImportCard';
import { ApiError, apiBlob } from '../../api/client';
import { useGet, type QueryOf } from '../../api/query';

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
