import { FormEvent, useState } from 'react';
import { authHeaders, messageOf } from '../api';
import { Link } from '../router';

interface Problem {
  readonly file: string;
  readonly line: number;
  readonly xpath?: string;
  readonly field: string;
  readonly message: string;
}

interface Report {
  readonly file: string;
  readonly format: string;
  readonly custodian: string;
  readonly statementReference: string;
  readonly asOf: string;
  readonly pages: ReadonlyArray<{ account: string; page: number; positions: number; outcome: string }>;
  readonly appended: ReadonlyArray<{ streamId: string; type: string }>;
}

type Outcome = { kind: 'done'; report: Report } | { kind: 'refused'; message: string; problems: Problem[] } | { kind: 'failed'; message: string };

/** XMLHttpRequest rather than fetch: only it reports upload progress. */
function send(file: File, onProgress: (percent: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/custody/statements/upload');
    for (const [name, value] of Object.entries(authHeaders())) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(Math.round((event.loaded / event.total) * 100));
    request.onload = () => resolve({ status: request.status, body: request.responseText ? JSON.parse(request.responseText) : null });
    request.onerror = () => reject(new Error('the upload did not reach the server'));
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
}

export function Upload() {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setOutcome(null);
    setProgress(0);
    try {
      const { status, body } = await send(file, setProgress);
      if (status === 201) setOutcome({ kind: 'done', report: body as Report });
      else if (status === 400 && Array.isArray((body as { errors?: unknown }).errors)) setOutcome({ kind: 'refused', message: 'The statement was refused; nothing of it was recorded.', problems: (body as { errors: Problem[] }).errors });
      else setOutcome({ kind: 'failed', message: messageOf(body, status) });
    } catch (failure) {
      setOutcome({ kind: 'failed', message: (failure as Error).message });
    } finally {
      setProgress(null);
    }
  };
  return (
    <section aria-labelledby="upload-title">
      <h1 id="upload-title">Statement upload</h1>
      <p className="hint">SWIFT MT535, ISO 20022 semt.002 or a CSV export; the format is detected from the content. A statement with any problem is refused whole.</p>
      <form onSubmit={submit} className="upload" aria-label="Upload a statement">
        <label>
          Statement file <input type="file" name="file" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
        </label>
        <button type="submit" disabled={!file || progress !== null}>Upload</button>
        {progress !== null && <progress max={100} value={progress} aria-label="Upload progress">{progress}%</progress>}
      </form>
      {outcome?.kind === 'failed' && <p role="alert" className="error">{outcome.message}</p>}
      {outcome?.kind === 'refused' && (
        <div role="alert" className="error">
          <p>{outcome.message}</p>
          <table className="grid compact" aria-label="Statement errors">
            <thead><tr><th scope="col">File</th><th scope="col">Line</th><th scope="col">Field</th><th scope="col">Problem</th></tr></thead>
            <tbody>
              {outcome.problems.map((problem, index) => (
                <tr key={index} data-testid="statement-error">
                  <td>{problem.file}</td>
                  <td className="num">{problem.line}</td>
                  <td>{problem.field}{problem.xpath ? <><br /><span className="mono">{problem.xpath}</span></> : null}</td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {outcome?.kind === 'done' && (
        <div role="status" className="ok" data-testid="upload-report">
          <p>
            {outcome.report.file}: {outcome.report.format} statement {outcome.report.statementReference} of {outcome.report.custodian} as of {outcome.report.asOf};{' '}
            {outcome.report.appended.length === 0 ? 'already known, nothing new recorded.' : `${outcome.report.appended.length} event(s) recorded.`}
          </p>
          <ul>
            {outcome.report.pages.map((page) => (
              <li key={`${page.account}-${page.page}`}>
                {page.account} page {page.page}: {page.positions} position(s), {page.outcome} · <Link to={`/audit?stream=${encodeURIComponent(`custody-${outcome.report.custodian}-${page.account}`)}`}>stream</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
