// The signed-in session. The credential is an httpOnly cookie the API sets (no script can read it), so
// the app keeps only who is signed in, learnt from GET /api/auth/me when it starts: a reload or a new
// tab finds the same session. Tabs tell each other when someone signs out. Before a session ends
// (sign-out, or an API call answering 401) open forms save their drafts (see drafts.ts).
import type { Actor } from '../api/models';

export interface Session {
  user: Actor;
}

/** `checking` while the app asks the API who is signed in. */
export type SessionState = Session | null | 'checking';

type Listener = (session: SessionState) => void;
const listeners = new Set<Listener>();
const beforeEnd = new Set<() => void>();
const REASON_KEY = 'kaizen-ledger.session.reason';
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('kaizen-ledger.session') : null;

let current: SessionState = 'checking';

function publish(): void {
  listeners.forEach((listener) => listener(current));
}

export function getSession(): SessionState {
  return current;
}

export function startSession(user: Actor): void {
  current = { user };
  publish();
}

/** Ends the session in this tab. `reason` is shown on the sign-in page (e.g. "Your session has ended"). */
export function endSession(reason?: string, options: { broadcast?: boolean; saveDrafts?: boolean } = {}): void {
  if (current && current !== 'checking' && options.saveDrafts !== false) beforeEnd.forEach((save) => save());
  current = null;
  if (reason) sessionStorage.setItem(REASON_KEY, reason);
  if (options.broadcast) channel?.postMessage('signed-out');
  publish();
}

channel?.addEventListener('message', (event) => {
  if (event.data === 'signed-out' && current && current !== 'checking') endSession('You signed out in another tab.');
  if (event.data === 'signed-in' && !current) void checkSession();
});

/** Tells other open tabs that this one signed in, so a tab showing the sign-in page follows. */
export function announceSignIn(): void {
  channel?.postMessage('signed-in');
}

export function takeSignOutReason(): string | null {
  const reason = sessionStorage.getItem(REASON_KEY);
  sessionStorage.removeItem(REASON_KEY);
  return reason;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Registers a function to run just before the session ends (forms save their drafts). */
export function onSessionEnding(save: () => void): () => void {
  beforeEnd.add(save);
  return () => beforeEnd.delete(save);
}

/** Asks the API who the cookie belongs to; no cookie, or an ended session, means signed out. */
export async function checkSession(): Promise<void> {
  try {
    const response = await fetch('/api/auth/me', {
      headers: { Accept: 'application/json', 'X-Requested-With': 'kaizen-ledger' },
    });
    current = response.ok ? { user: (await response.json()) as Actor } : null;
  } catch {
    current = null;
  }
  publish();
}
