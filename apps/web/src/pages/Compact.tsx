// The Compact: the partnership's commitments, and each party's monthly check-in on the ones that bind
// it (trusts: their own and everyone's; the regulator: its own and everyone's). Admins keep the list.
import {
  CHECK_IN_STATUSES,
  COMPACT_CATEGORIES,
  COMPACT_PARTIES,
  type CheckInStatus,
  type CompactCategory,
  type CompactParty,
} from '@app/domain';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { CompactCheckIn, CompactCommitment, Page } from '../api/types';
import { useApi } from '../api/use-api';
import { useApp } from '../auth/context';
import { Card, ErrorState, ErrorSummary, Field, Loading, PageHeader, Select, Tag } from '../ui/components';
import { fmtMonth, humanise } from '../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../ui/form-errors';
import { usePageTitle } from '../ui/page-title';

interface CompactView {
  month: string;
  commitments: CompactCommitment[];
  checkIns: CompactCheckIn[];
}

const STATUS_LABELS: Record<CheckInStatus, string> = { met: 'Met', partly_met: 'Partly met', not_met: 'Not met' };

function sideOf(role: string): 'trust' | 'regulator' | null {
  if (role === 'trust_ceo' || role === 'kpo_lead') return 'trust';
  if (role === 'regulator') return 'regulator';
  return null;
}

export function CompactPage() {
  usePageTitle('The Compact');
  const { actor, trustName, trustCode } = useApp();
  const compact = useApi<CompactView>('/api/compact');
  const [month, setMonth] = useState('');
  const shownMonth = month || compact.data?.month || '';
  const side = sideOf(actor.role);
  // Other months' check-ins come from the list; the current month's are in the Compact read.
  const checkIns = useApi<Page<CompactCheckIn>>(
    compact.data && shownMonth && (shownMonth !== compact.data.month || actor.role === 'admin')
      ? '/api/compact/check-ins'
      : null,
    { month: shownMonth, trustId: actor.trustId ?? undefined, limit: 200 },
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

function CheckInRow({
  commitment,
  month,
  existing,
  onSaved,
}: {
  commitment: CompactCommitment;
  month: string;
  existing: CompactCheckIn | undefined;
  onSaved: () => void;
}) {
  const [status, setStatus] = useState<CheckInStatus | ''>(existing?.status ?? '');
  const [note, setNote] = useState(existing?.note ?? '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    setSaved(false);
    try {
      await api('/api/compact/check-ins', {
        method: 'PUT',
        body: { commitmentId: commitment.id, month, status: status || undefined, note: note || null },
      });
      setSaved(true);
      onSaved();
    } catch (error) {
      setErrors(formErrors(error, ['status', 'note', 'month', 'commitmentId', 'trustId']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="commitments__item">
      <p className="commitments__text">
        {commitment.text}{' '}
        <span className="muted">
          ({humanise(commitment.category)}, {commitment.party === 'all' ? 'everyone' : humanise(commitment.party)})
        </span>
      </p>
      <form className="form-row form-row--end" onSubmit={submit} noValidate aria-label={`Check in: ${commitment.text}`}>
        <ErrorSummary
          errors={{
            byField: {},
            general: [...errors.general, ...(errors.byField.month ?? []), ...(errors.byField.commitmentId ?? [])],
          }}
        />
        <Field label="This month we have" errors={errors.byField.status}>
          {(props) => (
            <Select
              {...props}
              value={status}
              onChange={(v) => setStatus(v as CheckInStatus)}
              empty="Choose"
              options={CHECK_IN_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
            />
          )}
        </Field>
        <Field label="Note (optional)" errors={errors.byField.note} className="field--grow">
          {(props) => <input {...props} className="input" value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <button type="submit" className="button button--secondary" disabled={busy || !status}>
          {busy ? 'Saving…' : existing ? 'Update' : 'Check in'}
        </button>
        {saved && (
          <span className="saved" role="status">
            Saved
          </span>
        )}
      </form>
    </li>
  );
}

function ToggleActive({ commitment, onSaved }: { commitment: CompactCommitment; onSaved: () => void }) {
  const [error, setError] = useState<FormErrors>(NO_ERRORS);
  async function toggle() {
    try {
      await api(`/api/compact/commitments/${commitment.id}`, {
        method: 'PATCH',
        body: { version: commitment.version, active: !commitment.active },
      });
      onSaved();
    } catch (e) {
      setError(formErrors(e, []));
    }
  }
  return (
    <>
      <button type="button" className="link-button" onClick={toggle}>
        {commitment.active ? 'Retire' : 'Reactivate'}
        <span className="visually-hidden"> this commitment</span>
      </button>
      <ErrorSummary errors={error} />
    </>
  );
}

function NewCommitment({ onSaved }: { onSaved: () => void }) {
  const [party, setParty] = useState<CompactParty>('all');
  const [category, setCategory] = useState<CompactCategory>('behaviour');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api('/api/compact/commitments', { method: 'POST', body: { party, category, text } });
      setText('');
      onSaved();
    } catch (error) {
      setErrors(formErrors(error, ['party', 'category', 'text']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title="Add a commitment">
      <form className="form" onSubmit={submit} noValidate aria-label="Add a commitment">
        <ErrorSummary errors={{ byField: {}, general: errors.general }} />
        <div className="form-row">
          <Field label="Party" errors={errors.byField.party}>
            {(props) => (
              <Select
                {...props}
                value={party}
                onChange={(v) => setParty(v as CompactParty)}
                options={COMPACT_PARTIES}
              />
            )}
          </Field>
          <Field label="Category" errors={errors.byField.category}>
            {(props) => (
              <Select
                {...props}
                value={category}
                onChange={(v) => setCategory(v as CompactCategory)}
                options={COMPACT_CATEGORIES}
              />
            )}
          </Field>
        </div>
        <Field label="Commitment" hint="Up to 1,000 characters" errors={errors.byField.text}>
          {(props) => (
            <textarea {...props} className="textarea" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="button" disabled={busy}>
          Add the commitment
        </button>
      </form>
    </Card>
  );
}
