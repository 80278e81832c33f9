// A value stream map: timeline, steps and metrics, side by side with another map to compare.
import { Link, useParams, useSearchParams } from 'react-router';
import type { MapMetrics, ValueStreamMap } from '../../api/models';
import { useApp } from '../../auth/context';
import { can, WRITE_RECORDS } from '../../auth/roles';
import { Card, ErrorState, Field, Loading, PageHeader, Select, Stat, Tag } from '../../ui/components';
import { fmtDate, fmtMinutes, fmtNumber, fmtPercent, humanise } from '../../ui/format';
import { usePageTitle } from '../../ui/page-title';
import { CLASSIFICATION_LABELS } from '../StepsEditor';
import { ChangeTable } from './ChangeTable';
import { EditSteps } from './EditSteps';
import { useGet } from '../../api/query';

export function MapPage() {
  const { id } = useParams();
  const { actor } = useApp();
  const [params, setParams] = useSearchParams();
  const compareId = params.get('compare') ?? '';
  const map = useGet('/api/maps/{id}', { path: { id: id! } });
  const siblings = useGet(
    '/api/value-streams/{id}/maps',
    map.data ? { path: { id: map.data.valueStreamId }, query: { limit: 200 } } : null,
  );
  const other = useGet('/api/maps/{id}', compareId ? { path: { id: compareId } } : null);
  const comparison = useGet(
    '/api/maps/{id}/compare/{otherId}',
    compareId ? { path: { id: id!, otherId: compareId } } : null,
  );
  usePageTitle(map.data?.title ?? 'Value-stream map');

  if (map.error) return <ErrorState error={map.error} what="The map" retry={map.reload} />;
  if (!map.data) return <Loading label="Loading the map…" />;
  const m = map.data;
  const others = (siblings.data?.items ?? []).filter((s) => s.id !== m.id);
  // Both timelines share one scale, so the shorter lead time looks shorter.
  const scale = Math.max(m.metrics.leadTimeMinutes, other.data?.metrics.leadTimeMinutes ?? 0, 1);

  return (
    <>
      <PageHeader
        title={m.title}
        lead={
          <>
            <Tag value={m.state} label={`${humanise(m.state)} state`} /> mapped {fmtDate(m.mappedOn)}
          </>
        }
        actions={<Link to={`/value-streams/${m.valueStreamId}`}>Back to the value stream</Link>}
      />
      <div className="toolbar">
        <Field label="Compare with" hint="Another map of the same value stream">
          {(props) => (
            <Select
              {...props}
              value={compareId}
              onChange={(v) => setParams(v ? { compare: v } : {}, { replace: true })}
              empty={siblings.loading ? 'Loading…' : 'No comparison'}
              options={others.map((o) => ({ value: o.id, label: `${o.title} (${o.state}, ${fmtDate(o.mappedOn)})` }))}
            />
          )}
        </Field>
      </div>
      {compareId ? (
        <>
          <div className="grid grid--2 compare" data-testid="map-compare">
            <MapColumn map={m} scale={scale} />
            {other.error && <ErrorState error={other.error} what="The other map" retry={other.reload} />}
            {other.loading && !other.data && <Loading />}
            {other.data && <MapColumn map={other.data} scale={scale} />}
          </div>
          <Card title="Change" testId="map-change">
            {comparison.error && (
              <ErrorState error={comparison.error} what="The comparison" retry={comparison.reload} />
            )}
            {comparison.loading && !comparison.data && <Loading />}
            {comparison.data && (
              <ChangeTable
                comparison={comparison.data}
                fromTitle={m.title}
                toTitle={other.data?.title ?? 'the other map'}
              />
            )}
          </Card>
        </>
      ) : (
        <MapColumn map={m} scale={scale} wide />
      )}
      <Card title="Steps">
        <StepsTable map={m} />
      </Card>
      {can(actor.role, WRITE_RECORDS) && <EditSteps map={m} onSaved={map.reload} key={m.version} />}
    </>
  );
}

function MapColumn({ map, scale, wide }: { map: ValueStreamMap; scale: number; wide?: boolean }) {
  return (
    <Card
      title={
        <>
          {map.title} <Tag value={map.state} />
        </>
      }
      testId={`map-column-${map.state}`}
    >
      <MetricsGrid metrics={map.metrics} wide={wide} />
      <h3 className="subheading">Timeline</h3>
      <Timeline map={map} scale={scale} />
    </Card>
  );
}

