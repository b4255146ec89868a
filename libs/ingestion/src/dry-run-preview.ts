import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AccountFacts, accountFactsKey, AccountRef, AnyDomainEvent, assessAsset, dailyStatementCalendar, factKeysOf, FactEvent, FactsDocument, Finding, foldFacts, holdingsOfAccount, policyInForce, ReconciliationPolicy, snapshotOf,
} from '@recon/domain';
import { EventStore, RecordedEvent } from '@recon/event-store';
import { EventCodec } from '@recon/command-execution';
import { EXCEPTION_IDS } from '@recon/platform';
import { storedPages } from './stored-pages';

export class PositionPreview {
  @ApiProperty({ example: 'CUSTCHZZ' }) custodian!: string;
  @ApiProperty({ example: 'SAFE-1000' }) account!: string;
  @ApiProperty({ example: 'US0378331005' }) isin!: string;
  @ApiPropertyOptional({ example: '1500', description: 'Shares the account holds now, as the reconciler reads its statements; absent: none recorded' }) before?: string;
  @ApiPropertyOptional({ example: '1450', description: 'Shares it would hold with the file taken' }) after?: string;
}

export class BreakPreview {
  @ApiProperty({ example: 'bAAPL' }) assetId!: string;
  @ApiProperty({ example: 'under-collateralized' }) breakType!: string;
  @ApiProperty({ example: 'collateral' }) subject!: string;
  @ApiProperty({ example: 'critical' }) severity!: string;
  @ApiProperty() reason!: string;
}

export class DryRunPreview {
  @ApiProperty({ type: [PositionPreview], description: 'Per account and ISIN of the accounts the file touches: holdings before and after' }) positions!: PositionPreview[];
  @ApiProperty({ type: [BreakPreview], description: 'Breaks the reconciler would raise once the file is taken' }) opening!: BreakPreview[];
  @ApiProperty({ type: [BreakPreview], description: 'Breaks open now that the file would clear' }) clearing!: BreakPreview[];
}

function factsOf(recorded: RecordedEvent, codec: EventCodec): FactEvent {
  return { eventId: recorded.eventId, recordedAt: recorded.recordedAt, event: codec.decode(recorded) as AnyDomainEvent };
}

function fold(docs: Map<string, FactsDocument>, facts: readonly FactEvent[]): void {
  const perKey = new Map<string, FactEvent[]>();
  for (const fact of facts) for (const key of factKeysOf(fact.event)) perKey.set(key, [...(perKey.get(key) ?? []), fact]);
  for (const [key, list] of perKey) docs.set(key, foldFacts(key, docs.get(key), list));
}

/** The facts documents of the whole store, folded exactly as the reconciler folds them. */
async function storedFacts(store: EventStore, codec: EventCodec): Promise<Map<string, FactsDocument>> {
  const docs = new Map<string, FactsDocument>();
  for await (const page of storedPages(store)) fold(docs, page.map((recorded) => factsOf(recorded, codec)));
  return docs;
}

const breakKey = (finding: Finding): string => `${finding.assetId}|${finding.breakType}|${finding.subject}`;
const breakPreview = ({ assetId, breakType, subject, severity, reason }: Finding): BreakPreview => ({ assetId, breakType, subject, severity, reason });

function findingsOf(docs: ReadonlyMap<string, FactsDocument>, assetIds: readonly string[], policy: ReconciliationPolicy, dueHourUtc: number): Map<string, Finding> {
  const assetIdsByIsin = new Map<string, string>();
  for (const doc of docs.values()) if (doc.kind === 'asset' && doc.registration) assetIdsByIsin.set(doc.registration.isin, doc.assetId);
  const findings = new Map<string, Finding>();
  for (const assetId of assetIds) {
    const doc = docs.get(`asset:${assetId}`);
    if (doc?.kind !== 'asset' || !doc.registration) continue;
    const snapshot = snapshotOf(assetId, docs, { assetIdsByIsin, now: policy.now, statementCalendar: dailyStatementCalendar(dueHourUtc) });
    for (const finding of assessAsset(snapshot, policy, EXCEPTION_IDS).findings) findings.set(breakKey(finding), finding);
  }
  return findings;
}

const quantities = (doc: AccountFacts | undefined): Map<string, string> =>
  new Map((doc && holdingsOfAccount(doc)?.lines.map((line): [string, string] => [line.isin, line.quantity])) ?? []);

function positionsOf(before: ReadonlyMap<string, FactsDocument>, after: ReadonlyMap<string, FactsDocument>, accountKeys: readonly string[]): PositionPreview[] {
  const rows: PositionPreview[] = [];
  for (const key of accountKeys) {
    const doc = after.get(key);
    if (doc?.kind !== 'account') continue;
    const previous = before.get(key);
    const was = quantities(previous?.kind === 'account' ? previous : undefined);
    const now = quantities(doc);
    for (const isin of [...new Set([...was.keys(), ...now.keys()])].sort()) {
      const b = was.get(isin);
      const a = now.get(isin);
      rows.push({ custodian: doc.custodian, account: doc.account, isin, ...(b === undefined ? {} : { before: b }), ...(a === undefined ? {} : { after: a }) });
    }
  }
  return rows;
}

/**
 * What a dry run's events would change, judged by the same fold and rules as the reconciler: the
 * stored events and then the run's are folded into facts documents, and the assets linked to the
 * touched accounts are assessed on each at the same instant (`policy.now`) and by the policy in
 * force (`policy` is the settings' defaults), so only the file makes a difference. Reads the whole
 * store once: a dry run is an operator's question, not the hot path.
 */
export async function previewOf(
  store: EventStore, codec: EventCodec, run: { readonly accounts: readonly AccountRef[]; readonly appended: ReadonlyMap<string, readonly RecordedEvent[]> },
  policy: ReconciliationPolicy, dueHourUtc: number,
): Promise<DryRunPreview> {
  const before = await storedFacts(store, codec);
  // The approved policy on file, as the reconciler would judge by it (the defaults when none was).
  const judging = { ...policyInForce(before, policy), now: policy.now };
  const facts = [...run.appended.values()].flat().map((recorded) => factsOf(recorded, codec));
  const after = new Map(before);
  fold(after, facts);
  // The file's own accounts (also when it changes nothing), and any other account its events reach.
  const accountKeys = [...new Set([...run.accounts.map(accountFactsKey), ...facts.flatMap((fact) => factKeysOf(fact.event)).filter((key) => key.startsWith('account:'))])].sort();
  const assetIds = [...new Set(accountKeys.flatMap((key) => { const doc = after.get(key); return doc?.kind === 'account' ? doc.linkedAssetIds : []; }))].sort();
  const was = findingsOf(before, assetIds, judging, dueHourUtc);
  const will = findingsOf(after, assetIds, judging, dueHourUtc);
  return {
    positions: positionsOf(before, after, accountKeys),
    opening: [...will].filter(([key]) => !was.has(key)).map(([, finding]) => breakPreview(finding)),
    clearing: [...was].filter(([key]) => !will.has(key)).map(([, finding]) => breakPreview(finding)),
  };
}
