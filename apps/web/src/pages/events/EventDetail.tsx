// One event's page: progress to target, metrics, follow-ups and status changes.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useApp } from '../../auth/context';
import { can, MANAGE_RECORDS, WRITE_RECORDS } from '../../auth/roles';
import { Card, ErrorState, ErrorSummary, Loading, PageHeader, ProgressBar, Tag } from '../../ui/components';
import { fmtDate, fmtInt, fmtNumber, fmtPercent, humanise } from '../../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/page-title';
import { FollowUpForm, FollowUpsTable } from './FollowUps';
import { StatusForm } from './StatusForm';
import { send, useGet } from '../../api/query';

export function EventDetailPage() {
  const { id } = useParams();
  const { actor, trustName } = useApp();
  const navigate = useNavigate();
  const event = useGet('/api/improvement-events/{id}', { path: { id: id! } });
  usePageTitle(event.data?.title ?? 'Improvement event');
  const canWrite = can(actor.role, WRITE_RECORDS);
  const [deleteErrors, setDeleteErrors] = useState<FormErrors>(NO_ERRORS);

  if (event.error) return <ErrorState error={event.error} what="The event" retry={event.reload} />;
  if (!event.data) return <Loading label="Loading the event…" />;
  const ev = event.data;

  async function remove() {
    if (!window.confirm('Delete this event with its metrics and follow-ups? This cannot be undone.')) return;
    try {
      await send('delete', '/api/improvement-events/{id}', { params: { path: { id: ev.id } } });
      navigate('/events');
    } catch (error) {
      setDeleteErrors(formErrors(error, []));
    }
  }

  return (
    <>
      <PageHeader
        title={ev.title}
        lead={
          <>
            {humanise(ev.kind)} · {fmtDate(ev.startDate)}
            {ev.endDate ? ` – ${fmtDate(ev.endDate)}` : ''} · {actor.trustId ? '' : `${trustName(ev.trustId)} · `}
            <Tag value={ev.status} />
          </>
        }
        actions={<Link to="/events">Back to the events</Link>}
      />
      {ev.problemStatement && (
        <Card title="Problem statement">
          <p className="prewrap">{ev.problemStatement}</p>
        </Card>
      )}
      <Card title="Progress to target" testId="event-metrics">
        {ev.metrics.length === 0 ? (
          <p className="empty">This event has no metrics.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col" className="num">
                    Baseline
                  </th>
                  <th scope="col" className="num">
                    Target
                  </th>
                  <th scope="col" className="num">
                    Latest
                  </th>
                  <th scope="col">Progress</th>
                  <th scope="col">Target</th>
                </tr>
              </thead>
              <tbody>
                {ev.metrics.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      {m.name}
                      <span className="muted block">
                        {m.unit}, {m.direction === 'lower_is_better' ? 'lower is better' : 'higher is better'}
                      </span>
                    </th>
                    <td className="num">{fmtNumber(m.baseline, 2)}</td>
                    <td className="num">{fmtNumber(m.target, 2)}</td>
                    <td className="num">{m.latest === null ? '–' : fmtNumber(m.latest, 2)}</td>
                    <td className="progress-cell">
                      <ProgressBar value={m.progressToTarget} label={`${m.name} progress to target`} />
                      <span className="muted">
                        {m.progressToTarget === null ? 'No follow-up yet' : fmtPercent(m.progressToTarget * 100, 0)}
                      </span>
                    </td>
                    <td>
                      {m.targetMet === null ? (
                        <span className="muted">–</span>
                      ) : m.targetMet ? (
                        <Tag value="met" label="Met" />
                      ) : (
                        <Tag value="not_met" label="Not met" />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title="Follow-ups" testId="event-follow-ups">
        <FollowUpsTable event={ev} />
        {canWrite && ev.metrics.length > 0 && <FollowUpForm event={ev} onSaved={event.reload} />}
      </Card>
      {canWrite && (
        <Card title="Status">
          <StatusForm event={ev} onSaved={event.reload} key={ev.version} />
        </Card>
      )}
      {ev.wasteRecords && ev.wasteRecords.length > 0 && (
        <Card title="Waste records linked to this event">
          <ul className="plain-list">
            {ev.wasteRecords.map((w) => (
              <li key={w.id}>
                <Link to={`/waste/${w.id}`}>
                  {humanise(w.wasteType)}, {fmtDate(w.observedOn)}
                </Link>{' '}
                – {fmtInt(w.minutesLost * w.occurrences)} min <Tag value={w.status} />
              </li>
            ))}
          </ul>
        </Card>
      )}
      {can(actor.role, MANAGE_RECORDS) && (
        <Card title="Delete">
          <ErrorSummary errors={deleteErrors} />
          <button type="button" className="button button--warning" onClick={remove}>
            Delete this event
          </button>
        </Card>
      )}
    </>
  );
}
