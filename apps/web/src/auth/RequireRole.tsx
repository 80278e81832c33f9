// Wraps a screen that only some roles may use; others get a plain "no access" page, not a broken screen.
import type { Role } from '@app/domain';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useApp } from './context';
import { homePath } from './roles';

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { actor } = useApp();
  if (roles.includes(actor.role)) return <>{children}</>;
  return (
    <div className="notice notice--error" role="alert" data-testid="no-access">
      <h1 className="notice__title">You do not have access to this page</h1>
      <p>Your role does not include this part of Kaizen Ledger.</p>
      <p>
        <Link to={homePath(actor.role)}>Go to your start page</Link>
      </p>
    </div>
  );
}
