import { useState } from 'react';
import { hasRole } from '../api';
import { formatDuration } from '../duration';
import { useLive } from '../live-context';
import { useRouter } from '../router';
import { useSession } from '../session-context';
import { AccountSchedule, CustodyAccount, PolicyView, RegisteredAsset } from '../types';
import { useApi } from '../use-api';
import { AccountLinkForm, DeploymentForm, MultiplierForm, PolicyForm, ScheduleForm } from './ReferenceForms';

const TABS = [
  ['assets', 'Assets'],
  ['accounts', 'Accounts'],
  ['policy', 'Policy'],
] as const;
type Tab = (typeof TABS)[number][0];

/**
 * Reference data the figures rest on: assets (multiplier, deployments, custody links), custody
 * accounts (schedules) and the reconciliation policy, as in force. Every change is a proposal that a
 * second person approves on the pending-changes screen.
 */
export function Reference() {
  const { location, navigate } = useRouter();
  const session = useSession();
  const live = useLive();
  const [proposed, setProposed] = useState(0);
  const tab: Tab = (TABS.find(([key]) => key === location.query.get('tab'))?.[0] ?? 'assets') as Tab;
  const refresh = `${live.version}.${proposed}`;
  const assets = useApi<RegisteredAsset[]>('/assets', refresh);
  const canPropose = hasRole(session, 'operator', 'approver');
  const onProposed = () => setProposed((count) => count + 1);
  return (
    <section aria-labelledby="reference-title">
      <h1 id="reference-title">Reference data</h1>
      <div role="tablist" aria-label="Reference data" className="tabs">
        {TABS.map(([key, label]) => (
          <button key={key} type="button" role="tab" aria-selected={tab === key} className={tab === key ? 'tab active' : 'tab'} onClick={() => navigate(`/reference?tab=${key}`, true)}>
            {label}
          </button>
        ))}
      </div>
      <p className="hint">Changes are proposals: they count only once another person with the approver role approves them under <strong>Pending changes</strong>.</p>
      {assets.error && <p role="alert" className="error">{assets.error}</p>}
      <div role="tabpanel" aria-label={TABS.find(([key]) => key === tab)![1]}>
        {tab === 'assets' && <AssetsTab assets={assets.data ?? []} canPropose={canPropose} onProposed={onProposed} />}
        {tab === 'accounts' && <AccountsTab assets={assets.data ?? []} canPropose={canPropose} refresh={refresh} onProposed={onProposed} />}
        {tab === 'policy' && <PolicyTab canPropose={canPropose} refresh={refresh} onProposed={onProposed} />}
      </div>
    </section>
  );
}

