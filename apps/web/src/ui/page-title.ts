import { useEffect } from 'react';

/** Sets the browser tab's title, so screen reader users hear where they are after navigating. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Kaizen Ledger`;
  }, [title]);
}
