// Keeps a half-typed form when the session ends under it. Just before the session ends, each open form
// saves its state in sessionStorage (this tab only), keyed by the page's address, the form and the
// person; after they sign in again the app shows the same address, the form finds its draft, takes it
// back and forgets it. Only the same person gets a draft back.
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { useApp } from './context';
import { onSessionEnding } from './session';

const PREFIX = 'kaizen-ledger.draft:';

function keyOf(userId: string, path: string, form: string): string {
  return `${PREFIX}${userId}:${path}:${form}`;
}

/**
 * `useState` for a form's values that survives the session ending. Answers the state, its setter, and
 * whether the values came back from a saved draft (to say so to the person).
 */
export function useFormDraft<T>(form: string, initial: () => T): [T, React.Dispatch<React.SetStateAction<T>>, boolean] {
  const { actor } = useApp();
  const location = useLocation();
  const key = keyOf(actor.id, location.pathname + location.search, form);
  const [restored] = useState<T | null>(() => {
    const raw = sessionStorage.getItem(key);
    if (!raw) return null;
    sessionStorage.removeItem(key);
    try {
      return JSON.parse(raw) as T;
    } catch {
      return null;
    }
  });
  const [value, setValue] = useState<T>(() => restored ?? initial());
  const latest = useRef(value);
  latest.current = value;

  useEffect(() => onSessionEnding(() => sessionStorage.setItem(key, JSON.stringify(latest.current))), [key]);
  return [value, setValue, restored !== null];
}

/** Forgets every draft (signing out on purpose: the next person on this computer must not see them). */
export function forgetDrafts(): void {
  for (let i = sessionStorage.length - 1; i >= 0; i--) {
    const name = sessionStorage.key(i);
    if (name?.startsWith(PREFIX)) sessionStorage.removeItem(name);
  }
}
