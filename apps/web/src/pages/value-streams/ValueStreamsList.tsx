// Value streams: the list of a trust's streams.
import { Link, useSearchParams } from 'react-router';
import { useApp } from '../../auth/context';
import { can, MANAGE_RECORDS } from '../../auth/roles';
import { Card, PageHeader } from '../../ui/components';
import { fmtMinutes, fmtNumber } from '../../ui/format';
import { TrustFilter } from '../../ui/TrustFilter';
import { PagedTable } from '../../ui/PagedTable';
import { usePageTitle } from '../../ui/page-title';
import { ValueStreamForm } from './ValueStreamForm';
import { useGet } from '../../api/query';

export const numOrNull = (v: string): number | string | null =>
  v.trim() === '' ? null : Number.isFinite(Number(v)) ? Number(v) : v;

export function ValueStreamsPage() {
  usePageTitle('Value streams');
  const { actor, trustCode } = useApp();
  const [params, setParams] = useSearchParams();
  const trustFilter = params.get('trustId') ?? '';
  const list = useGet('/api/value-streams', { query: { trustId: trustFilter, limit: 200 } });
  return (
    <>
      <PageHeader title="Value streams" lead="The flows of patients and work the teams map and improve" />
      {actor.trustId === null && (
        <div className="toolbar">
          <TrustFilter value={trustFilter} onChange={(v) => setParams(v ? { trustId: v } : {}, { replace: true })} />
        </div>
      )}
      <Card testId="value-streams">
        <PagedTable
          read={list}
          what="The value streams"
          loading="Loading…"
          empty="No value streams yet."
          columns={[
            {
              header: 'Value stream',
              cell: (vs) => (
                <>
                  <Link to={`/value-streams/${vs.id}`}>{vs.name}</Link>
                  {vs.description && <span className="muted block">{vs.description.slice(0, 120)}</span>}
                </>
              ),
            },
            actor.trustId === null && { header: 'Trust', cell: (vs) => trustCode(vs.trustId) },
            { header: 'Demand per day', numeric: true, cell: (vs) => fmtNumber(vs.demandPerDay) },
            { header: 'Available minutes per day', numeric: true, cell: (vs) => fmtNumber(vs.availableMinutesPerDay) },
            {
              header: 'Takt time',
              numeric: true,
              cell: (vs) =>
                vs.demandPerDay && vs.availableMinutesPerDay
                  ? fmtMinutes(vs.availableMinutesPerDay / vs.demandPerDay)
                  : '–',
            },
          ]}
        />
        {list.data?.nextCursor && <p className="hint">Showing the first 200 value streams.</p>}
      </Card>
      {can(actor.role, MANAGE_RECORDS) && <ValueStreamForm onSaved={list.reload} />}
    </>
  );
}
