// Sign in with single sign-on (the organisation's account) and/or email and password, as the API's
// sign-in options say. Either way the API sets an httpOnly session cookie; the page stays at the
// address the person was on, so after signing in they are back where they were.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SignInOptions } from '../api/models';
import { announceSignIn, startSession, takeSignOutReason } from '../auth/session';
import { ErrorSummary, Field } from '../ui/components';
import { formErrors, NO_ERRORS, type FormErrors } from '../ui/form-errors';
import { ApiError, client } from '../api/client';
import { send } from '../api/query';

export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [reason] = useState(takeSignOutReason);
  const heading = useRef<HTMLHeadingElement>(null);
  const [options, setOptions] = useState<SignInOptions | null>(null);

  useEffect(() => {
    client.GET('/api/auth/sign-in-options').then(
      ({ data }) => setOptions(data ?? { passwordLogin: true, sso: false }),
      () => setOptions({ passwordLogin: true, sso: false }),
    );
  }, []);
  const returnTo = window.location.pathname + window.location.search;
  const ssoHref = `/api/auth/oidc/login?${new URLSearchParams({ returnTo })}`;

  useEffect(() => {
    document.title = 'Sign in – Kaizen Ledger';
    heading.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const result = await send('post', '/api/auth/login', { body: { email, password } });
      startSession(result.user);
      announceSignIn();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setErrors({ byField: {}, general: ['The email address or password is not right.'] });
      } else if (error instanceof ApiError && error.status === 429) {
        setErrors({ byField: {}, general: [throttledMessage(error.messages.join(' '))] });
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
          {options?.sso && (
            <p>
              <a className="button" href={ssoHref} data-testid="sso-sign-in">
                Sign in with your organisation’s account
              </a>
            </p>
          )}
          {options?.sso && options.passwordLogin && <p className="hint">Or sign in with your email and password:</p>}
          {options && !options.passwordLogin && !options.sso && (
            <p className="notice notice--error" role="alert">
              No way to sign in is set up here. Ask a Kaizen Ledger administrator.
            </p>
          )}
          {options?.passwordLogin && (
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
          )}
        </div>
      </main>
    </div>
  );
}

/** The API says how long the sign-in stays blocked ("… try again in 840 seconds"): up to 15 minutes. */
function throttledMessage(apiMessage: string): string {
  const seconds = Number(/in (\d+) seconds/.exec(apiMessage)?.[1]);
  if (!Number.isFinite(seconds) || seconds <= 0) return 'Too many failed sign-in attempts. Try again later.';
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-in attempts. Try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`;
}
