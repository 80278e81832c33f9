import { ApiError } from '../api/client';
// Splits the API's validation messages (each starts with the field's name, SPEC §4) into messages per
// field, shown beside the inputs, and the rest, shown above the form.

export interface FormErrors {
  byField: Record<string, string[]>;
  general: string[];
}

export const NO_ERRORS: FormErrors = { byField: {}, general: [] };

/** The field a message names: "minutesLost must not be ..." → minutesLost; "steps.0.name ..." → steps.0.name. */
export function fieldOf(message: string): string {
  // "minutesLost must ...", "valueStreamId: no value stream ...", "steps[0].name ..."
  const match = /^([A-Za-z_][\w.[\]]*)/.exec(message);
  return match ? match[1].replace(/\[(\d+)\]/g, '.$1') : '';
}

/**
 * `fields` are the form's field names. A nested name ("metrics.0.target") matches the most specific
 * field the form has: "metrics.0.target", then "metrics.0", then "metrics".
 */
export function formErrors(error: unknown, fields: readonly string[]): FormErrors {
  if (!(error instanceof ApiError)) return { byField: {}, general: [String((error as Error)?.message ?? error)] };
  const known = new Set(fields);
  const result: FormErrors = { byField: {}, general: [] };
  const sayStatus: Record<number, string> = {
    403: 'You are not allowed to do this.',
    404: 'This record no longer exists, or belongs to another trust.',
    409: 'Someone else changed this record while you were editing it. Reload it and try again.',
  };
  if (error.status !== 400 && error.status !== 422 && sayStatus[error.status]) {
    result.general.push(
      sayStatus[error.status],
      ...error.messages.filter((m) => !/^(Forbidden|Conflict|Not Found)$/.test(m)),
    );
    return result;
  }
  for (const message of error.messages) {
    const name = fieldOf(message);
    const parts = name.split('.');
    let matched: string | undefined;
    for (let i = parts.length; i > 0 && !matched; i--) {
      const candidate = parts.slice(0, i).join('.');
      if (known.has(candidate)) matched = candidate;
    }
    if (matched) (result.byField[matched] ??= []).push(message);
    else result.general.push(message);
  }
  return result;
}
