// Measures: the list of a trust's SPC measures.
import { type MeasureDirection } from '@app/domain';
import { Link, useSearchParams } from 'react-router';
import { useApp } from '../../auth/context';
import { can, MANAGE_RECORDS } from '../../auth/roles';
import { Card, PageHeader } from '../../ui/components';
import { fmtDate, fmtNumber } from '../../ui/format';
import { TrustFilter } from '../../ui/TrustFilter';
import { PagedTable } from '../../ui/PagedTable';
import { usePageTitle } from '../../ui/page-title';
import { MeasureForm } from './MeasureForm';
import { useGet } from '../../api/query';

export const DIRECTION_LABELS: Record<MeasureDirection, string> = {
  up: 'Higher is better',
  down: 'Lower is better',
  neither: 'Neither (no better direction)',
};

export const numOrNull = (v: string): number | string | null =>
  v.trim() === '' ? null : Number.isFinite(Number(v)) ? Number(v) : v;

export function MeasuresPage() {
  usePageTitle('Measures');
  const { actor, trustCode } = useApp();
  const [params, setParams] = useSearchParams();
  const trustFilter = params.get('trustId') ?? '';
  const list = useGet('/api/measures', { query: { trustId: trustFilter, limit: 200 } });
  return (
    <>
      <PageHeader
        title="Measures"
        lead="The time series each trust reports to its board, read with statistical process control"
      />
      {actor.trustId === null && (
        <div className="toolbar">
          <TrustFilter value={trustFilter} onChange={(v) => setParams(v ? { trustId: v } : {}, { replace: true })} />
        </div>
      )}
      <Card testId="measures-list">
        <PagedTable
          read={list}
          what="The measures"
          loading="Loading…"
          empty="No measures yet."
          columns={[
            {
              header: 'Measure',
              cell: (m) => (
                <>
                  <Link to={`/measures/${m.id}`}>{m.name}</Link> <span className="muted">({m.unit})</span>
                </>
              ),
            },
            actor.trustId === null && { header: 'Trust', cell: (m) => trustCode(m.trustId) },
            { header: 'Better when', cell: (m) => DIRECTION_LABELS[m.improvementDirection] },
            { header: 'Target', numeric: true, cell: (m) => (m.target === null ? '–' : fmtNumber(m.target, 2)) },
            {
              header: 'Latest',
              numeric: true,
              cell: (m) => {
                const latest = m.points?.[m.points.length - 1];
                return latest ? `${fmtNumber(latest.value, 2)} (${fmtDate(latest.periodStart)})` : '–';
              },
            },
            { header: 'Points', numeric: true, cell: (m) => m.points?.length ?? '–' },
          ]}
        />
      </Card>
      {can(actor.role, MANAGE_RECORDS) && <MeasureForm onSaved={list.reload} />}
    </>
  );
}
