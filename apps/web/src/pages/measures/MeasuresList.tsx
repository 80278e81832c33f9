// Measures: the list of a trust's SPC measures.
import { type MeasureDirection } from '@app/domain';
import { Link, useSearchParams } from 'react-router';
import { useApp } from '../../auth/context';
import { can, MANAGE_RECORDS } from '../../auth/roles';
import { Card, ErrorState, Loading, PageHeader } from '../../ui/components';
import { fmtDate, fmtNumber } from '../../ui/format';
import { TrustFilter } from '../../ui/TrustFilter';
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
