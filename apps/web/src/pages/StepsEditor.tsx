// Editing a value-stream map's steps in order: name, wait before, cycle time, classification, %C&A, staff.
import { STEP_CLASSIFICATIONS, type StepClassification } from '@app/domain';
import type { MapStep } from '../api/models';
import { Field, Select } from '../ui/components';

export interface StepDraft {
  id?: string;
  name: string;
  waitTimeMinutes: string;
  cycleTimeMinutes: string;
  classification: StepClassification;
  percentCompleteAccurate: string;
  staff: string;
}

export const emptyStep = (): StepDraft => ({
  name: '',
  waitTimeMinutes: '0',
  cycleTimeMinutes: '',
  classification: 'value_added',
  percentCompleteAccurate: '100',
  staff: '',
});

export const stepDraftOf = (step: MapStep): StepDraft => ({
  id: step.id,
  name: step.name,
  waitTimeMinutes: String(step.waitTimeMinutes),
  cycleTimeMinutes: String(step.cycleTimeMinutes),
  classification: step.classification,
  percentCompleteAccurate: String(step.percentCompleteAccurate),
  staff: step.staff === null || step.staff === undefined ? '' : String(step.staff),
});

const num = (v: string): number | string | undefined =>
  v.trim() === '' ? undefined : Number.isFinite(Number(v)) ? Number(v) : v;

/** The steps as the API takes them (numbers as numbers; anything else left for the API to name). */
export function stepsBody(steps: StepDraft[], keepIds: boolean) {
  return steps.map((s) => ({
    ...(keepIds && s.id ? { id: s.id } : {}),
    name: s.name,
    waitTimeMinutes: num(s.waitTimeMinutes),
    cycleTimeMinutes: num(s.cycleTimeMinutes),
    classification: s.classification,
    percentCompleteAccurate: num(s.percentCompleteAccurate),
    staff: s.staff.trim() === '' ? null : num(s.staff),
  }));
}

export const STEP_FIELDS = Array.from({ length: 200 }, (_, i) =>
  ['name', 'waitTimeMinutes', 'cycleTimeMinutes', 'classification', 'percentCompleteAccurate', 'staff'].map(
    (f) => `steps.${i}.${f}`,
  ),
).flat();

export const CLASSIFICATION_LABELS: Record<StepClassification, string> = {
  value_added: 'Value added',
  necessary_non_value_added: 'Necessary, non-value added',
  waste: 'Waste',
};

export function StepsEditor({
  steps,
  onChange,
  errors,
}: {
  steps: StepDraft[];
  onChange: (steps: StepDraft[]) => void;
  errors: Record<string, string[]>;
}) {
  const set = (i: number, patch: Partial<StepDraft>) =>
    onChange(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const move = (i: number, by: number) => {
    const next = [...steps];
    const [step] = next.splice(i, 1);
    next.splice(i + by, 0, step);
    onChange(next);
  };
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend">Steps, in order (1 to 200)</legend>
      <p className="hint">The wait is the delay before the step starts; the cycle time is the work itself.</p>
      <ol className="steps-editor">
        {steps.map((s, i) => (
          <li key={s.id ?? `new-${i}`} className="steps-editor__step">
            <div className="form-row">
              <Field label={`Step ${i + 1} name`} errors={errors[`steps.${i}.name`]}>
                {(props) => (
                  <input
                    {...props}
                    className="input"
                    value={s.name}
                    onChange={(e) => set(i, { name: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Wait before (min)" errors={errors[`steps.${i}.waitTimeMinutes`]}>
                {(props) => (
                  <input
                    {...props}
                    className="input input--number"
                    inputMode="decimal"
                    value={s.waitTimeMinutes}
                    onChange={(e) => set(i, { waitTimeMinutes: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Cycle time (min)" errors={errors[`steps.${i}.cycleTimeMinutes`]}>
                {(props) => (
                  <input
                    {...props}
                    className="input input--number"
                    inputMode="decimal"
                    value={s.cycleTimeMinutes}
                    onChange={(e) => set(i, { cycleTimeMinutes: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Classification" errors={errors[`steps.${i}.classification`]}>
                {(props) => (
                  <Select
                    {...props}
                    value={s.classification}
                    onChange={(v) => set(i, { classification: v as StepClassification })}
                    options={STEP_CLASSIFICATIONS.map((c) => ({ value: c, label: CLASSIFICATION_LABELS[c] }))}
                  />
                )}
              </Field>
              <Field label="%C&A" errors={errors[`steps.${i}.percentCompleteAccurate`]}>
                {(props) => (
                  <input
                    {...props}
                    className="input input--short"
                    inputMode="decimal"
                    value={s.percentCompleteAccurate}
                    onChange={(e) => set(i, { percentCompleteAccurate: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Staff" errors={errors[`steps.${i}.staff`]}>
                {(props) => (
                  <input
                    {...props}
                    className="input input--short"
                    inputMode="numeric"
                    value={s.staff}
                    onChange={(e) => set(i, { staff: e.target.value })}
                  />
                )}
              </Field>
            </div>
            <div className="steps-editor__actions">
              <button type="button" className="link-button" disabled={i === 0} onClick={() => move(i, -1)}>
                Move up<span className="visually-hidden"> step {i + 1}</span>
              </button>
              <button
                type="button"
                className="link-button"
                disabled={i === steps.length - 1}
                onClick={() => move(i, 1)}
              >
                Move down<span className="visually-hidden"> step {i + 1}</span>
              </button>
              <button
                type="button"
                className="link-button"
                disabled={steps.length === 1}
                onClick={() => onChange(steps.filter((_, j) => j !== i))}
              >
                Remove<span className="visually-hidden"> step {i + 1}</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      {steps.length < 200 && (
        <button type="button" className="button button--secondary" onClick={() => onChange([...steps, emptyStep()])}>
          Add a step
        </button>
      )}
    </fieldset>
  );
}
