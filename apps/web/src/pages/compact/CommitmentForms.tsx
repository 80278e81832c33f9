// Switching a commitment on or off, and adding one.
import { COMPACT_CATEGORIES, COMPACT_PARTIES, type CompactCategory, type CompactParty } from '@app/domain';
import { useState, type FormEvent } from 'react';
import type { CompactCommitment } from '../../api/models';
import { Card, ErrorSummary, Field, Select } from '../../ui/components';
import { formErrors, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { send } from '../../api/query';

export function ToggleActive({ commitment, onSaved }: { commitment: CompactCommitment; onSaved: () => void }) {
  const [error, setError] = useState<FormErrors>(NO_ERRORS);
  async function toggle() {
    try {
      await send('patch', '/api/compact/commitments/{id}', {
        params: { path: { id: commitment.id } },
        body: { version: commitment.version, active: !commitment.active },
      });
      onSaved();
    } catch (e) {
      setError(formErrors(e, []));
    }
  }
  return (
    <>
      <button type="button" className="link-button" onClick={toggle}>
        {commitment.active ? 'Retire' : 'Reactivate'}
        <span className="visually-hidden"> this commitment</span>
      </button>
      <ErrorSummary errors={error} />
    </>
  );
}

export function NewCommitment({ onSaved }: { onSaved: () => void }) {
  const [party, setParty] = useState<CompactParty>('all');
  const [category, setCategory] = useState<CompactCategory>('behaviour');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await send('post', '/api/compact/commitments', { body: { party, category, text } });
      setText('');
      onSaved();
    } catch (error) {
      setErrors(formErrors(error, ['party', 'category', 'text']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title="Add a commitment">
      <form className="form" onSubmit={submit} noValidate aria-label="Add a commitment">
        <ErrorSummary errors={{ byField: {}, general: errors.general }} />
        <div className="form-row">
          <Field label="Party" errors={errors.byField.party}>
            {(props) => (
              <Select
                {...props}
                value={party}
                onChange={(v) => setParty(v as CompactParty)}
                options={COMPACT_PARTIES}
              />
            )}
          </Field>
          <Field label="Category" errors={errors.byField.category}>
            {(props) => (
              <Select
                {...props}
                value={category}
                onChange={(v) => setCategory(v as CompactCategory)}
                options={COMPACT_CATEGORIES}
              />
            )}
          </Field>
        </div>
        <Field label="Commitment" hint="Up to 1,000 characters" errors={errors.byField.text}>
          {(props) => (
            <textarea {...props} className="textarea" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="button" disabled={busy}>
          Add the commitment
        </button>
      </form>
    </Card>
  );
}
