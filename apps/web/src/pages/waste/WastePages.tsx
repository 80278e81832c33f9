// The new-record and edit-record pages around the waste form.
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { WasteRecord } from '../../api/models';
import { useApp } from '../../auth/context';
import { can, MANAGE_RECORDS, WRITE_RECORDS } from '../../auth/roles';
import { Card, ErrorState, ErrorSummary, Loading, PageHeader } from '../../ui/components';
import { fmtDate, fmtInt, fmtNumber, humanise } from '../../ui/format';
import { formErrors, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/page-title';
import { WasteForm } from './WasteForm';
import { send, useGet } from '../../api/query';

export function WasteNewPage() {
  usePageTitle('Log waste');
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="Log waste" lead="Record a waste you have seen, so it can be removed" />
      <Card>
        <WasteForm onSaved={(saved) => navigate(`/waste/${saved.id}`, { state: { saved: true } })} />
      </Card>
    </>
  );
}

export function WasteEditPage() {
  const { id } = useParams();
  const { actor } = useApp();
  const navigate = useNavigate();
  const record = useGet('/api/waste-records/{id}', { path: { id: id! } });
  const location = useLocation();
  const [saved, setSaved] = useState<string | null>(() =>
    (location.state as { saved?: boolean } | null)?.saved ? 'The waste record was saved.' : null,
  );
  const [deleteError, setDeleteError] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Waste record');
  const canWrite = can(actor.role, WRITE_RECORDS);
  const canDelete = can(actor.role, MANAGE_RECORDS);

  async function remove() {
    if (!record.data || !window.confirm('Delete this waste record? This cannot be undone.')) return;
    try {
      await send('delete', '/api/waste-records/{id}', { params: { path: { id: record.data.id } } });
      navigate('/waste');
    } catch (error) {
      setDeleteError(formErrors(error, []));
    }
  }

  return (
    <>
      <PageHeader
        title="Waste record"
        lead={
          record.data ? `${humanise(record.data.wasteType)}, observed ${fmtDate(record.data.observedOn)}` : undefined
        }
        actions={<Link to="/waste">Back to the waste log</Link>}
      />
      {saved && (
        <div className="notice notice--success" role="status" data-testid="saved">
          {saved}
        </div>
      )}
      {record.error && <ErrorState error={record.error} what="The waste record" retry={record.reload} />}
      {record.loading && !record.data && <Loading />}
      {record.data && canWrite && (
        <Card title="Edit">
          <WasteForm
            key={record.data.version}
            record={record.data}
            onSaved={() => {
              setSaved('Your changes were saved.');
              record.reload();
            }}
          />
        </Card>
      )}
      {record.data && !canWrite && <WasteSummary record={record.data} />}
      {record.data && canDelete && (
        <Card title="Delete">
          <ErrorSummary errors={deleteError} />
          <button type="button" className="button button--warning" onClick={remove}>
            Delete this record
          </button>
        </Card>
      )}
    </>
  );
}

function WasteSummary({ record }: { record: WasteRecord }) {
  return (
    <Card>
      <dl className="summary-list">
        <div>
          <dt>Description</dt>
          <dd>{record.description}</dd>
        </div>
        <div>
          <dt>Minutes lost</dt>
          <dd>
            {fmtNumber(record.minutesLost)} × {fmtInt(record.occurrences)} ={' '}
            {fmtInt(record.minutesLost * record.occurrences)}
          </dd>
        </div>
        <div>
          <dt>Impact on patients</dt>
          <dd>{humanise(record.patientImpact)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            {humanise(record.status)}
            {record.eliminatedOn ? `, ${fmtDate(record.eliminatedOn)}` : ''}
          </dd>
        </div>
      </dl>
    </Card>
  );
}
