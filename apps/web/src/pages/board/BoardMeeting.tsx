// One board meeting: its trusts' reports, publishing, and the pack.
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { BoardPack } from './pack';
import { useApp } from '../../auth/context';
import { ErrorState, ErrorSummary, Loading, PageHeader, Tag } from '../../ui/components';
import { fmtDate, fmtDateTime, fmtMonth } from '../../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/page-title';
import { PackView } from './PackView';
import { AdminReportForm, ReportForm } from './ReportForms';
import { ApiError, apiBlob } from '../../api/client';
import { send, useGet } from '../../api/query';

export function BoardMeetingPage() {
  const { id } = useParams();
  const { actor } = useApp();
  // While the snapshot is being built, look again every two seconds until it is published.
  const [publishing, setPublishing] = useState(false);
  const poll = { refetchInterval: publishing ? 2000 : (false as const) };
  // The document declares no schema for the pack yet: its type is pack.ts's.
  const packRead = useGet('/api/board-meetings/{id}/pack', { path: { id: id! } }, poll);
  const pack = { ...packRead, data: packRead.data as BoardPack | undefined };
  const meeting = useGet('/api/board-meetings/{id}', { path: { id: id! } }, poll);
  const status = meeting.data?.status;
  useEffect(() => setPublishing(status === 'publishing'), [status]);
  const { reload: reloadMeeting } = meeting;
  const { reload: reloadPack } = pack;
  const refreshBoth = useCallback(() => {
    reloadMeeting();
    reloadPack();
  }, [reloadMeeting, reloadPack]);
  usePageTitle(pack.data ? `Board pack ${fmtMonth(pack.data.month)}` : 'Board pack');
  const [printError, setPrintError] = useState<ApiError | undefined>();
  const [publishErrors, setPublishErrors] = useState<FormErrors>(NO_ERRORS);
  const [printing, setPrinting] = useState(false);

  async function openPrintView() {
    setPrintError(undefined);
    setPrinting(true);
    // Open the window within the click (so no pop-up blocker stops it), then load the pack into it.
    const win = window.open('', '_blank');
    win?.document.write('<p style="font-family: sans-serif">Preparing the board pack…</p>');
    try {
      const html = await apiBlob(`/api/board-meetings/${id}/pack`, { accept: 'text/html' });
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
      if (win) win.location.href = url;
      else window.location.href = url;
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      win?.close();
      setPrintError(error instanceof ApiError ? error : new ApiError(0, [String(error)], null));
    } finally {
      setPrinting(false);
    }
  }

  async function publish() {
    if (!window.confirm('Publish the pack? Its figures are then frozen as they are now.')) return;
    setPublishErrors(NO_ERRORS);
    try {
      await send('post', '/api/board-meetings/{id}/publish', { params: { path: { id: id! } } });
      refreshBoth();
    } catch (error) {
      setPublishErrors(formErrors(error, []));
    }
  }

  if (pack.error) return <ErrorState error={pack.error} what="The board pack" retry={pack.reload} />;
  if (!pack.data) return <Loading label="Building the board pack…" />;
  const p = pack.data;
  const ownTrust = p.trusts.find((t) => t.trustId === actor.trustId);
  // Reports can be written while the meeting is a draft; from the publish request on they are frozen.
  const open = !p.published && (meeting.data?.status ?? 'draft') === 'draft';

  return (
    <>
      <PageHeader
        title={`Board pack: ${fmtMonth(p.month)}`}
        lead={
          <>
            {p.heldOn ? `Meeting held ${fmtDate(p.heldOn)}. ` : ''}
            {p.published ? (
              <Tag value="met" label={`Published ${fmtDateTime(p.publishedAt)}`} />
            ) : (
              <Tag value="planned" label={`Draft, built ${fmtDateTime(p.generatedAt)}`} />
            )}
          </>
        }
        actions={
          <div className="button-group">
            <button
              type="button"
              className="button button--secondary"
              onClick={openPrintView}
              disabled={printing}
              data-testid="print-view"
            >
              {printing ? 'Preparing…' : 'Print view'}
            </button>
            {actor.role === 'admin' && open && (
              <button type="button" className="button" onClick={publish}>
                Publish the pack
              </button>
            )}
          </div>
        }
      />
      {printError && <ErrorState error={printError} what="The print view" />}
      <ErrorSummary errors={publishErrors} />
      {p.pendingChanges > 0 && !p.published && (
        <div className="notice notice--info" role="status">
          {p.pendingChanges} recent {p.pendingChanges === 1 ? 'change is' : 'changes are'} not in these figures yet;
          they will be shortly.
        </div>
      )}
      {publishing && (
        <div className="notice notice--info" role="status">
          The pack is being published: its figures are being frozen. This page updates by itself.
        </div>
      )}
      {open && actor.role === 'trust_ceo' && ownTrust && (
        <ReportForm meetingId={p.meetingId} trust={ownTrust} onSaved={pack.reload} key={ownTrust.trustId} />
      )}
      {open && actor.role === 'admin' && <AdminReportForm pack={p} onSaved={pack.reload} />}
      <PackView pack={p} />
    </>
  );
}
