import { hasRole } from '../api';
import { coverage, COVERAGE_LABEL, dateTime, percent, quantity } from '../format';
import { useLive } from '../live-context';
import { Link } from '../router';
import { useSession } from '../session-context';
import { Collateralization, ExceptionPage } from '../types';
import { useApi } from '../use-api';
import { RatioChart } from './RatioChart';
import { CsvButton } from './CsvButton';

const OPEN_BREAKS = '/exceptions?status=OPEN,AWAITING_APPROVAL&sort=severity&order=desc&limit=10';

/**
 * The last block the chain watcher confirmed for the asset (its least advanced watched chain), as
 * number and time, with every watched chain's in the tooltip; a dash while no chain is watched.
 */
function LastBlock({ asset }: { asset: Collateralization }) {
  const block = asset.lastConfirmedBlock;
  if (!block) return <>—</>;
  const perChain = asset.chains.flatMap((chain) => (chain.lastConfirmedBlock ? [`chain ${chain.chainId}: #${chain.lastConfirmedBlock.number} at ${dateTime(chain.lastConfirmedBlock.time)}`] : []));
  return (
    <span title={perChain.join('\n')}>
      #{block.number} <span className="small">(chain {block.chainId})</span>
      <br />
      {dateTime(block.time)}
    </span>
  );
}

export function Dashboard() {
  const session = useSession();
  const live = useLive();
  const seesQueue = hasRole(session, 'operator', 'approver', 'auditor');
  const assets = useApi<{ assets: Collateralization[] }>('/collateralization', live.version);
  const breaks = useApi<ExceptionPage>(seesQueue ? OPEN_BREAKS : null, live.version);
  const rows = assets.data?.assets ?? [];
  return (
    <section aria-labelledby="dashboard-title">
      <div className="title-row">
        <h1 id="dashboard-title">Collateralization</h1>
        <CsvButton
          fileName="collateralization.csv"
          header={['assetId', 'required', 'held', 'difference', 'ratio', 'asOf', 'lastStatementDate', 'lastBlock', 'lastBlockTime']}
          rows={() => rows.map((a) => [a.assetId, a.requiredShares, a.heldShares, a.difference, a.ratio ?? '', a.asOf ?? '', a.lastStatementDate ?? '', a.lastConfirmedBlock?.number ?? '', a.lastConfirmedBlock?.time ?? ''])}
        />
      </div>
      {assets.error && <p role="alert" className="error">{assets.error}</p>}
      <table className="grid" aria-label="Collateralization per asset">
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col" className="num">Required</th>
            <th scope="col" className="num">Held</th>
            <th scope="col" className="num">Difference</th>
            <th scope="col" className="num">Ratio</th>
            <th scope="col">Status</th>
            <th scope="col">Last statement</th>
            <th scope="col">Last block</th>
            <th scope="col">Figures as of</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && !assets.loading && (
            <tr>
              <td colSpan={9} className="empty">No assets yet.</td>
            </tr>
          )}
          {rows.map((asset) => {
            const status = coverage(asset.difference, asset.ratio);
            return (
              <tr key={asset.assetId} data-testid={`asset-${asset.assetId}`} className={`coverage-${status}`}>
                <th scope="row">{seesQueue ? <Link to={`/audit?stream=asset-${encodeURIComponent(asset.assetId)}`}>{asset.symbol}</Link> : asset.symbol}</th>
                <td className="num">{quantity(asset.requiredShares)}</td>
                <td className="num">{quantity(asset.heldShares)}</td>
                <td className="num">{quantity(asset.difference)}</td>
                <td className="num">{percent(asset.ratio)}</td>
                <td>
                  <span className={`badge ${status}`}>{COVERAGE_LABEL[status]}</span>
                </td>
                <td>{asset.lastStatementDate ?? '—'}</td>
                <td data-testid={`last-block-${asset.assetId}`}><LastBlock asset={asset} /></td>
                <td>{dateTime(asset.asOf)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="panels">
        <RatioChart current={rows} />
        {seesQueue && (
          <section className="panel" aria-labelledby="open-breaks-title">
            <h2 id="open-breaks-title">Open breaks {breaks.data ? `(${breaks.data.total})` : ''}</h2>
            {breaks.data?.items.length === 0 && <p className="empty">No open breaks.</p>}
            <ul className="breaks" data-testid="open-breaks">
              {breaks.data?.items.map((item) => (
                <li key={item.exceptionId} className={`severity-${item.severity}`}>
                  <Link to={`/exceptions/${encodeURIComponent(item.exceptionId)}`}>
                    <strong>{item.assetId}</strong> {item.breakType} <span className={`badge ${item.severity}`}>{item.severity}</span> {quantity(item.figures.difference)}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </section>
  );
}
