// Value streams: the list of a trust's streams.
import { Link, useSearchParams } from 'react-router';
import { useApp } from '../../auth/context';
import { can, MANAGE_RECORDS } from '../../auth/roles';
import { Card, ErrorState, Loading, PageHeader } from '../../ui/components';
import { fmtMinutes, fmtNumber } from '../../ui/format';
import { TrustFilter } from '../../ui/TrustFilter';
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
