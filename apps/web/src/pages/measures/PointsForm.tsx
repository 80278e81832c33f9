// Adding points to a measure, one at a time or pasted.
import { useState, type FormEvent } from 'react';
import type { Measure } from '../../api/models';
import { Card, ErrorSummary, Field } from '../../ui/components';
import { todayIso } from '../../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { send } from '../../api/query';

/** One point, or many pasted as "YYYY-MM-DD, value" lines; a period already stored takes the new value. */
export function PointsForm({ measure, onSaved }: { measure: Measure; onSaved: () => void }) {
  const [periodStart, setPeriodStart] = useState(todayIso().slice(0, 8) + '01');
  const [value, setValue] = useState('');
  const [pasted, setPasted] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  async function put(points: { periodStart: string; value: number | string }[]) {
    setBusy(true);
    setErrors(NO_ERRORS);
    setDone(null);
    try {
      await send('put', '/api/measures/{id}/points', { params: { path: { id: measure.id } }, body: points });
      setDone(`${points.length} ${points.length === 1 ? 'point' : 'points'} saved.`);
      setValue('');
      setPasted('');
      onSaved();
    } catch (error) {
      setErrors(formErrors(error, ['points', 'points.0.periodStart', 'points.0.value']));
    } finally {
      setBusy(false);
    }
  }

  const asNumber = (v: string) => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
  const one = (event: FormEvent) => {
    event.preventDefault();
    void put([{ periodStart, value: asNumber(value) }]);
  };
  const many = (event: FormEvent) => {
    event.preventDefault();
    const points = pasted
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [date, v = ''] = line.split(/[,\t;]\s*/);
        return { periodStart: date, value: asNumber(v) };
      });
    void put(points);
  };

  const e = errors.byField;
  return (
    <Card title="Add points">
      {done && (
        <p className="notice notice--success" role="status">
          {done}
        </p>
      )}
      <ErrorSummary errors={{ byField: {}, general: [...errors.general, ...(e.points ?? [])] }} />
      <form className="form form-row form-row--end" onSubmit={one} noValidate aria-label="Add one point">
        <Field label="Period start" hint="The first day of the period" errors={e['points.0.periodStart']}>
          {(props) => (
            <input
              {...props}
              className="input input--date"
              type="date"
              value={periodStart}
              onChange={(ev) => setPeriodStart(ev.target.value)}
            />
          )}
        </Field>
        <Field label={`Value (${measure.unit})`} errors={e['points.0.value']}>
          {(props) => (
            <input
              {...props}
              className="input input--number"
              inputMode="decimal"
              value={value}
              onChange={(ev) => setValue(ev.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={busy}>
          Save the point
        </button>
      </form>
      <details className="details">
        <summary>Paste many points</summary>
        <form className="form" onSubmit={many} noValidate aria-label="Paste many points">
          <Field label="Points" hint="One per line: period start, value (for example 2025-04-01, 76.4)">
            {(props) => (
              <textarea
                {...props}
                className="textarea"
                rows={6}
                value={pasted}
                onChange={(ev) => setPasted(ev.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button" disabled={busy || !pasted.trim()}>
            Save the points
          </button>
        </form>
      </details>
    </Card>
  );
}
