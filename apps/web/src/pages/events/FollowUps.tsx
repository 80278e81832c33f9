// An event's follow-ups (30/60/90-day checks): the table and the form to add one.
import { useState, type FormEvent } from 'react';
import type { FollowUp, ImprovementEvent } from '../../api/models';
import { ErrorSummary, Field } from '../../ui/components';
import { fmtDate, fmtNumber, todayIso } from '../../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { num } from './EventNew';
import { send } from '../../api/query';

export function FollowUpsTable({ event }: { event: ImprovementEvent }) {
  const followUps: FollowUp[] = event.followUps ?? [];
  if (followUps.length === 0) return <p className="empty">No follow-ups yet. VMPS reports at 30, 60 and 90 days.</p>;
  return (
    <div className="table-wrap">
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Measured on</th>
            {event.metrics.map((m) => (
              <th scope="col" className="num" key={m.id}>
                {m.name}
              </th>
            ))}
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {followUps.map((f) => (
            <tr key={f.id}>
              <td>Day {f.checkpointDay}</td>
              <td className="nowrap">{fmtDate(f.measuredOn)}</td>
              {event.metrics.map((m) => {
                const r = f.results.find((x) => x.metricId === m.id);
                return (
                  <td className="num" key={m.id}>
                    {r ? fmtNumber(r.value, 2) : '–'}
                  </td>
                );
              })}
              <td className="prewrap">{f.notes ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FollowUpForm({ event, onSaved }: { event: ImprovementEvent; onSaved: () => void }) {
  const [checkpointDay, setCheckpointDay] = useState('30');
  const [measuredOn, setMeasuredOn] = useState(todayIso());
  const [values, setValues] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const e = errors.byField;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    setSaved(false);
    try {
      await send('post', '/api/improvement-events/{id}/follow-ups', {
        params: { path: { id: event.id } },
        body: {
          checkpointDay: num(checkpointDay),
          measuredOn,
          results: event.metrics
            .filter((m) => (values[m.id] ?? '').trim() !== '')
            .map((m) => ({ metricId: m.id, value: num(values[m.id]) })),
          notes: notes || null,
        },
      });
      setValues({});
      setNotes('');
      setSaved(true);
      onSaved();
    } catch (error) {
      setErrors(formErrors(error, ['checkpointDay', 'measuredOn', 'results', 'notes']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form form--inset" onSubmit={submit} noValidate aria-label="Add a follow-up">
      <h3 className="subheading">Add a follow-up</h3>
      {saved && (
        <p className="notice notice--success" role="status">
          The follow-up was added.
        </p>
      )}
      <ErrorSummary errors={{ byField: {}, general: [...errors.general, ...(e.results ?? [])] }} />
      <div className="form-row">
        <Field label="Checkpoint day" hint="Days after the event: 30, 60, 90…" errors={e.checkpointDay}>
          {(props) => (
            <input
              {...props}
              className="input input--number"
              inputMode="numeric"
              list="checkpoint-days"
              value={checkpointDay}
              onChange={(ev) => setCheckpointDay(ev.target.value)}
            />
          )}
        </Field>
        <datalist id="checkpoint-days">
          <option value="30" />
          <option value="60" />
          <option value="90" />
        </datalist>
        <Field label="Measured on" errors={e.measuredOn}>
          {(props) => (
            <input
              {...props}
              className="input input--date"
              type="date"
              value={measuredOn}
              onChange={(ev) => setMeasuredOn(ev.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="form-row">
        {event.metrics.map((m) => (
          <Field key={m.id} label={`${m.name} (${m.unit})`} hint={`Target ${fmtNumber(m.target, 2)}`}>
            {(props) => (
              <input
                {...props}
                className="input input--number"
                inputMode="decimal"
                value={values[m.id] ?? ''}
                onChange={(ev) => setValues((v) => ({ ...v, [m.id]: ev.target.value }))}
              />
            )}
          </Field>
        ))}
      </div>
      <Field label="Notes (optional)" errors={e.notes}>
        {(props) => (
          <textarea
            {...props}
            className="textarea"
            rows={2}
            value={notes}
            onChange={(ev) => setNotes(ev.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : 'Add the follow-up'}
      </button>
    </form>
  );
}
