import { useState } from 'react';
import { formatDuration, parseDuration } from '../duration';
import { Duration, ReconciliationPolicy, RegisteredAsset } from '../types';
import { Choice, Field, ProposalForm } from './ProposalForm';

const assetPath = (assetId: string, route: string) => `/assets/${encodeURIComponent(assetId)}/${route}`;
/** Now to the second: a change effective "now" must not fall before what was registered earlier in the same minute. */
const nowUtc = () => new Date().toISOString().slice(0, 19);
/** A datetime-local value (with or without seconds) as an ISO instant in UTC. */
const instantOf = (local: string): string => `${local.length === 16 ? `${local}:00` : local}.000Z`;

/** Stops a proposal before it is sent, naming the field, as the API would. */
function required<T>(value: T | null, field: string, problem: string): T {
  if (value === null) throw new Error(`${field}: ${problem}`);
  return value;
}

export function MultiplierForm({ assets, onProposed }: { assets: readonly RegisteredAsset[]; onProposed: () => void }) {
  const [assetId, setAssetId] = useState(assets[0]!.assetId);
  const [newMultiplier, setMultiplier] = useState('');
  const [effectiveAt, setEffectiveAt] = useState(nowUtc());
  const [reason, setReason] = useState('');
  const complete = newMultiplier.trim() && effectiveAt && reason.trim();
  return (
    <ProposalForm title="Change a multiplier" path={complete ? assetPath(assetId, 'multiplier') : null} onProposed={onProposed}
      body={() => ({ newMultiplier: newMultiplier.trim(), effectiveAt: instantOf(effectiveAt), reason: reason.trim() })}>
      <Choice label="Asset" value={assetId} options={assets.map((asset) => asset.assetId)} onChange={setAssetId} />
      <Field label="New multiplier (shares per token)" value={newMultiplier} onChange={setMultiplier} placeholder="1.0025" size={12} />
      <Field label="Effective at (UTC)" type="datetime-local" value={effectiveAt} onChange={setEffectiveAt} />
      <Field label="Reason (corporate action)" value={reason} onChange={setReason} size={28} />
    </ProposalForm>
  );
}

export function DeploymentForm({ assets, onProposed }: { assets: readonly RegisteredAsset[]; onProposed: () => void }) {
  const [assetId, setAssetId] = useState(assets[0]!.assetId);
  const [chainId, setChainId] = useState('');
  const [contractAddress, setContract] = useState('');
  const [decimals, setDecimals] = useState('18');
  const complete = /^\d+$/.test(chainId) && contractAddress.trim() && /^\d+$/.test(decimals);
  return (
    <ProposalForm title="Record a deployment" path={complete ? assetPath(assetId, 'deployments') : null} onProposed={onProposed}
      body={() => ({ chainId: Number(chainId), contractAddress: contractAddress.trim(), decimals: Number(decimals) })}>
      <Choice label="Asset" value={assetId} options={assets.map((asset) => asset.assetId)} onChange={setAssetId} />
      <Field label="Chain id" value={chainId} onChange={setChainId} placeholder="1" size={8} />
      <Field label="Contract address" value={contractAddress} onChange={setContract} placeholder="0x…" size={44} />
      <Field label="Decimals" value={decimals} onChange={setDecimals} size={4} />
    </ProposalForm>
  );
}

export function AccountLinkForm({ assets, onProposed }: { assets: readonly RegisteredAsset[]; onProposed: () => void }) {
  const [assetId, setAssetId] = useState(assets[0]!.assetId);
  const [custodian, setCustodian] = useState('');
  const [account, setAccount] = useState('');
  const complete = custodian.trim() && account.trim();
  return (
    <ProposalForm title="Link a custody account" path={complete ? assetPath(assetId, 'custody-accounts') : null} onProposed={onProposed}
      body={() => ({ custodian: custodian.trim(), account: account.trim() })}>
      <Choice label="Asset" value={assetId} options={assets.map((asset) => asset.assetId)} onChange={setAssetId} />
      <Field label="Custodian (BIC)" value={custodian} onChange={setCustodian} placeholder="BANKCHZZXXX" size={14} />
      <Field label="Account" value={account} onChange={setAccount} placeholder="SAFE-001" size={14} />
    </ProposalForm>
  );
}

