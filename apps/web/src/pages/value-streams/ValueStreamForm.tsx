// The value stream form (new and edit).
import { useState } from 'react';
import type { ValueStream } from '../../api/models';
import { useApp } from '../../auth/context';
import { Card, ErrorSummary, Field, Select } from '../../ui/components';
import { useSubmit } from '../../ui/use-submit';
import { numOrNull } from './ValueStreamsList';
import { send } from '../../api/query';

export function ValueStreamForm({ stream, onSaved }: { stream?: ValueStream; onSaved: (saved: ValueStream) => void }) {
  const { actor, trusts } = useApp();
  const [trustId, setTrustId] = useState('');
  const [name, setName] = useState(stream?.name ?? '');
  const [description, setDescription] = useState(stream?.description ?? '');
  const [demandPerDay, setDemand] = useState(stream?.demandPerDay?.toString() ?? '');
  const [availableMinutesPerDay, setAvailable] = useState(stream?.availableMinutesPerDay?.toString() ?? '');
  const { errors, busy, done, handle } = useSubmit([
    'trustId',
    'name',
    'description',
    'demandPerDay',
    'availableMinutesPerDay',
    'version',
  ]);
  const e = errors.byField;

  const submit = handle(async () => {
    const body = {
      name,
      description: description || null,
      demandPerDay: numOrNull(demandPerDay),
      availableMinutesPerDay: numOrNull(availableMinutesPerDay),
    };
    const saved = stream
      ? await send('patch', '/api/value-streams/{id}', {
          params: { path: { id: stream.id } },
          body: { ...body, version: stream.version },
        })
      : await send('post', '/api/value-streams', {
          body: { ...body, trustId: actor.trustId === null ? trustId || undefined : undefined },
        });
    if (!stream) {
      setName('');
      setDescription('');
      setDemand('');
      setAvailable('');
    }
    onSaved(saved);
  });

  return (
    <Card title={stream ? 'Edit the value stream' : 'Add a value stream'}>
      <form
        className="form"
        onSubmit={submit}
        noValidate
        aria-label={stream ? 'Edit the value stream' : 'Add a value stream'}
      >
        {done && (
          <p className="notice notice--success" role="status">
            Saved.
          </p>
        )}
        <ErrorSummary errors={{ byField: {}, general: [...errors.general, ...(e.version ?? [])] }} />
        {!stream && actor.trustId === null && (
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
        <Field label="Name" hint="Up to 120 characters" errors={e.name}>
          {(props) => <input {...props} className="input" value={name} onChange={(ev) => setName(ev.target.value)} />}
        </Field>
        <Field label="Description (optional)" errors={e.description}>
          {(props) => (
            <textarea
              {...props}
              className="textarea"
              rows={2}
              value={description}
              onChange={(ev) => setDescription(ev.target.value)}
            />
          )}
        </Field>
        <div className="form-row">
          <Field label="Demand per day (optional)" hint="Patients or items a day, more than 0" errors={e.demandPerDay}>
            {(props) => (
              <input
                {...props}
                className="input input--number"
                inputMode="decimal"
                value={demandPerDay}
                onChange={(ev) => setDemand(ev.target.value)}
              />
            )}
          </Field>
          <Field
            label="Available minutes per day (optional)"
            hint="More than 0, at most 1,440"
            errors={e.availableMinutesPerDay}
          >
            {(props) => (
              <input
                {...props}
                className="input input--number"
                inputMode="decimal"
                value={availableMinutesPerDay}
                onChange={(ev) => setAvailable(ev.target.value)}
              />
            )}
          </Field>
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : stream ? 'Save changes' : 'Add the value stream'}
        </button>
      </form>
    </Card>
  );
}