function MetricsGrid({ metrics, wide }: { metrics: MapMetrics; wide?: boolean }) {
  return (
    <div className={`stats stats--small${wide ? '' : ' stats--2'}`}>
      <Stat label="Lead time" value={fmtMinutes(metrics.leadTimeMinutes)} testId="lead-time" />
      <Stat label="Value-added time" value={fmtMinutes(metrics.valueAddedMinutes)} />
      <Stat
        label="Process cycle efficiency"
        value={metrics.processCycleEfficiency === null ? '–' : fmtPercent(metrics.processCycleEfficiency * 100)}
        testId="pce"
      />
      <Stat label="Rolled %C&A" value={fmtPercent(metrics.rolledPercentCompleteAccurate)} testId="rolled-ca" />
      <Stat
        label="Takt time"
        value={metrics.taktTimeMinutes === null ? 'Not set' : fmtMinutes(metrics.taktTimeMinutes)}
        detail={metrics.taktTimeMinutes === null ? 'Needs demand and available time' : undefined}
      />
      <Stat label="Steps" value={String(metrics.stepCount)} />
    </div>
  );
}

/** Wait then cycle for every step, left to right, widths in proportion to minutes on the shared scale. */
function Timeline({ map, scale }: { map: ValueStreamMap; scale: number }) {
  const width = (map.metrics.leadTimeMinutes / scale) * 100;
  return (
    <div className="vsm">
      <ol
        className="vsm__track"
        style={{ width: `${Math.max(width, 4)}%` }}
        aria-label={`Timeline of ${map.title}: lead time ${fmtMinutes(map.metrics.leadTimeMinutes)}`}
        data-testid="vsm-timeline"
      >
        {map.steps.map((step, i) => (
          <li
            key={step.id ?? i}
            className="vsm__step"
            style={{ flexGrow: Math.max(step.waitTimeMinutes + step.cycleTimeMinutes, 0.0001) }}
          >
            {step.waitTimeMinutes > 0 && (
              <span
                className="vsm__seg vsm__seg--wait"
                style={{ flexGrow: step.waitTimeMinutes }}
                title={`Wait before ${step.name}: ${fmtMinutes(step.waitTimeMinutes)}`}
              />
            )}
            <span
              className={`vsm__seg vsm__seg--${step.classification}`}
              style={{ flexGrow: Math.max(step.cycleTimeMinutes, 0.0001) }}
              title={`${i + 1}. ${step.name}: ${fmtMinutes(step.cycleTimeMinutes)}, ${CLASSIFICATION_LABELS[step.classification]}`}
              data-classification={step.classification}
            >
              <span className="vsm__num">{i + 1}</span>
            </span>
          </li>
        ))}
      </ol>
      <div className="vsm__legend">
        <span className="key-item">
          <span className="swatch swatch--value_added" aria-hidden="true" /> Value added
        </span>
        <span className="key-item">
          <span className="swatch swatch--necessary_non_value_added" aria-hidden="true" /> Necessary, non-value added
        </span>
        <span className="key-item">
          <span className="swatch swatch--waste" aria-hidden="true" /> Waste
        </span>
        <span className="key-item">
          <span className="swatch swatch--wait" aria-hidden="true" /> Waiting
        </span>
      </div>
      <p className="hint">Numbers are the steps in order; hover a block, or see the table of steps, for its minutes.</p>
    </div>
  );
}

function StepsTable({ map }: { map: ValueStreamMap }) {
  const max = Math.max(1, ...map.steps.map((s) => Math.max(s.waitTimeMinutes, s.cycleTimeMinutes)));
  return (
    <div className="table-wrap">
      <table className="table table--compact" data-testid="steps-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Step</th>
            <th scope="col">Classification</th>
            <th scope="col" className="num">
              Wait before
            </th>
            <th scope="col" className="num">
              Cycle time
            </th>
            <th scope="col">Wait and cycle</th>
            <th scope="col" className="num">
              %C&A
            </th>
            <th scope="col" className="num">
              Staff
            </th>
          </tr>
        </thead>
        <tbody>
          {map.steps.map((s, i) => (
            <tr key={s.id ?? i}>
              <td>{i + 1}</td>
              <th scope="row">{s.name}</th>
              <td>
                <span className={`swatch swatch--${s.classification}`} aria-hidden="true" />{' '}
                {CLASSIFICATION_LABELS[s.classification]}
              </td>
              <td className="num">{fmtMinutes(s.waitTimeMinutes)}</td>
              <td className="num">{fmtMinutes(s.cycleTimeMinutes)}</td>
              <td className="mini-bars" aria-hidden="true">
                <span className="mini-bar mini-bar--wait" style={{ width: `${(s.waitTimeMinutes / max) * 100}%` }} />
                <span
                  className={`mini-bar mini-bar--${s.classification}`}
                  style={{ width: `${(s.cycleTimeMinutes / max) * 100}%` }}
                />
              </td>
              <td className="num">{fmtNumber(s.percentCompleteAccurate)}</td>
              <td className="num">{s.staff ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
