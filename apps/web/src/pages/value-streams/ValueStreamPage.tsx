// One value stream: its details and its maps.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useApp } from '../../auth/context';
import { can, MANAGE_RECORDS, WRITE_RECORDS } from '../../auth/roles';
import { Card, ErrorState, ErrorSummary, Loading, PageHeader, Tag } from '../../ui/components';
import { fmtDate, fmtMinutes, fmtPercent } from '../../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/page-title';
import { NewMapForm } from './NewMapForm';
import { ValueStreamForm } from './ValueStreamForm';
import { send, useGet } from '../../api/query';

export function ValueStreamPage() {
  const { id } = useParams();
  const { actor } = useApp();
  const navigate = useNavigate();
  const stream = useGet('/api/value-streams/{id}', { path: { id: id! } });
  const maps = useGet('/api/value-streams/{id}/maps', { path: { id: id! }, query: { limit: 200 } });
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
      await send('delete', '/api/value-streams/{id}', { params: { path: { id: vs.id } } });
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
