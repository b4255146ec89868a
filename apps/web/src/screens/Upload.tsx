import { FormEvent, useState } from 'react';
import { Outcome, UploadRequest, uploadStatement } from './upload-request';
import { Preview, ProblemList, Recorded } from './UploadOutcome';

export function Upload() {
  const [file, setFile] = useState<File | null>(null);
  const [custodian, setCustodian] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const send = async (request: UploadRequest) => {
    setOutcome(null);
    setProgress(0);
    setOutcome(await uploadStatement(request, setProgress));
    setProgress(null);
  };
  const run = (dryRun: boolean) => file && send({ file, custodian, dryRun });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(false);
  };
  const busy = progress !== null;
  return (
    <section aria-labelledby="upload-title">
      <h1 id="upload-title">Statement upload</h1>
      <p className="hint">
        SWIFT MT535, ISO 20022 semt.002 or a CSV export; the format is detected from the content. A statement with any problem is refused whole, with every
        problem listed. Preview shows what the file would change without recording anything.
      </p>
      <form onSubmit={submit} className="upload" aria-label="Upload a statement">
        <label>
          Statement file <input type="file" name="file" onChange={(event) => { setFile(event.target.files?.[0] ?? null); setOutcome(null); }} />
        </label>
        <label>
          Custodian (BIC) <input name="custodian" value={custodian} onChange={(event) => setCustodian(event.target.value)} placeholder="for files that name no sender" size={14} />
        </label>
        <button type="button" disabled={!file || busy} onClick={() => void run(true)}>Preview</button>
        <button type="submit" disabled={!file || busy}>Upload</button>
        {busy && <progress max={100} value={progress} aria-label="Upload progress">{progress}%</progress>}
      </form>
      {outcome?.kind === 'failed' && <p role="alert" className="error">{outcome.message}</p>}
      {outcome?.kind === 'refused' && <ProblemList problems={outcome.problems} />}
      {outcome?.kind === 'preview' && <Preview report={outcome.report} onCommit={() => void send({ ...outcome.request, dryRun: false })} busy={busy} />}
      {outcome?.kind === 'done' && <Recorded report={outcome.report} />}
    </section>
  );
}
