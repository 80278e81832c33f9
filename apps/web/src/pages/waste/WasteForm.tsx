// The waste record form (new and edit), showing the API's messages beside the fields.
import {
  PATIENT_IMPACTS,
  WASTE_STATUSES,
  WASTE_TYPES,
  type PatientImpact,
  type WasteStatus,
  type WasteType,
} from '@app/domain';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useEventsList, useValueStreams } from '../../api/lookups';
import type { WasteRecord } from '../../api/models';
import { useApp } from '../../auth/context';
import { useFormDraft } from '../../auth/drafts';
import { ErrorSummary, Field, Select } from '../../ui/components';
import { formErrors, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { WASTE_FIELDS, WasteDraft, draftOf, numberOrText } from './waste-draft';
import { send } from '../../api/query';

export function WasteForm({ record, onSaved }: { record?: WasteRecord; onSaved: (record: WasteRecord) => void }) {
  const { actor, trusts } = useApp();
  const [draft, setDraft, restored] = useFormDraft<WasteDraft>('waste-record', () => draftOf(record));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const trustId = record?.trustId ?? actor.trustId ?? (draft.trustId || null);
  const streams = useValueStreams(trustId, !!trustId);
  const events = useEventsList(trustId, !!trustId);
  const set = <K extends keyof WasteDraft>(key: K, value: WasteDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    const body: Record<string, unknown> = {
      observedOn: draft.observedOn || undefined,
      wasteType: draft.wasteType || undefined,
      description: draft.description,
      minutesLost: numberOrText(draft.minutesLost),
      occurrences: numberOrText(draft.occurrences),
      patientImpact: draft.patientImpact || undefined,
      status: draft.status,
      valueStreamId: draft.valueStreamId || null,
      improvementEventId: draft.improvementEventId || null,
    };
    if (draft.status === 'eliminated' && draft.eliminatedOn) body.eliminatedOn = draft.eliminatedOn;
    try {
      let saved: WasteRecord;
      if (record) {
        saved = await send('patch', '/api/waste-records/{id}', {
          params: { path: { id: record.id } },
          body: { ...body, version: record.version },
        });
      } else {
        if (actor.trustId === null) body.trustId = draft.trustId || undefined;
        saved = await send('post', '/api/waste-records', { body });
      }
      onSaved(saved);
    } catch (error) {
      setErrors(formErrors(error, WASTE_FIELDS));
      requestAnimationFrame(() => summary.current?.querySelector<HTMLElement>('[role=alert]')?.focus());
    } finally {
      setBusy(false);
    }
  }

  const e = errors.byField;
  const general: FormErrors = {
    byField: {},
    general: [...errors.general, ...(e.version ?? []), ...(e.mapStepId ?? [])],
  };
  const fieldCount = Object.keys(e).filter((k) => k !== 'version' && k !== 'mapStepId').length;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="form"
      aria-label={record ? 'Edit waste record' : 'Log waste'}
      data-testid="waste-form"
    >
      {restored && (
        <div className="notice notice--info" role="status" data-testid="draft-restored">
          Your session ended while you were typing. Here is what you had entered: check it and save.
        </div>
      )}
      <div ref={summary}>
        {fieldCount > 0 && (
          <div className="notice notice--error" role="alert" tabIndex={-1}>
            <h2 className="notice__title">
              There {fieldCount === 1 ? 'is a problem' : 'are problems'} with this record
            </h2>
            <p>Check the {fieldCount === 1 ? 'field' : 'fields'} marked below.</p>
          </div>
        )}
        <ErrorSummary errors={general} />
      </div>
      {!record && actor.trustId === null && (
        <Field label="Trust" errors={e.trustId}>
          {(props) => (
            <Select
              {...props}
              value={draft.trustId}
              onChange={(v) => set('trustId', v)}
              empty="Choose a trust"
              options={trusts.map((t) => ({ value: t.id, label: `${t.code} – ${t.name}` }))}
            />
          )}
        </Field>
      )}
      <div className="form-row">
        <Field label="Observed on" hint="Not in the future" errors={e.observedOn}>
          {(props) => (
            <input
              {...props}
              name="observedOn"
              className="input input--date"
              type="date"
              value={draft.observedOn}
              onChange={(ev) => set('observedOn', ev.target.value)}
            />
          )}
        </Field>
        <Field label="Type of waste" errors={e.wasteType}>
          {(props) => (
            <Select
              {...props}
              name="wasteType"
              value={draft.wasteType}
              onChange={(v) => set('wasteType', v as WasteType)}
              empty="Choose the waste"
              options={WASTE_TYPES}
            />
          )}
        </Field>
      </div>
      <Field label="What did you see?" hint="Up to 2,000 characters" errors={e.description}>
        {(props) => (
          <textarea
            {...props}
            name="description"
            className="textarea"
            rows={4}
            value={draft.description}
            onChange={(ev) => set('description', ev.target.value)}
          />
        )}
      </Field>
      <div className="form-row">
        <Field label="Minutes lost each time" hint="0 to 10,080 (one week)" errors={e.minutesLost}>
          {(props) => (
            <input
              {...props}
              name="minutesLost"
              className="input input--number"
              inputMode="decimal"
              value={draft.minutesLost}
              onChange={(ev) => set('minutesLost', ev.target.value)}
            />
          )}
        </Field>
        <Field label="Occurrences" hint="How many times, 1 to 100,000" errors={e.occurrences}>
          {(props) => (
            <input
              {...props}
              name="occurrences"
              className="input input--number"
              inputMode="numeric"
              value={draft.occurrences}
              onChange={(ev) => set('occurrences', ev.target.value)}
            />
          )}
        </Field>
        <Field label="Impact on patients" errors={e.patientImpact}>
          {(props) => (
            <Select
              {...props}
              name="patientImpact"
              value={draft.patientImpact}
              onChange={(v) => set('patientImpact', v as PatientImpact)}
              empty="Choose"
              options={PATIENT_IMPACTS}
            />
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field label="Status" errors={e.status}>
          {(props) => (
            <Select
              {...props}
              name="status"
              value={draft.status}
              onChange={(v) => set('status', v as WasteStatus)}
              options={WASTE_STATUSES}
            />
          )}
        </Field>
        {draft.status === 'eliminated' && (
          <Field label="Eliminated on" hint="Leave empty for today" errors={e.eliminatedOn}>
            {(props) => (
              <input
                {...props}
                name="eliminatedOn"
                className="input input--date"
                type="date"
                value={draft.eliminatedOn}
                onChange={(ev) => set('eliminatedOn', ev.target.value)}
              />
            )}
          </Field>
        )}
      </div>
      <div className="form-row">
        <Field label="Value stream (optional)" errors={e.valueStreamId}>
          {(props) => (
            <Select
              {...props}
              name="valueStreamId"
              value={draft.valueStreamId}
              onChange={(v) => set('valueStreamId', v)}
              empty={streams.loading ? 'Loading…' : 'None'}
              options={(streams.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          )}
        </Field>
        <Field label="Improvement event (optional)" errors={e.improvementEventId}>
          {(props) => (
            <Select
              {...props}
              name="improvementEventId"
              value={draft.improvementEventId}
              onChange={(v) => set('improvementEventId', v)}
              empty={events.loading ? 'Loading…' : 'None'}
              options={(events.data?.items ?? []).map((ev) => ({ value: ev.id, label: ev.title }))}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : record ? 'Save changes' : 'Log waste'}
        </button>
        <Link to="/waste" className="link-button">
          Cancel
        </Link>
      </div>
    </form>
  );
}
