// Small building blocks shared by every screen: fields with labels and errors, loading and error
// states, cards, tags and the pager.
import { useId, type ReactNode } from 'react';
import type { FormErrors } from './form-errors';
import { humanise } from './format';
import { ApiError } from '../api/client';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function NotAvailable({ what }: { what: string }) {
  return (
    <div className="notice notice--info" role="status" data-testid="not-available">
      <h2 className="notice__title">{what} is not available yet</h2>
      <p>This part of Kaizen Ledger has not been switched on for this service. Please try again later.</p>
    </div>
  );
}

/** The error state of a screen or panel: says what went wrong in plain words, with a retry. */
export function ErrorState({ error, what, retry }: { error: ApiError | undefined; what: string; retry?: () => void }) {
  if (!error) return null;
  if (error.routeMissing) return <NotAvailable what={what} />;
  let title = `Sorry, ${what.toLowerCase()} could not be loaded`;
  if (error.status === 403) title = `You do not have access to ${what.toLowerCase()}`;
  if (error.status === 404) title = `${what} was not found`;
  return (
    <div className="notice notice--error" role="alert">
      <h2 className="notice__title">{title}</h2>
      {error.messages.length > 0 && error.status !== 404 && (
        <ul className="notice__list">
          {error.messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {retry && error.status !== 403 && error.status !== 404 && (
        <button type="button" className="button button--secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Messages the form could not place beside a field. */
export function ErrorSummary({ errors, title = 'There is a problem' }: { errors: FormErrors; title?: string }) {
  const fieldMessages = Object.values(errors.byField).flat();
  if (errors.general.length === 0 && fieldMessages.length === 0) return null;
  return (
    <div className="notice notice--error" role="alert" tabIndex={-1}>
      <h2 className="notice__title">{title}</h2>
      <ul className="notice__list">
        {[...errors.general, ...fieldMessages].map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  label: string;
  hint?: string;
  errors?: string[];
  className?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}

/** A label, an optional hint, the field's error messages from the API, then the control. */
export function Field({ label, hint, errors, className, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors?.length ? ' field--error' : ''}${className ? ` ${className}` : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {errorId && (
        <p className="field__error" id={errorId} data-testid="field-error">
          {errors!.map((m) => (
            <span key={m}>
              <span className="visually-hidden">Error: </span>
              {m}
            </span>
          ))}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': errorId ? true : undefined })}
    </div>
  );
}

export function Select({
  value,
  onChange,
  options,
  empty,
  ...rest
}: {
  value: string;
  onChange: (value: string) => void;
  options: readonly (string | { value: string; label: string })[];
  empty?: string;
  id?: string;
  name?: string;
  disabled?: boolean;
  required?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}) {
  return (
    <select className="select" value={value} onChange={(e) => onChange(e.target.value)} {...rest}>
      {empty !== undefined && <option value="">{empty}</option>}
      {options.map((option) => {
        const o = typeof option === 'string' ? { value: option, label: humanise(option) } : option;
        return (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        );
      })}
    </select>
  );
}

export function Card({
  title,
  children,
  className,
  actions,
  testId,
}: {
  title?: ReactNode;
  children: ReactNode;
  className?: string;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <section className={`card${className ? ` ${className}` : ''}`} data-testid={testId}>
      {(title || actions) && (
        <div className="card__head">
          {title && <h2 className="card__title">{title}</h2>}
          {actions && <div className="card__actions">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}

export function PageHeader({ title, lead, actions }: { title: string; lead?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1 className="page-title">{title}</h1>
        {lead && <p className="page-lead">{lead}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

const TAG_COLOURS: Record<string, string> = {
  identified: 'grey',
  countermeasure_planned: 'yellow',
  in_progress: 'blue',
  eliminated: 'green',
  accepted: 'grey',
  planned: 'grey',
  follow_up: 'yellow',
  sustained: 'green',
  closed: 'green',
  abandoned: 'red',
  met: 'green',
  partly_met: 'yellow',
  not_met: 'red',
  high: 'red',
  medium: 'yellow',
  low: 'blue',
  none: 'grey',
  current: 'blue',
  future: 'purple',
};

export function Tag({ value, label }: { value: string; label?: string }) {
  return <strong className={`tag tag--${TAG_COLOURS[value] ?? 'grey'}`}>{label ?? humanise(value)}</strong>;
}

export function Stat({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="stat" data-testid={testId}>
      <p className="stat__label">{label}</p>
      <p className="stat__value">{value}</p>
      {detail && <p className="stat__detail">{detail}</p>}
    </div>
  );
}

/** Keyset pages: a stack of the cursors that led here, so "Previous" works too. */
export function Pager({
  page,
  hasNext,
  onPrevious,
  onNext,
}: {
  page: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="button button--secondary" disabled={page <= 1} onClick={onPrevious}>
        ← Previous
      </button>
      <span className="pager__page" aria-live="polite">
        Page {page}
      </span>
      <button type="button" className="button button--secondary" disabled={!hasNext} onClick={onNext}>
        Next →
      </button>
    </nav>
  );
}

export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  const clamped = value === null ? 0 : Math.max(0, Math.min(1, value));
  return (
    <div
      className="progress"
      role="img"
      aria-label={`${label}: ${value === null ? 'no follow-up yet' : `${Math.round(value * 100)}%`}`}
    >
      <div
        className={`progress__bar${value !== null && value >= 1 ? ' progress__bar--done' : ''}`}
        style={{ width: `${clamped * 100}%` }}
      />
    </div>
  );
}
