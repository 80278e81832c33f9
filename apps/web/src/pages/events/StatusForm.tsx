// Moves an event through its statuses (optimistic version checked by the API).
import { EVENT_STATUSES, type EventStatus } from '@app/domain';
import { useState, type FormEvent } from 'react';
import type { ImprovementEvent } from '../../api/models';
import { ErrorSummary, Field, Select } from '../../ui/components';
import { formErrors, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { send } from '../../api/query';

export function StatusForm({ event, onSaved }: { event: ImprovementEvent; onSaved: () => void }) {
  const [status, setStatus] = useState<EventStatus>(event.status);
  const [endDate, setEndDate] = useState(event.endDate ?? '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await send('patch', '/api/improvement-events/{id}', {
        params: { path: { id: event.id } },
        body: { version: event.version, status, endDate: endDate || null },
      });
      onSaved();
    } catch (error) {
      setErrors(formErrors(error, ['status', 'endDate']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form form-row form-row--end" onSubmit={submit} noValidate aria-label="Change the status">
      <ErrorSummary errors={{ byField: {}, general: errors.general }} />
      <Field label="Status" errors={errors.byField.status}>
        {(props) => (
          <Select {...props} value={status} onChange={(v) => setStatus(v as EventStatus)} options={EVENT_STATUSES} />
        )}
      </Field>
      <Field label="End date" errors={errors.byField.endDate}>
        {(props) => (
          <input
            {...props}
            className="input input--date"
            type="date"
            value={endDate}
            onChange={(ev) => setEndDate(ev.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}
