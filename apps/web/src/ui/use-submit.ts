// A form's submit: no page reload, busy while the API answers, the API's messages placed beside the
// named fields (the rest in the summary), and `done` once the action has succeeded.
import { useState, type FormEvent } from 'react';
import { formErrors, NO_ERRORS, type FormErrors } from './form-errors';

export function useSubmit(fields: readonly string[]) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const handle = (action: () => Promise<void>) => async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    setDone(false);
    try {
      await action();
      setDone(true);
    } catch (error) {
      setErrors(formErrors(error, fields));
    } finally {
      setBusy(false);
    }
  };
  return { errors, busy, done, handle };
}
