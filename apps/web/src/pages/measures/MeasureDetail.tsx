// One measure's page: its SPC chart, Making Data Count icons and points.
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useEventsList } from '../../api/lookups';
import { useApp } from '../../auth/context';
import { can, MANAGE_RECORDS, WRITE_RECORDS } from '../../auth/roles';
import { SpcChart, type ChartEvent } from '../../charts/SpcChart';
import { Card, ErrorState, ErrorSummary, Field, Loading, PageHeader } from '../../ui/components';
import { addDays, fmtDate, fmtNumber, humanise } from '../../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/page-title';
import { MeasureForm } from './MeasureForm';
import { DIRECTION_LABELS } from './MeasuresList';
import { PointsForm } from './PointsForm';
import { send, useGet } from '../../api/query';

export function MeasureDetailPage() {
  const { id } = useParams();
  const { actor } = useApp();
  const navigate = useNavigate();
  const [baselinePoints, setBaselinePoints] = useState('');
  const [showEvents, setShowEvents] = useState(true);
  const measure = useGet('/api/measures/{id}', { path: { id: id! } });
  const spc = useGet('/api/measures/{id}/spc', {
    path: { id: id! },
    query: { baselinePoints: /^\d+$/.test(baselinePoints) ? Number(baselinePoints) : undefined },
  });
  const events = useEventsList(measure.data?.trustId, !!measure.data);
  usePageTitle(measure.data?.name ?? 'Measure');
  const [deleteErrors, setDeleteErrors] = useState<FormErrors>(NO_ERRORS);

  const chartEvents = useMemo<ChartEvent[]>(() => {
    const points = spc.data?.points ?? [];
    if (!showEvents || points.length === 0 || !events.data) return [];
    const first = points[0].periodStart;
    const last = points[points.length - 1].periodStart;
    // Events that started within the charted span, or up to a month after its last period began.
    const until = addDays(last, 31);
    return events.data.items
      .filter((e) => e.status !== 'abandoned' && e.startDate >= first && e.startDate <= until)
      .map((e) => {
        // Titles often start with their kind already ("RPIW: ..."); do not say it twice.
        const kind = humanise(e.kind);
        return {
          date: e.startDate,
          label: e.title.toLowerCase().startsWith(kind.toLowerCase()) ? e.title : `${kind}: ${e.title}`,
        };
      });
  }, [spc.data, events.data, showEvents]);

  if (measure.error) return <ErrorState error={measure.error} what="The measure" retry={measure.reload} />;
  if (!measure.data) return <Loading />;
  const m = measure.data;

  async function remove() {
    if (!window.confirm('Delete this measure and all its points? This cannot be undone.')) return;
    try {
      await send('delete', '/api/measures/{id}', { params: { path: { id: m.id } } });
      navigate('/measures');
    } catch (error) {
      setDeleteErrors(formErrors(error, []));
    }
  }

  const reloadAll = () => {
    measure.reload();
    spc.reload();
  };

  return (
    <>
      <PageHeader
        title={m.name}
        lead={`${m.unit} · ${DIRECTION_LABELS[m.improvementDirection]}${m.target === null ? '' : ` · target ${fmtNumber(m.target, 2)}`}`}
        actions={<Link to="/measures">All measures</Link>}
      />
      <Card title="Statistical process control" testId="measure-spc">
        <div className="toolbar toolbar--inset">
          <Field label="Baseline points (optional)" hint="Limits from the first N points, at least 12; empty for all">
            {(props) => (
              <input
                {...props}
                className="input input--short"
                inputMode="numeric"
                value={baselinePoints}
                onChange={(e) => setBaselinePoints(e.target.value)}
              />
            )}
          </Field>
          <div className="checkbox">
            <input
              id="show-events"
              type="checkbox"
              checked={showEvents}
              onChange={(e) => setShowEvents(e.target.checked)}
            />
            <label htmlFor="show-events">Mark improvement events on the chart</label>
          </div>
        </div>
        {spc.error && <ErrorState error={spc.error} what="The SPC chart" retry={spc.reload} />}
        {spc.loading && !spc.data && <Loading label="Drawing the chart…" />}
        {spc.data && (
          <SpcChart
            spc={spc.data}
            title={m.name}
            unit={m.unit}
            target={m.target}
            events={chartEvents}
            trendLength={m.trendLength}
            shiftLength={m.shiftLength}
            height={380}
          />
        )}
        {chartEvents.length > 0 && (
          <div className="events-key">
            <h3 className="subheading">Improvement events on the chart</h3>
            <ul className="plain-list">
              {chartEvents.map((e) => (
                <li key={`${e.date}-${e.label}`}>
                  {fmtDate(e.date)}: {e.label}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Card>
      {can(actor.role, WRITE_RECORDS) && <PointsForm measure={m} onSaved={reloadAll} />}
      {can(actor.role, MANAGE_RECORDS) && (
        <>
          <MeasureForm measure={m} onSaved={reloadAll} key={m.version} />
          <Card title="Delete">
            <ErrorSummary errors={deleteErrors} />
            <button type="button" className="button button--warning" onClick={remove}>
              Delete this measure
            </button>
          </Card>
        </>
      )}
    </>
  );
}
