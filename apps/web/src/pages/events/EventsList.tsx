// Kaizen events, RPIWs, everyday lean ideas and PDSA cycles: the list, with each event's progress to target.
import { EVENT_KINDS, EVENT_STATUSES, type EventKind } from '@app/domain';
import { Link, useSearchParams } from 'react-router';
import type { ImprovementEvent } from '../../api/models';
import { useApp } from '../../auth/context';
import { can, WRITE_RECORDS } from '../../auth/roles';
import { Card, Field, PageHeader, Select, Tag } from '../../ui/components';
import { fmtDate, humanise } from '../../ui/format';
import { PagedTable, useCursorPages } from '../../ui/PagedTable';
import { TrustFilter } from '../../ui/TrustFilter';
import { usePageTitle } from '../../ui/page-title';
import { useGet, type QueryOf } from '../../api/query';

export const KIND_LABELS: Record<EventKind, string> = {
  rpiw: 'RPIW (rapid process improvement workshop)',
  kaizen: 'Kaizen event',
  everyday_lean_idea: 'Everyday lean idea',
  pdsa: 'PDSA cycle',
};

export function EventsPage() {
  usePageTitle('Improvement events');
  const { actor, trustCode } = useApp();
  const [params, setParams] = useSearchParams();
  const filters = {
    trustId: params.get('trustId') ?? '',
    kind: params.get('kind') ?? '',
    status: params.get('status') ?? '',
  };
  const pages = useCursorPages(`${filters.trustId}|${filters.kind}|${filters.status}`);
  const list = useGet('/api/improvement-events', {
    query: { ...filters, cursor: pages.cursor, limit: 25 } as QueryOf<'/api/improvement-events'>,
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
          <TrustFilter value={filters.trustId} onChange={(v) => setFilter('trustId', v)} />
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
        <PagedTable
          read={list}
          what="The events"
          loading="Loading events…"
          empty="No events match these filters."
          pages={pages}
          columns={[
            { header: 'Event', cell: (event) => <Link to={`/events/${event.id}`}>{event.title}</Link> },
            actor.trustId === null && { header: 'Trust', cell: (event) => trustCode(event.trustId) },
            { header: 'Kind', cell: (event) => humanise(event.kind) },
            {
              header: 'Dates',
              className: 'nowrap',
              cell: (event) => `${fmtDate(event.startDate)}${event.endDate ? ` – ${fmtDate(event.endDate)}` : ''}`,
            },
            { header: 'Status', cell: (event) => <Tag value={event.status} /> },
            { header: 'Progress', cell: (event) => <ProgressSummary event={event} /> },
          ]}
        />
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
