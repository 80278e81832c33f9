// The Compact: commitments of both parties and each month's check-ins.
import { type CheckInStatus } from '@app/domain';
import { useState } from 'react';
import type { CompactCommitment } from '../../api/models';
import { useApp } from '../../auth/context';
import { Card, ErrorState, Field, Loading, PageHeader, Tag } from '../../ui/components';
import { fmtMonth, humanise } from '../../ui/format';
import { usePageTitle } from '../../ui/page-title';
import { CheckInRow } from './CheckInRow';
import { NewCommitment, ToggleActive } from './CommitmentForms';
import { useGet } from '../../api/query';

export const STATUS_LABELS: Record<CheckInStatus, string> = {
  met: 'Met',
  partly_met: 'Partly met',
  not_met: 'Not met',
};

function sideOf(role: string): 'trust' | 'regulator' | null {
  if (role === 'trust_ceo' || role === 'kpo_lead') return 'trust';
  if (role === 'regulator') return 'regulator';
  return null;
}

export function CompactPage() {
  usePageTitle('The Compact');
  const { actor, trustName, trustCode } = useApp();
  const compact = useGet('/api/compact', {});
  const [month, setMonth] = useState('');
  const shownMonth = month || compact.data?.month || '';
  const side = sideOf(actor.role);
  // Other months' check-ins come from the list; the current month's are in the Compact read.
  const checkIns = useGet(
    '/api/compact/check-ins',
    compact.data && shownMonth && (shownMonth !== compact.data.month || actor.role === 'admin')
      ? { query: { month: shownMonth, trustId: actor.trustId ?? undefined, limit: 200 } }
      : null,
  );

  if (compact.error) return <ErrorState error={compact.error} what="The Compact" retry={compact.reload} />;
  if (!compact.data) return <Loading label="Loading the Compact…" />;
  const data = compact.data;
  const monthCheckIns =
    shownMonth === data.month && actor.role !== 'admin' ? data.checkIns : (checkIns.data?.items ?? []);
  const mine = (c: CompactCommitment) => side !== null && c.active && (c.party === 'all' || c.party === side);
  const binding = data.commitments.filter(mine);
  const reload = () => {
    compact.reload();
    checkIns.reload();
  };

  return (
    <>
      <PageHeader
        title="The Compact"
        lead="What the partners have agreed to do for each other. A commitment not met goes to the board for open discussion, not blame."
      />
      <div className="toolbar">
        <Field label="Month">
          {(props) => (
            <input
              {...props}
              className="input input--date"
              type="month"
              value={shownMonth}
              max={data.month}
              onChange={(e) => setMonth(e.target.value)}
            />
          )}
        </Field>
      </div>
      {side && (
        <Card
          title={`Your check-in for ${fmtMonth(shownMonth)}${side === 'trust' ? ` (${trustName(actor.trustId)})` : ' (the regulator)'}`}
          testId="compact-check-ins"
        >
          {checkIns.loading && <Loading />}
          {checkIns.error && <ErrorState error={checkIns.error} what="The check-ins" retry={checkIns.reload} />}
          {binding.length === 0 && <p className="empty">No active commitments bind you yet.</p>}
          <ol className="commitments">
            {binding.map((c) => (
              <CheckInRow
                key={`${c.id}-${shownMonth}`}
                commitment={c}
                month={shownMonth}
                existing={monthCheckIns.find((ci) => ci.commitmentId === c.id)}
                onSaved={reload}
              />
            ))}
          </ol>
        </Card>
      )}
      {actor.role === 'admin' && (
        <Card title={`Check-ins for ${fmtMonth(shownMonth)}`}>
          {checkIns.loading && <Loading />}
          {checkIns.data && checkIns.data.items.length === 0 && (
            <p className="empty">No check-ins for this month yet.</p>
          )}
          {checkIns.data && checkIns.data.items.length > 0 && (
            <div className="table-wrap">
              <table className="table table--compact">
                <thead>
                  <tr>
                    <th scope="col">Party</th>
                    <th scope="col">Commitment</th>
                    <th scope="col">Status</th>
                    <th scope="col">Note</th>
                  </tr>
                </thead>
                <tbody>
                  {checkIns.data.items.map((ci) => (
                    <tr key={ci.id ?? `${ci.commitmentId}-${ci.trustId}`}>
                      <td>{ci.trustId ? trustCode(ci.trustId) : 'Regulator'}</td>
                      <td>{data.commitments.find((c) => c.id === ci.commitmentId)?.text ?? '–'}</td>
                      <td>
                        <Tag value={ci.status} label={STATUS_LABELS[ci.status]} />
                      </td>
                      <td className="prewrap">{ci.note ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      )}
      <Card title="All commitments">
        <ul className="commitment-list">
          {data.commitments.map((c) => (
            <li key={c.id} className={c.active ? '' : 'inactive'}>
              <span className="commitment-list__meta">
                {humanise(c.party)} · {humanise(c.category)}
                {!c.active && ' · no longer active'}
              </span>
              {c.text}
              {actor.role === 'admin' && <ToggleActive commitment={c} onSaved={reload} />}
            </li>
          ))}
        </ul>
      </Card>
      {actor.role === 'admin' && <NewCommitment onSaved={reload} />}
    </>
  );
}
