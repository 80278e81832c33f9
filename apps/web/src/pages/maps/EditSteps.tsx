// Editing a map's steps in place.
import { useState, type FormEvent } from 'react';
import type { ValueStreamMap } from '../../api/models';
import { Card, ErrorSummary } from '../../ui/components';
import { formErrors, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { STEP_FIELDS, StepsEditor, stepDraftOf, stepsBody, type StepDraft } from '../StepsEditor';
import { send } from '../../api/query';

export function EditSteps({ map, onSaved }: { map: ValueStreamMap; onSaved: () => void }) {
  const [steps, setSteps] = useState<StepDraft[]>(() => map.steps.map(stepDraftOf));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await send('put', '/api/maps/{id}/steps', {
        params: { path: { id: map.id } },
        body: { version: map.version, steps: stepsBody(steps, true) },
      });
      onSaved();
    } catch (error) {
      setErrors(formErrors(error, ['steps', 'version', ...STEP_FIELDS]));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Edit the steps">
      <details className="details">
        <summary>Change, add, remove or reorder steps</summary>
        <form className="form" onSubmit={submit} noValidate aria-label="Edit the steps">
          <ErrorSummary
            errors={{
              byField: {},
              general: [...errors.general, ...(errors.byField.steps ?? []), ...(errors.byField.version ?? [])],
            }}
          />
          <StepsEditor steps={steps} onChange={setSteps} errors={errors.byField} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Saving…' : 'Save the steps'}
            </button>
          </div>
        </form>
      </details>
    </Card>
  );
}
