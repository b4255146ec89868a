import { FormEvent, useEffect, useState } from 'react';
import { download } from '../api';
import { quantity } from '../format';
import { Link, useRouter } from '../router';
import { AccountPositions, CustodyAccount, PositionSubBalance } from '../types';
import { useApi } from '../use-api';

const positionsPath = (custodian: string, account: string, asOf: string) =>
  `/custody/accounts/${encodeURIComponent(custodian)}/${encodeURIComponent(account)}/positions${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`;

/** `datetime-local` gives a wall-clock time without offset: it is read as UTC, which the page says. */
const asInstant = (local: string): string => (local ? `${local.length === 16 ? `${local}:00` : local}Z` : '');

const subBalanceLabel = (sub: PositionSubBalance): string =>
  `${sub.code}${sub.dataSourceScheme ? `/${sub.dataSourceScheme}` : ''} ${sub.availability === 'AVAILABLE' ? 'available' : 'not available'} ${quantity(sub.quantity)}${sub.placeOfSafekeeping ? ` at ${sub.placeOfSafekeeping}` : ''}`;

/**
 * What a custodian says an account holds, per ISIN: the holding, its available and not-available
 * parts and every sub-balance (pending delivery, blocked …), with the statement and pages it comes
 * from; now, or as of an instant (the API replays the events up to it). The CSV is the API's export.
 */
export function Positions() {
  const { location, navigate } = useRouter();
  const custodian = location.query.get('custodian') ?? '';
  const account = location.query.get('account') ?? '';
  const asOf = location.query.get('asOf') ?? '';
  const [asOfInput, setAsOfInput] = useState(asOf.replace(/Z$/, ''));
  const [downloadError, setDownloadError] = useState<string | null>(null);
  useEffect(() => setAsOfInput(asOf.replace(/Z$/, '')), [asOf]);
  const accounts = useApi<CustodyAccount[]>('/custody/accounts');
  const path = custodian && account ? positionsPath(custodian, account, asOf) : null;
  const { data, error, loading } = useApi<AccountPositions>(path);
  const choose = (next: { custodian?: string; account?: string; asOf?: string }) => {
    const query = new URLSearchParams({ custodian, account, asOf, ...next });
    for (const [key, value] of [...query]) if (!value) query.delete(key);
    navigate(`/positions?${query}`);
  };
  const onAsOf = (event: FormEvent) => {
    event.preventDefault();
    choose({ asOf: asInstant(asOfInput) });
  };
  const shown = data && data.custodian === custodian && data.account === account ? data : null;
  const csv = path && `${path.replace('/positions', '/positions/export.csv')}`;
  return (
    <section aria-labelledby="positions-title">
      <div className="title-row">
        <h1 id="positions-title">Custody positions</h1>
        {csv && (
          <a href={`/app${csv}`} onClick={(event) => {
            event.preventDefault();
            setDownloadError(null);
            download(csv, `positions-${custodian}-${account}.csv`).catch((failure: Error) => setDownloadError(failure.message));
          }}>
            Download CSV
          </a>
        )}
      </div>
      <form className="filters" aria-label="Choose an account" onSubmit={onAsOf}>
        <label>
          Account{' '}
          <select name="account" aria-label="Custody account" value={custodian && account ? `${custodian}/${account}` : ''} onChange={(event) => {
            const [nextCustodian = '', ...rest] = event.target.value.split('/');
            choose({ custodian: nextCustodian, account: rest.join('/') });
          }}>
            <option value="">Choose…</option>
            {(accounts.data ?? []).map((a) => (
              <option key={`${a.custodian}/${a.account}`} value={`${a.custodian}/${a.account}`}>{a.custodian} / {a.account} (statement of {a.statementDate})</option>
            ))}
          </select>
        </label>
        <label>
          As of (UTC) <input type="datetime-local" name="asOf" aria-label="As of (UTC)" step={1} value={asOfInput} onChange={(event) => setAsOfInput(event.target.value)} />
        </label>
        <button type="submit">Show</button>
        {asOf && <button type="button" className="link" onClick={() => choose({ asOf: '' })}>Now</button>}
      </form>
      {accounts.error && <p role="alert" className="error">{accounts.error}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {downloadError && <p role="alert" className="error">{downloadError}</p>}
      {!path && <p className="hint">Choose an account to see what its custodian holds.</p>}
      {path && loading && !shown && <p className="loading">Loading positions…</p>}
      {shown && (
        <>
          <p data-testid="positions-statement">
            Statement {shown.statementReference} of {shown.statementDate} ({shown.basis.toLowerCase()}, {shown.completeness?.toLowerCase() ?? 'completeness unknown'}
            {shown.allPagesReceived === false ? ', pages missing' : ''}){shown.asOf ? ` as of ${shown.asOf}` : ''}
          </p>
          <table className="grid" aria-label={`Positions of ${custodian} ${account}`}>
            <thead>
              <tr>
                <th scope="col">ISIN</th><th scope="col">Asset</th><th scope="col" className="num">Aggregate</th><th scope="col" className="num">Available</th>
                <th scope="col" className="num">Not available</th><th scope="col">Sub-balances</th><th scope="col">Statement</th><th scope="col">Source documents</th>
              </tr>
            </thead>
            <tbody>
              {shown.positions.map((position) => (
                <tr key={position.isin}>
                  <th scope="row">{position.isin}</th>
                  <td>{position.assetId ?? '—'}</td>
                  <td className="num">{quantity(position.aggregate)}</td>
                  <td className="num">{quantity(position.available)}</td>
                  <td className="num">{quantity(position.notAvailable)}</td>
                  <td>{position.subBalances.length === 0 ? '—' : <ul className="sub-balances">{position.subBalances.map((sub) => <li key={subBalanceLabel(sub)}>{subBalanceLabel(sub)}</li>)}</ul>}</td>
                  <td>{position.statementReference} ({position.statementDate})</td>
                  <td className="sources">
                    {position.eventIds.map((eventId, index) => (
                      <Link key={eventId} to={`/audit?stream=${encodeURIComponent(`custody-${custodian}-${account}`)}&event=${encodeURIComponent(eventId)}`}>
                        {position.sourceDocuments[index] ?? eventId}
                      </Link>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.positions.length === 0 && <p className="empty">The statement lists no holdings.</p>}
        </>
      )}
    </section>
  );
}
