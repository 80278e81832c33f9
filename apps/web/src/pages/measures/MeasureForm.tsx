// The measure form (new and edit).
import { MEASURE_DIRECTIONS, type MeasureDirection } from '@app/domain';
import { useState } from 'react';
import type { Measure } from '../../api/models';
import { useApp } from '../../auth/context';
import { Card, ErrorSummary, Field, Select } from '../../ui/components';
import { useSubmit } from '../../ui/use-submit';
import { DIRECTION_LABELS, numOrNull } from './MeasuresList';
import { send } from '../../api/query';

export function MeasureForm({ measure, onSaved }: { measure?: Measure; onSaved: () => void }) {
  const { actor, trusts } = useApp();
  const [trustId, setTrustId] = useState('');
  const [name, setName] = useState(measure?.name ?? '');
  const [unit, setUnit] = useState(measure?.unit ?? '');
  const [direction, setDirection] = useState<MeasureDirection>(measure?.improvementDirection ?? 'up');
  const [target, setTarget] = useState(measure?.target?.toString() ?? '');
  const [trendLength, setTrend] = useState(String(measure?.trendLength ?? 7));
  const [shiftLength, setShift] = useState(String(measure?.shiftLength ?? 7));
  const { errors, busy, done, handle } = useSubmit([
    'trustId',
    'name',
    'unit',
    'improvementDirection',
    'target',
    'trendLength',
    'shiftLength',
    'version',
  ]);
  const e = errors.byField;

  const submit = handle(async () => {
    const body = {
      name,
      unit,
      improvementDirection: direction,
      target: numOrNull(target),
      trendLength: numOrNull(trendLength) ?? undefined,
      shiftLength: numOrNull(shiftLength) ?? undefined,
    };
    if (measure)
      await send('patch', '/api/measures/{id}', {
        params: { path: { id: measure.id } },
        body: { ...body, version: measure.version },
      });
    else
      await send('post', '/api/measures', {
        body: { ...body, trustId: actor.trustId === null ? trustId || undefined : undefined },
      });
    if (!measure) {
      setName('');
      setUnit('');
      setTarget('');
    }
    onSaved();
  });

  return (
    <Card title={measure ? 'Settings' : 'Add a measure'}>
      <details className="details" open={!measure}>
        <summary>{measure ? 'Change the measure' : 'New measure'}</summary>
        <form
          className="form"
          onSubmit={submit}
          noValidate
          aria-label={measure ? 'Change the measure' : 'Add a measure'}
        >
          {done && (
            <p className="notice notice--success" role="status">
              Saved.
            </p>
          )}
          <ErrorSummary errors={{ byField: {}, general: [...errors.general, ...(e.version ?? [])] }} />
          {!measure && actor.trustId === null && (
            <Field label="Trust" errors={e.trustId}>
              {(props) => (
                <Select
                  {...props}
                  value={trustId}
                  onChange={setTrustId}
                  empty="Choose a trust"
                  options={trusts.map((t) => ({ value: t.id, label: `${t.code} – ${t.name}` }))}
                />
              )}
            </Field>
          )}
          <div className="form-row">
            <Field label="Name" errors={e.name}>
              {(props) => (
                <input {...props} className="input" value={name} onChange={(ev) => setName(ev.target.value)} />
              )}
            </Field>
            <Field label="Unit" hint="For example %, minutes, patients" errors={e.unit}>
              {(props) => (
                <input
                  {...props}
                  className="input input--short"
                  value={unit}
                  onChange={(ev) => setUnit(ev.target.value)}
                />
              )}
            </Field>
          </div>
          <div className="form-row">
            <Field label="Better when" errors={e.improvementDirection}>
              {(props) => (
                <Select
                  {...props}
                  value={direction}
                  onChange={(v) => setDirection(v as MeasureDirection)}
                  options={MEASURE_DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] }))}
                />
              )}
            </Field>
            <Field label="Target (optional)" errors={e.target}>
              {(props) => (
                <input
                  {...props}
                  className="input input--number"
                  inputMode="decimal"
                  value={target}
                  onChange={(ev) => setTarget(ev.target.value)}
                />
              )}
            </Field>
            <Field label="Trend length" hint="5 to 10 points" errors={e.trendLength}>
              {(props) => (
                <input
                  {...props}
                  className="input input--short"
                  inputMode="numeric"
                  value={trendLength}
                  onChange={(ev) => setTrend(ev.target.value)}
                />
              )}
            </Field>
            <Field label="Shift length" hint="5 to 10 points" errors={e.shiftLength}>
              {(props) => (
                <input
                  {...props}
                  className="input input--short"
                  inputMode="numeric"
                  value={shiftLength}
                  onChange={(ev) => setShift(ev.target.value)}
                />
              )}
            </Field>
          </div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Saving…' : measure ? 'Save changes' : 'Add the measure'}
          </button>
        </form>
      </details>
    </Card>
  );
}
