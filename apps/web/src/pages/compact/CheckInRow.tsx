// One commitment's check-in row for the month.
import { CHECK_IN_STATUSES, type CheckInStatus } from '@app/domain';
import { useState, type FormEvent } from 'react';
import type { CompactCheckIn, CompactCommitment } from '../../api/models';
import { ErrorSummary, Field, Select } from '../../ui/components';
import { humanise } from '../../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { STATUS_LABELS } from './CompactPage';
import { send } from '../../api/query';

export function CheckInRow({
  commitment,
  month,
  existing,
  onSaved,
}: {
  commitment: CompactCommitment;
  month: string;
  existing: CompactCheckIn | undefined;
  onSaved: () => void;
}) {
  const [status, setStatus] = useState<CheckInStatus | ''>(existing?.status ?? '');
  const [note, setNote] = useState(existing?.note ?? '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    setSaved(false);
    try {
      await send('put', '/api/compact/check-ins', {
        body: { commitmentId: commitment.id, month, status: status || undefined, note: note || null },
      });
      setSaved(true);
      onSaved();
    } catch (error) {
      setErrors(formErrors(error, ['status', 'note', 'month', 'commitmentId', 'trustId']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="commitments__item">
      <p className="commitments__text">
        {commitment.text}{' '}
        <span className="muted">
          ({humanise(commitment.category)}, {commitment.party === 'all' ? 'everyone' : humanise(commitment.party)})
        </span>
      </p>
      <form className="form-row form-row--end" onSubmit={submit} noValidate aria-label={`Check in: ${commitment.text}`}>
        <ErrorSummary
          errors={{
            byField: {},
            general: [...errors.general, ...(errors.byField.month ?? []), ...(errors.byField.commitmentId ?? [])],
          }}
        />
        <Field label="This month we have" errors={errors.byField.status}>
          {(props) => (
            <Select
              {...props}
              value={status}
              onChange={(v) => setStatus(v as CheckInStatus)}
              empty="Choose"
              options={CHECK_IN_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
            />
          )}
        </Field>
        <Field label="Note (optional)" errors={errors.byField.note} className="field--grow">
          {(props) => <input {...props} className="input" value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <button type="submit" className="button button--secondary" disabled={busy || !status}>
          {busy ? 'Saving…' : existing ? 'Update' : 'Check in'}
        </button>
        {saved && (
          <span className="saved" role="status">
            Saved
          </span>
        )}
      </form>
    </li>
  );
}
