// Sign in with email and password; the API's token is kept for this browser tab only.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { LoginResult } from '../api/types';
import { startSession, takeSignOutReason } from '../auth/session';
import { ErrorSummary, Field } from '../ui/components';
import { formErrors, NO_ERRORS, type FormErrors } from '../ui/form-errors';

export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [reason] = useState(takeSignOutReason);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Sign in – Kaizen Ledger';
    heading.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const result = await api<LoginResult>('/api/auth/login', { method: 'POST', body: { email, password } });
      startSession(result);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setErrors({ byField: {}, general: ['The email address or password is not right.'] });
      } else if (error instanceof ApiError && error.status === 429) {
        setErrors({ byField: {}, general: ['Too many sign-in attempts. Wait a minute and try again.'] });
      } else {
        setErrors(formErrors(error, ['email', 'password']));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signin">
      <header className="header">
        <div className="header__inner container">
          <span className="header__brand">
            <span className="header__logo" aria-hidden="true">
              KL
            </span>
            <span className="header__service">Kaizen Ledger</span>
          </span>
        </div>
      </header>
      <main id="main" className="main container">
        <div className="signin__panel card">
          <h1 className="page-title" tabIndex={-1} ref={heading}>
            Sign in
          </h1>
          <p className="page-lead">The improvement platform of the NHS–Virginia Mason partnership.</p>
          {reason && (
            <div className="notice notice--info" role="status">
              {reason}
            </div>
          )}
          <ErrorSummary errors={errors} title="You could not be signed in" />
          <form onSubmit={submit} noValidate aria-label="Sign in">
            <Field label="Email address" errors={errors.byField.email}>
              {(props) => (
                <input
                  {...props}
                  className="input"
                  type="email"
                  name="email"
                  autoComplete="username"
                  spellCheck={false}
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                  required
                />
              )}
            </Field>
            <Field label="Password" errors={errors.byField.password}>
              {(props) => (
                <input
                  {...props}
                  className="input"
                  type="password"
                  name="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  required
                />
              )}
            </Field>
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        </div>
      </main>
    </div>
  );
}
