import { SEVERITIES, Severity } from '../exception/break-types';
import { ExceptionIds } from '../exception/exception-id';
import { orderBy } from '../matching/order';
import { DomainError } from '../shared/decider';
import { Finding, uniqueIds } from './finding';

/** Asset id of an aggregate whose breaks span several assets: no single asset owns the fault. */
export const SYSTEMIC_ASSET_ID = 'systemic';

/**
 * The group the cap counts a finding in: one break type of one fault. Text a database column can
 * keep (no NUL); break types have no spaces, so the first space ends the break type.
 */
export const capGroupOf = (f: Pick<Finding, 'breakType' | 'fault'>): string => `${f.breakType} ${f.fault}`;
const worst = (severities: readonly Severity[]): Severity => severities.reduce((a, b) => (SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a));

function aggregateOf(members: readonly Finding[], ids: ExceptionIds): Finding {
  const first = members[0]!;
  const assets = [...new Set(members.map((m) => m.assetId))].sort();
  const assetId = assets.length === 1 ? assets[0]! : SYSTEMIC_ASSET_ID;
  const subject = `systemic:${first.fault}`;
  const affected = orderBy(members, (m) => [m.assetId, m.subject]).map(({ assetId: a, subject: s }) => ({ assetId: a, subject: s }));
  const sample = affected.slice(0, 3).map((a) => `${a.assetId} ${a.subject}`).join(', ');
  return {
    exceptionId: ids.idFor(assetId, first.breakType, subject),
    assetId,
    breakType: first.breakType,
    severity: worst(members.map((m) => m.severity)),
    subject,
    fault: first.fault,
    figures: { affected: String(members.length), affectedAssets: String(assets.length) },
    asOf: members.map((m) => m.asOf).sort().at(-1)!,
    reason: `${members.length} ${first.breakType} breaks on ${assets.length} asset(s) share one fault (${first.fault}): ${sample}${members.length > 3 ? ', ...' : ''}`,
    evidenceEventIds: uniqueIds(members.map((m) => m.evidenceEventIds)),
    affected,
  };
}

/**
 * One systemic fault (a custodian whose statements did not come, a chain whose indexer stalled)
 * makes the same break on many assets or accounts at once. When more than `cap` findings share a
 * break type and a fault, they are replaced by ONE aggregate finding that names the fault, counts
 * the breaks (figures `affected`, `affectedAssets`) and lists them (`affected`), at the worst of
 * their severities, on the one asset they share or on SYSTEMIC_ASSET_ID. Groups of `cap` or fewer
 * pass through unchanged; the aggregate takes the place of its first member, so order is kept.
 *
 * Apply it to every finding of the book in a group, not to one pass's: exceptionCommandsFor does,
 * and folds the members' own open exceptions into the aggregate.
 */
export function applyExceptionCap(findings: readonly Finding[], cap: number, ids: ExceptionIds): Finding[] {
  if (!Number.isSafeInteger(cap) || cap < 1) throw new DomainError('INVALID_FIELD', `cap: must be a positive integer (got ${cap})`);
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const members = groups.get(capGroupOf(finding));
    if (members) members.push(finding);
    else groups.set(capGroupOf(finding), [finding]);
  }
  const emitted = new Set<string>();
  return findings.flatMap((finding) => {
    const key = capGroupOf(finding);
    const members = groups.get(key)!;
    if (members.length <= cap) return [finding];
    if (emitted.has(key)) return [];
    emitted.add(key);
    return [aggregateOf(members, ids)];
  });
}
