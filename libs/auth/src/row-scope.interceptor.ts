// Runs every route handler in the database row scope of its caller (set on the request by AuthGuard),
// so each query of the request, pooled or in a transaction, sees only what the caller may see.
// Public routes run with no scope and ask for `asSystem` where they need rows (sign-in).
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { withRowScope } from '@app/database';
import { Observable } from 'rxjs';
import type { Actor } from './actor';
import { rowScopeOf } from './trust-scope';

@Injectable()
export class RowScopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const actor = context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
    const scope = rowScopeOf(actor);
    return new Observable((subscriber) => withRowScope(scope, () => next.handle().subscribe(subscriber)));
  }
}
