// One read's three states in one place: its error (with a retry), its loading line, then the content
// drawn from the data. Pages compose it instead of repeating the error/loading markup.
import type { ReactNode } from 'react';
import type { Loaded } from '../api/query';
import { ErrorState, Loading } from './components';

export function AsyncState<T>({
  read,
  what,
  loading,
  children,
}: {
  read: Loaded<T>;
  /** What failed, as the error says it ("The waste log"). */
  what: string;
  /** The loading line ("Loading the waste log…"). */
  loading?: string;
  children: (data: T) => ReactNode;
}) {
  if (read.error) return <ErrorState error={read.error} what={what} retry={read.reload} />;
  if (read.data === undefined) return read.loading ? <Loading label={loading} /> : null;
  return <>{children(read.data)}</>;
}
