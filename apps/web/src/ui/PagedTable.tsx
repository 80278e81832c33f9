// A keyset-paged list as a table: the read's error and loading states (AsyncState), an empty line, one
// column definition per column, and the pager. `useCursorPages` keeps the stack of cursors that led to
// the current page, so "Previous" works too, and starts again at page 1 when the filters change.
import { useEffect, useState, type ReactNode } from 'react';
import type { Loaded } from '../api/query';
import { AsyncState } from './AsyncState';
import { Pager } from './components';

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Right-aligned figures. */
  numeric?: boolean;
  className?: string;
}

export interface CursorPages {
  cursor: string | undefined;
  page: number;
  previous: () => void;
  next: (cursor: string) => void;
}

export function useCursorPages(resetKey: string): CursorPages {
  const [cursors, setCursors] = useState<string[]>([]);
  useEffect(() => setCursors([]), [resetKey]);
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length + 1,
    previous: () => setCursors((c) => c.slice(0, -1)),
    next: (cursor) => setCursors((c) => [...c, cursor]),
  };
}

export function PagedTable<T extends { id: string }>({
  read,
  what,
  loading,
  empty,
  columns,
  pages,
  testId,
}: {
  read: Loaded<{ items: T[]; nextCursor: string | null }>;
  what: string;
  loading: string;
  empty: string;
  columns: (Column<T> | false)[];
  /** Without it the table shows one page (e.g. the first 200) and no pager. */
  pages?: CursorPages;
  testId?: string;
}) {
  const shown = columns.filter((c): c is Column<T> => c !== false);
  return (
    <AsyncState read={read} what={what} loading={loading}>
      {(data) => (
        <>
          {data.items.length === 0 ? (
            <p className="empty">{empty}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid={testId}>
                <thead>
                  <tr>
                    {shown.map((c, i) => (
                      <th key={i} scope="col" className={c.numeric ? 'num' : undefined}>
                        {c.header}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((row) => (
                    <tr key={row.id}>
                      {shown.map((c, i) => (
                        <td
                          key={i}
                          className={[c.numeric ? 'num' : '', c.className ?? ''].join(' ').trim() || undefined}
                        >
                          {c.cell(row)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages && (
            <Pager
              page={pages.page}
              hasNext={!!data.nextCursor}
              onPrevious={pages.previous}
              onNext={() => data.nextCursor && pages.next(data.nextCursor)}
            />
          )}
        </>
      )}
    </AsyncState>
  );
}
