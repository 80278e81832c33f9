// The CEO report form of a trust and the admin's form to file one for any trust.
import { useState } from 'react';
import type { BoardPack, PackTrust } from './pack';
import { Card, ErrorSummary, Field, Select } from '../../ui/components';
import { useSubmit } from '../../ui/use-submit';
import { send } from '../../api/query';

export function AdminReportForm({ pack, onSaved }: { pack: BoardPack; onSaved: () => void }) {
  const [trustId, setTrustId] = useState('');
  const trust = pack.trusts.find((t) => t.trustId === trustId);
  return (
    <Card title="Write a trust's report">
      <Field label="Trust">
        {(props) => (
          <Select
            {...props}
            value={trustId}
            onChange={setTrustId}
            empty="Choose a trust"
            options={pack.trusts.map((t) => ({ value: t.trustId, label: `${t.code} – ${t.name}` }))}
          />
        )}
      </Field>
      {trust && <ReportForm meetingId={pack.meetingId} trust={trust} onSaved={onSaved} key={trust.trustId} bare />}
    </Card>
  );
}

export function ReportForm({
  meetingId,
  trust,
  onSaved,
  bare,
}: {
  meetingId: string;
  trust: PackTrust;
  onSaved: () => void;
  bare?: boolean;
}) {
  const [progress, setProgress] = useState(trust.report?.progress ?? '');
  const [challenges, setChallenges] = useState(trust.report?.challenges ?? '');
  const [asks, setAsks] = useState(trust.report?.asks ?? '');
  const { errors, busy, done: saved, handle } = useSubmit(['progress', 'challenges', 'asks', 'version']);
  const e = errors.byField;

  const submit = handle(async () => {
    const body: Record<string, unknown> = { progress, challenges, asks: asks || null };
    if (trust.report?.version) body.version = trust.report.version;
    await send('put', '/api/board-meetings/{id}/reports/{trustId}', {
      params: { path: { id: meetingId, trustId: trust.trustId } },
      body,
    });
    onSaved();
  });

  const form = (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label={`Report of ${trust.name}`}
      data-testid="report-form"
    >
      {saved && (
        <p className="notice notice--success" role="status">
          The report was saved.
        </p>
      )}
      <ErrorSummary errors={{ byField: {}, general: [...errors.general, ...(e.version ?? [])] }} />
      <Field label="Progress" hint="What improved this month; up to 8,000 characters" errors={e.progress}>
        {(props) => (
          <textarea
            {...props}
            className="textarea"
            rows={5}
            value={progress}
            onChange={(ev) => setProgress(ev.target.value)}
          />
        )}
      </Field>
      <Field label="Challenges" hint="What got in the way; up to 8,000 characters" errors={e.challenges}>
        {(props) => (
          <textarea
            {...props}
            className="textarea"
            rows={5}
            value={challenges}
            onChange={(ev) => setChallenges(ev.target.value)}
          />
        )}
      </Field>
      <Field label="Asks of the board (optional)" errors={e.asks}>
        {(props) => (
          <textarea {...props} className="textarea" rows={3} value={asks} onChange={(ev) => setAsks(ev.target.value)} />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : trust.report ? 'Save the report' : 'Submit the report'}
      </button>
    </form>
  );
  if (bare) return form;
  return <Card title={`Your report for this meeting (${trust.code})`}>{form}</Card>;
}
