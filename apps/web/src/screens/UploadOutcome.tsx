import { Link } from '../router';
import { settlementText } from './settlement-outcome';
import { BreakChange, Problem, Report } from './upload-request';

/** Every problem of a refused file (up to 100), one row each with its line and field. */
export function ProblemList({ problems }: { problems: readonly Problem[] }) {
  return (
    <div role="alert" className="error">
      <p>The statement was refused; nothing of it was recorded. {problems.length} problem{problems.length === 1 ? '' : 's'}:</p>
      <table className="grid compact" aria-label="Statement errors">
        <thead><tr><th scope="col">File</th><th scope="col">Line</th><th scope="col">Field</th><th scope="col">Problem</th></tr></thead>
        <tbody>
          {problems.map((problem, index) => (
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
  );
}

function Breaks({ label, breaks }: { label: string; breaks: readonly BreakChange[] }) {
  if (breaks.length === 0) return null;
  return (
    <>
      <h3>{label}</h3>
      <ul aria-label={label}>
        {breaks.map((b) => <li key={`${b.assetId}-${b.breakType}-${b.subject}`}>{b.assetId} {b.breakType} ({b.subject}, {b.severity}): {b.reason}</li>)}
      </ul>
    </>
  );
}

/** A dry run's answer: what the file would record and change; nothing was recorded. */
export function Preview({ report, onCommit, busy }: { report: Report; onCommit: () => void; busy: boolean }) {
  const preview = report.dryRun;
  return (
    <div role="status" className="ok" data-testid="upload-preview">
      <p>
        Preview of {report.file}: {report.format} statement {report.statementReference} of {report.custodian} as of {report.asOf}. Nothing has been recorded;{' '}
        {report.appended.length === 0 ? 'it is known already and would record nothing.' : `it would record ${report.appended.length} event(s).`}
      </p>
      <table className="grid compact" aria-label="Positions before and after">
        <thead><tr><th scope="col">Account</th><th scope="col">ISIN</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
        <tbody>
          {(preview?.positions ?? []).map((p) => (
            <tr key={`${p.custodian}-${p.account}-${p.isin}`} data-testid="preview-position">
              <td>{p.custodian} {p.account}</td><td className="mono">{p.isin}</td><td className="num">{p.before ?? '—'}</td><td className="num">{p.after ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Breaks label="Breaks that would open" breaks={preview?.opening ?? []} />
      <Breaks label="Breaks that would clear" breaks={preview?.clearing ?? []} />
      <button type="button" onClick={onCommit} disabled={busy}>Record it</button>
    </div>
  );
}

/** Where the statement stands after the file (MT535 28E: complete once pages 1..LAST are in). */
function assemblyText({ assembly, cancels, statementKey }: Report): string {
  const cancelled = cancels ? `Cancels message ${cancels}. ` : '';
  const withdrawn = assembly.withdrawn?.length ? ` Pages withdrawn: ${assembly.withdrawn.join(', ')}.` : '';
  const of = statementKey ? ` (${statementKey})` : '';
  if (assembly.complete) return `${cancelled}Statement${of} complete: every page received.${withdrawn}`;
  if (assembly.cancelled) return `${cancelled}Statement${of} cancelled.`;
  return `${cancelled}Statement${of} waiting for ${assembly.missing.length ? `page(s) ${assembly.missing.join(', ')}` : 'its last page'}; its holdings do not count until then.${withdrawn}`;
}

/** What an upload recorded. */
export function Recorded({ report }: { report: Report }) {
  if (report.settlements) {
    return (
      <div role="status" className="ok" data-testid="upload-report">
        <p>
          {report.file}: {report.format} settlement message {report.statementReference} of {report.custodian} for {report.asOf};{' '}
          {report.appended.length === 0 ? 'nothing new recorded.' : `${report.appended.length} event(s) recorded.`}
        </p>
        <ul aria-label="Settlements">
          {report.settlements.map((s) => (
            <li key={s.messageReference} data-testid="upload-settlement">
              {settlementText(s)}{s.tradeId ? <> · <Link to={`/audit?stream=${encodeURIComponent(`trade-${s.tradeId}`)}`}>stream</Link></> : null}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div role="status" className="ok" data-testid="upload-report">
      <p>
        {report.file}: {report.format} statement {report.statementReference} of {report.custodian} as of {report.asOf};{' '}
        {report.appended.length === 0 ? 'already known, nothing new recorded.' : `${report.appended.length} event(s) recorded.`}
      </p>
      <p data-testid="upload-assembly">{assemblyText(report)}</p>
      <ul>
        {report.pages.map((page) => (
          <li key={`${page.account}-${page.page}`}>
            {page.account} page {page.page}: {page.positions} position(s), {page.outcome} · <Link to={`/audit?stream=${encodeURIComponent(`custody-${report.custodian}-${page.account}`)}`}>stream</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
