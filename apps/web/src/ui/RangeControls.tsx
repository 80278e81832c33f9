// The dashboards' period controls (from, to, granularity), kept in the address so a view can be shared.
import { GRANULARITIES, type Granularity } from '@app/domain';
import { useSearchParams } from 'react-router';
import { Field, Select } from './components';
import { addDays, fmtAge, todayIso } from './format';
import type { Freshness } from '../api/models';
import { useNow } from '../api/query';

// A type alias (not an interface) so a Range can be passed as a query object.
export type Range = {
  from: string;
  to: string;
  granularity: Granularity;
};

const DEFAULT_WEEKS = 26;

export function useRange(): [Range, (next: Partial<Range>) => void] {
  const [params, setParams] = useSearchParams();
  const to = params.get('to') || todayIso();
  const from = params.get('from') || addDays(to, -7 * DEFAULT_WEEKS + 1);
  const g = params.get('granularity');
  const granularity = (GRANULARITIES as readonly string[]).includes(g ?? '') ? (g as Granularity) : 'week';
  const update = (next: Partial<Range>) => {
    const merged = { from, to, granularity, ...next };
    setParams({ from: merged.from, to: merged.to, granularity: merged.granularity }, { replace: true });
  };
  return [{ from, to, granularity }, update];
}

export function RangeControls({ range, onChange }: { range: Range; onChange: (next: Partial<Range>) => void }) {
  return (
    <form className="range" aria-label="Period shown" onSubmit={(e) => e.preventDefault()}>
      <Field label="From">
        {(props) => (
          <input
            {...props}
            className="input input--date"
            type="date"
            value={range.from}
            max={range.to}
            onChange={(e) => e.target.value && onChange({ from: e.target.value })}
          />
        )}
      </Field>
      <Field label="To">
        {(props) => (
          <input
            {...props}
            className="input input--date"
            type="date"
            value={range.to}
            min={range.from}
            onChange={(e) => e.target.value && onChange({ to: e.target.value })}
          />
        )}
      </Field>
      <Field label="Show by">
        {(props) => (
          <Select
            {...props}
            value={range.granularity}
            onChange={(value) => onChange({ granularity: value as Granularity })}
            options={GRANULARITIES.map((g) => ({
              value: g,
              label: g === 'day' ? 'Day' : g === 'week' ? 'Week' : 'Month',
            }))}
          />
        )}
      </Field>
    </form>
  );
}

/** "updated 3 s ago · 2 changes still to include", ticking every second. */
export function FreshnessNote({ freshness, loading }: { freshness: Freshness | undefined; loading: boolean }) {
  const now = useNow(1000);
  if (!freshness) return null;
  return (
    <p className="freshness" data-testid="freshness">
      <span
        className={`freshness__dot${freshness.pendingChanges > 0 ? ' freshness__dot--pending' : ''}`}
        aria-hidden="true"
      />
      <span>Figures {fmtAge(freshness.asOf, now)}</span>
      {freshness.pendingChanges > 0 && (
        <span>
          {' '}
          · {freshness.pendingChanges} recent {freshness.pendingChanges === 1 ? 'change' : 'changes'} still to be
          included
        </span>
      )}
      {loading && <span className="visually-hidden"> (refreshing)</span>}
    </p>
  );
}