const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY'];
const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

export function ScheduleForm({ accounts, onProposed }: { accounts: ReadonlyArray<{ custodian: string; account: string }>; onProposed: () => void }) {
  const keys = accounts.map(({ custodian, account }) => `${custodian}/${account}`);
  const [key, setKey] = useState(keys[0]!);
  const [frequency, setFrequency] = useState('DAILY');
  const [weekday, setWeekday] = useState('FRI');
  const [cutOff, setCutOff] = useState('18:00');
  const [timezone, setTimezone] = useState('Europe/Zurich');
  const [weekend, setWeekend] = useState('SAT, SUN');
  const [holidays, setHolidays] = useState('');
  const [grace, setGrace] = useState('2h');
  const [custodian, account] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
  const list = (text: string) => text.split(/[\s,]+/).map((item) => item.trim()).filter(Boolean);
  return (
    <ProposalForm title="Propose a statement schedule" onProposed={onProposed}
      path={cutOff && timezone ? `/custody/accounts/${encodeURIComponent(custodian)}/${encodeURIComponent(account)}/schedule-proposals` : null}
      body={() => ({
        frequency, ...(frequency === 'WEEKLY' ? { weekday } : {}), cutOff, timezone,
        calendar: { weekend: list(weekend).map((day) => day.toUpperCase()), holidays: list(holidays) },
        grace: required(parseDuration(grace), 'grace', 'a duration such as 2h or 1d 4h'),
      })}>
      <Choice label="Account" value={key} options={keys} onChange={setKey} />
      <Choice label="Frequency" value={frequency} options={FREQUENCIES} onChange={setFrequency} />
      {frequency === 'WEEKLY' && <Choice label="Weekday" value={weekday} options={WEEKDAYS} onChange={setWeekday} />}
      <Field label="Cut-off (local)" value={cutOff} onChange={setCutOff} size={6} />
      <Field label="Timezone" value={timezone} onChange={setTimezone} size={16} />
      <Field label="Weekend" value={weekend} onChange={setWeekend} size={10} />
      <Field label="Holidays (YYYY-MM-DD, …)" value={holidays} onChange={setHolidays} size={24} />
      <Field label="Grace" value={grace} onChange={setGrace} size={8} />
    </ProposalForm>
  );
}

const POLICY_DURATIONS: Array<[string, string]> = [
  ['stalenessDefault', 'Statement staleness (default)'],
  ['settlement', 'Settlement window'],
  ['mintBurn', 'Mint/burn window'],
  ['missingPage', 'Missing page window'],
  ['agedSettlementCriticalAfter', 'Aged settlement critical after'],
];

export function PolicyForm({ effective, onProposed }: { effective: ReconciliationPolicy; onProposed: () => void }) {
  const [tolerance, setTolerance] = useState(effective.tolerance);
  const [durations, setDurations] = useState<Record<string, string>>({
    stalenessDefault: formatDuration(effective.stalenessDefault),
    settlement: formatDuration(effective.windows.settlement),
    mintBurn: formatDuration(effective.windows.mintBurn),
    missingPage: formatDuration(effective.windows.missingPage),
    agedSettlementCriticalAfter: formatDuration(effective.agedSettlementCriticalAfter),
  });
  const duration = (name: string): Duration => required(parseDuration(durations[name] ?? ''), name, 'a duration such as 2h or 1d 4h');
  return (
    <ProposalForm title="Change the reconciliation policy" path={tolerance.trim() ? '/reconciliation/policy/proposals' : null} onProposed={onProposed}
      body={() => ({
        tolerance: tolerance.trim(),
        stalenessDefault: duration('stalenessDefault'),
        windows: { settlement: duration('settlement'), mintBurn: duration('mintBurn'), missingPage: duration('missingPage') },
        agedSettlementCriticalAfter: duration('agedSettlementCriticalAfter'),
      })}>
      <Field label="Tolerance (shares)" value={tolerance} onChange={setTolerance} size={12} />
      {POLICY_DURATIONS.map(([name, label]) => (
        <Field key={name} label={label} value={durations[name] ?? ''} onChange={(value) => setDurations((previous) => ({ ...previous, [name]: value }))} size={10} />
      ))}
    </ProposalForm>
  );
}
