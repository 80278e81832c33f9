// CSV import of waste records, with upload progress and the API's line errors.
import { useRef, useState, type FormEvent } from 'react';
import type { WasteImportError } from '../../api/models';
import { uploadCsv, type UploadProgress } from '../../api/upload';
import { useApp } from '../../auth/context';
import { Card, ErrorState, Field } from '../../ui/components';
import { fmtInt } from '../../ui/format';
import { ApiError, withQuery } from '../../api/client';

const CSV_HEADER = 'observedOn,wasteType,minutesLost,occurrences,patientImpact,status,valueStreamId,description';

export function ImportCard({ trustId, onImported }: { trustId: string | null; onImported: () => void }) {
  const { actor } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [result, setResult] = useState<{ imported: number } | null>(null);
  const [lineErrors, setLineErrors] = useState<WasteImportError[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const needsTrust = actor.trustId === null && !trustId;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setResult(null);
    setLineErrors(null);
    setError(null);
    setProgress({ loaded: 0, total: file.size });
    const url = withQuery('/api/waste-records/import', { trustId: actor.trustId === null ? trustId : undefined });
    try {
      const answer = await uploadCsv<{ imported: number }>(url, file, setProgress).done;
      setResult(answer);
      setFile(null);
      if (input.current) input.current.value = '';
      onImported();
    } catch (e) {
      const apiError = e as ApiError;
      const errors = (apiError.body as { errors?: WasteImportError[] } | null)?.errors;
      if (apiError.status === 422 && Array.isArray(errors)) setLineErrors(errors);
      else setError(apiError);
    } finally {
      setBusy(false);
    }
  }

  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <Card title="Import waste records from a CSV file" testId="csv-import">
      <p className="hint">
        The first line must be exactly <code>{CSV_HEADER}</code>. If any line is wrong, nothing is imported and each
        problem is listed by line number, so you can correct the file and try again.
      </p>
      {needsTrust && <p className="notice notice--info">Choose a trust in the filter above to import into it.</p>}
      <form onSubmit={submit} className="import-form">
        <Field label="CSV file">
          {(props) => (
            <input
              {...props}
              ref={input}
              className="input input--file"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              disabled={busy}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={!file || busy || needsTrust}>
          {busy ? 'Importing…' : 'Import file'}
        </button>
      </form>
      {progress && busy && (
        <div className="upload-progress" data-testid="import-progress">
          <label htmlFor="import-progress">
            {percent < 100 ? `Uploading: ${percent}%` : 'Uploaded; checking every line…'}
          </label>
          <progress id="import-progress" max={100} value={percent} />
        </div>
      )}
      {result && (
        <div className="notice notice--success" role="status" data-testid="import-result">
          Imported {fmtInt(result.imported)} waste {result.imported === 1 ? 'record' : 'records'}.
        </div>
      )}
      {error && <ErrorState error={error} what="The import" />}
      {lineErrors && (
        <div className="notice notice--error" role="alert" data-testid="import-errors">
          <h3 className="notice__title">
            The file was not imported: {lineErrors.length === 1 ? '1 problem' : `${lineErrors.length} problems`}
          </h3>
          <p>Nothing from this file was stored. Correct these lines and import the file again.</p>
          <div className="table-wrap">
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Field</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {lineErrors.map((e, i) => (
                  <tr key={`${e.line}-${e.field}-${i}`}>
                    <td className="num">{e.line}</td>
                    <td>
                      <code>{e.field}</code>
                    </td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </Card>
  );
}
