// Board meetings: the list and the form to plan one.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { BoardMeeting } from '../../api/models';
import { useApp } from '../../auth/context';
import { Card, ErrorState, ErrorSummary, Field, Loading, PageHeader, Tag } from '../../ui/components';
import { currentMonth, fmtDate, fmtMonth } from '../../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/page-title';
import { send, useGet } from '../../api/query';

export function BoardPage() {
  usePageTitle('Board');
  const { actor } = useApp();
  const meetings = useGet('/api/board-meetings', { query: { limit: 200 } });
  const items = [...(meetings.data?.items ?? [])].sort((a, b) => b.month.localeCompare(a.month));
  return (
    <>
      <PageHeader
        title="Transformation Guiding Board"
        lead="The monthly board of the five trust CEOs and the regulator. Its meetings are a protected space."
      />
      <Card title="Meetings" testId="board-meetings">
        {meetings.error && <ErrorState error={meetings.error} what="The board" retry={meetings.reload} />}
        {meetings.loading && !meetings.data && <Loading />}
        {meetings.data && items.length === 0 && <p className="empty">No board meetings yet.</p>}
        {items.length > 0 && (
          <ul className="meeting-list">
            {items.map((m) => (
              <li key={m.id}>
                <Link to={`/board/${m.id}`}>{fmtMonth(m.month)}</Link>
                {m.heldOn && <span className="muted"> · held {fmtDate(m.heldOn)}</span>} <MeetingStatus meeting={m} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      {actor.role === 'admin' && !meetings.error?.routeMissing && <NewMeeting onSaved={meetings.reload} />}
    </>
  );
}

function MeetingStatus({ meeting }: { meeting: BoardMeeting }) {
  const status = meeting.status ?? (meeting.publishedAt ? 'published' : 'draft');
  if (status === 'published') return <Tag value="met" label="Published" />;
  if (status === 'publishing') return <Tag value="follow_up" label="Publishing" />;
  return <Tag value="planned" label="Draft" />;
}

function NewMeeting({ onSaved }: { onSaved: () => void }) {
  const [month, setMonth] = useState(currentMonth());
  const [heldOn, setHeldOn] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await send('post', '/api/board-meetings', { body: { month, heldOn: heldOn || undefined } });
      onSaved();
    } catch (error) {
      setErrors(formErrors(error, ['month', 'heldOn']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title="Add a meeting">
      <form className="form form-row form-row--end" onSubmit={submit} noValidate aria-label="Add a board meeting">
        <ErrorSummary errors={{ byField: {}, general: errors.general }} />
        <Field label="Month" errors={errors.byField.month}>
          {(props) => (
            <input
              {...props}
              className="input input--date"
              type="month"
              value={month}
              onChange={(e) => setMonth(e.target.value)}
            />
          )}
        </Field>
        <Field label="Held on (optional)" errors={errors.byField.heldOn}>
          {(props) => (
            <input
              {...props}
              className="input input--date"
              type="date"
              value={heldOn}
              onChange={(e) => setHeldOn(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={busy}>
          Add the meeting
        </button>
      </form>
    </Card>
  );
}