function AssetsTab({ assets, canPropose, onProposed }: { assets: readonly RegisteredAsset[]; canPropose: boolean; onProposed: () => void }) {
  return (
    <>
      <table className="grid" aria-label="Assets">
        <thead>
          <tr><th scope="col">Asset</th><th scope="col">ISIN</th><th scope="col" className="num">Multiplier</th><th scope="col">Deployments (chain · contract · decimals)</th><th scope="col">Custody accounts</th></tr>
        </thead>
        <tbody>
          {assets.length === 0 && <tr><td colSpan={5} className="empty">No assets registered.</td></tr>}
          {assets.map((asset) => (
            <tr key={asset.assetId} data-testid={`reference-asset-${asset.assetId}`}>
              <th scope="row">{asset.assetId}<br /><span className="small">{asset.name}</span></th>
              <td>{asset.isin}</td>
              <td className="num" data-testid="asset-multiplier">{asset.multiplier}</td>
              <td>
                {asset.deployments.length === 0 ? '—' : asset.deployments.map((deployment) => (
                  <div key={deployment.chainId}>chain {deployment.chainId} · <span className="mono">{deployment.contractAddress}</span> · {deployment.decimals}</div>
                ))}
              </td>
              <td>{asset.custodyAccounts.length === 0 ? '—' : asset.custodyAccounts.map((link) => <div key={`${link.custodian}/${link.account}`}>{link.custodian} / {link.account}</div>)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canPropose && assets.length > 0 && (
        <div className="proposal-forms">
          <MultiplierForm assets={assets} onProposed={onProposed} />
          <DeploymentForm assets={assets} onProposed={onProposed} />
          <AccountLinkForm assets={assets} onProposed={onProposed} />
        </div>
      )}
    </>
  );
}

/** Every account an asset links or a statement names, once. */
function knownAccounts(assets: readonly RegisteredAsset[], withStatements: readonly CustodyAccount[]): Array<{ custodian: string; account: string; assets: string[] }> {
  const byKey = new Map<string, { custodian: string; account: string; assets: string[] }>();
  const entry = (custodian: string, account: string) => {
    const key = `${custodian}/${account}`;
    if (!byKey.has(key)) byKey.set(key, { custodian, account, assets: [] });
    return byKey.get(key)!;
  };
  for (const asset of assets) for (const link of asset.custodyAccounts) entry(link.custodian, link.account).assets.push(asset.assetId);
  for (const account of withStatements) entry(account.custodian, account.account);
  return [...byKey.values()].sort((a, b) => (`${a.custodian}/${a.account}` < `${b.custodian}/${b.account}` ? -1 : 1));
}

function AccountsTab({ assets, canPropose, refresh, onProposed }: { assets: readonly RegisteredAsset[]; canPropose: boolean; refresh: string; onProposed: () => void }) {
  const withStatements = useApi<CustodyAccount[]>('/custody/accounts', refresh);
  const accounts = knownAccounts(assets, withStatements.data ?? []);
  return (
    <>
      <table className="grid" aria-label="Custody accounts">
        <thead>
          <tr><th scope="col">Custodian (BIC)</th><th scope="col">Account</th><th scope="col">Assets</th><th scope="col">Schedule in force</th><th scope="col">Proposed schedule</th></tr>
        </thead>
        <tbody>
          {accounts.length === 0 && <tr><td colSpan={5} className="empty">No custody accounts.</td></tr>}
          {accounts.map((account) => <AccountRow key={`${account.custodian}/${account.account}`} {...account} refresh={refresh} />)}
        </tbody>
      </table>
      {canPropose && accounts.length > 0 && <ScheduleForm accounts={accounts} onProposed={onProposed} />}
    </>
  );
}

const scheduleText = (schedule: Record<string, unknown> | null | undefined): string => {
  if (!schedule) return 'default: every business day';
  const calendar = schedule.calendar as { weekend?: string[]; holidays?: string[] } | undefined;
  return [
    String(schedule.frequency ?? ''),
    schedule.weekday ? `on ${String(schedule.weekday)}` : '',
    `due ${String(schedule.cutOff ?? '')} ${String(schedule.timezone ?? '')}`,
    calendar?.weekend?.length ? `weekend ${calendar.weekend.join(', ')}` : '',
    calendar?.holidays?.length ? `${calendar.holidays.length} holiday(s)` : '',
    `grace ${formatDuration(schedule.grace as Record<string, number> | undefined)}`,
  ].filter(Boolean).join(' · ');
};

function AccountRow({ custodian, account, assets, refresh }: { custodian: string; account: string; assets: string[]; refresh: string }) {
  const schedule = useApi<AccountSchedule>(`/custody/accounts/${encodeURIComponent(custodian)}/${encodeURIComponent(account)}/schedule`, refresh);
  const pending = schedule.data?.pending[0] as { schedule?: Record<string, unknown>; maker?: string } | undefined;
  return (
    <tr data-testid={`reference-account-${custodian}-${account}`}>
      <td>{custodian}</td>
      <td>{account}</td>
      <td>{assets.join(', ') || '—'}</td>
      <td data-testid="schedule-current">{schedule.error ? <span className="small">{schedule.error}</span> : schedule.data ? scheduleText(schedule.data.current) : '…'}</td>
      <td>{pending ? `${scheduleText(pending.schedule ?? pending)}${pending.maker ? ` (by ${pending.maker})` : ''}` : '—'}</td>
    </tr>
  );
}

function PolicyTab({ canPropose, refresh, onProposed }: { canPropose: boolean; refresh: string; onProposed: () => void }) {
  const policy = useApi<PolicyView>('/reconciliation/policy', refresh);
  if (policy.error && !policy.data) return <p role="alert" className="error">{policy.error}</p>;
  if (!policy.data) return <p className="loading">Loading…</p>;
  const { effective, pending } = policy.data;
  const rows: Array<[string, (p: PolicyView['effective']) => string]> = [
    ['Tolerance (shares)', (p) => p.tolerance],
    ['Statement staleness (default)', (p) => formatDuration(p.stalenessDefault)],
    ['Settlement window', (p) => formatDuration(p.windows.settlement)],
    ['Mint/burn window', (p) => formatDuration(p.windows.mintBurn)],
    ['Missing page window', (p) => formatDuration(p.windows.missingPage)],
    ['Aged settlement critical after', (p) => formatDuration(p.agedSettlementCriticalAfter)],
  ];
  return (
    <>
      <table className="grid compact" aria-label="Reconciliation policy">
        <thead><tr><th scope="col">Setting</th><th scope="col">In force</th><th scope="col">Proposed{pending?.maker ? ` by ${pending.maker}` : ''}</th></tr></thead>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}><th scope="row">{label}</th><td>{value(effective)}</td><td>{pending ? value(pending) : '—'}</td></tr>
          ))}
        </tbody>
      </table>
      {canPropose && <PolicyForm effective={effective} onProposed={onProposed} />}
    </>
  );
}
