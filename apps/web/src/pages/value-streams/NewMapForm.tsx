// The form that draws a new (current or future state) map of a stream.
import { MAP_STATES, type MapState } from '@app/domain';
import { useState, type FormEvent } from 'react';
import type { ValueStreamMap } from '../../api/models';
import { Card, ErrorSummary, Field, Select } from '../../ui/components';
import { todayIso } from '../../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { emptyStep, STEP_FIELDS, StepsEditor, stepsBody, type StepDraft } from '../StepsEditor';
import { send } from '../../api/query';

export function NewMapForm({ streamId, onSaved }: { streamId: string; onSaved: (map: ValueStreamMap) => void }) {
  const [state, setState] = useState<MapState>('current');
  const [title, setTitle] = useState('');
  const [mappedOn, setMappedOn] = useState(todayIso());
  const [steps, setSteps] = useState<StepDraft[]>([emptyStep()]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const e = errors.byField;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const map = await send('post', '/api/value-streams/{id}/maps', {
        params: { path: { id: streamId } },
        body: { state, title, mappedOn, steps: stepsBody(steps, false) },
      });
      onSaved(map);
    } catch (error) {
      setErrors(formErrors(error, ['state', 'title', 'mappedOn', 'steps', ...STEP_FIELDS]));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Add a map">
      <details className="details">
        <summary>Map this value stream</summary>
        <form className="form" onSubmit={submit} noValidate aria-label="Add a map">
          <ErrorSummary errors={{ byField: {}, general: [...errors.general, ...(e.steps ?? [])] }} />
          <div className="form-row">
            <Field label="State" errors={e.state}>
              {(props) => (
                <Select {...props} value={state} onChange={(v) => setState(v as MapState)} options={MAP_STATES} />
              )}
            </Field>
            <Field label="Title" errors={e.title}>
              {(props) => (
                <input {...props} className="input" value={title} onChange={(ev) => setTitle(ev.target.value)} />
              )}
            </Field>
            <Field label="Mapped on" errors={e.mappedOn}>
              {(props) => (
                <input
                  {...props}
                  className="input input--date"
                  type="date"
                  value={mappedOn}
                  onChange={(ev) => setMappedOn(ev.target.value)}
                />
              )}
            </Field>
          </div>
          <StepsEditor steps={steps} onChange={setSteps} errors={e} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Saving…' : 'Save the map'}
            </button>
          </div>
        </form>
      </details>
    </Card>
  );
}
