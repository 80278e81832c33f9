// The signed-in session: the token and the caller, kept in sessionStorage (one browser tab, gone
// when it closes). Listeners hear sign-in and sign-out so the app re-renders.
import type { Actor, LoginResult } from '../api/types';

const KEY = 'kaizen-ledger.session';

export interface Session {
  accessToken: string;
  user: Actor;
}

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Session;
    return parsed && typeof parsed.accessToken === 'string' && parsed.user ? parsed : null;
  } catch {
    return null;
  }
}

let current: Session | null = read();

export function getSession(): Session | null {
  return current;
}

export function startSession(result: LoginResult): void {
  current = { accessToken: result.accessToken, user: result.user };
  sessionStorage.setItem(KEY, JSON.stringify(current));
  listeners.forEach((listener) => listener(current));
}

/** `reason` is shown on the sign-in page (e.g. "Your session has expired"). */
export function endSession(reason?: string): void {
  current = null;
  sessionStorage.removeItem(KEY);
  if (reason) sessionStorage.setItem(`${KEY}.reason`, reason);
  listeners.forEach((listener) => listener(null));
}

export function takeSignOutReason(): string | null {
  const reason = sessionStorage.getItem(`${KEY}.reason`);
  sessionStorage.removeItem(`${KEY}.reason`);
  return reason;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
