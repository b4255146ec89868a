import { exceptionDecider } from '../exception/decider';
import { fold } from '../shared/decider';
import { meta, NOW } from '../testing/fixtures';
import { ExceptionCommand } from '../exception/commands';
import { ExceptionEvent } from '../exception/events';
import { TEST_EXCEPTION_IDS } from '../testing/exception-ids';
import { capGroupOf, SYSTEMIC_ASSET_ID } from './exception-cap';
import { exceptionPassFor } from './exception-commands';
import { Finding } from './finding';
import { at, brokenEveryWay, POLICY, SAFE_1, with_, withStatements } from './testing/scenarios';
import { exceptionCommandsFor, exceptionIdFor, reconcileAsset } from './testing/with-test-ids';

const metadata = meta('reconciler');
const shortFinding = reconcileAsset(with_({ positions: [{ ...SAFE_1, quantity: '990', statementDate: '2025-03-13', statementReference: 'S', basis: 'SETTLED', eventIds: ['ev-stmt'] }] }), POLICY);
const underId = exceptionIdFor('aapl', 'under-collateralized', 'collateral');
const overId = exceptionIdFor('aapl', 'over-collateralized', 'collateral');

const pass = (plan: Partial<Parameters<typeof exceptionCommandsFor>[0]>) =>
  exceptionCommandsFor({ findings: [], groups: [], open: [], reconciledAssetIds: [], cap: 100, metadata, ...plan });
const kinds = (commands: readonly ExceptionCommand[]) =>
  commands.map((c) => [c.type, c.data.exceptionId, ...(c.type === 'FoldException' ? [c.data.intoExceptionId] : [])]);

describe('Exception commands for a reconciliation pass', () => {
  describe('When the pass finds a break', () => {
    it('should raise it with its subject and as-of', () =>
      expect(pass({ findings: shortFinding, reconciledAssetIds: ['aapl'] })).toEqual([{
        type: 'RaiseException',
        data: {
          exceptionId: underId, assetId: 'aapl', breakType: 'under-collateralized', severity: 'critical', subject: 'collateral', asOf: NOW,
          figures: shortFinding[0]!.figures, evidenceEventIds: ['ev-asset', 'ev-supply-1', 'ev-stmt'],
        },
        metadata,
      }]));
  });

  describe('When an open exception is no longer seen', () => {
    const overGroup = capGroupOf({ breakType: 'over-collateralized', fault: 'asset:aapl' });
    it('should clear it when its group was touched', () =>
      expect(pass({ groups: [overGroup], open: [{ exceptionId: overId, assetId: 'aapl', group: overGroup }], reconciledAssetIds: ['aapl'] })).toEqual([
        { type: 'ClearException', data: { exceptionId: overId, reason: 'break no longer seen by reconciliation', evidenceEventIds: [] }, metadata },
      ]));
    it('should clear one kept without a group when its asset was reconciled', () =>
      expect(kinds(pass({ open: [{ exceptionId: overId, assetId: 'aapl' }], reconciledAssetIds: ['aapl'] }))).toEqual([['ClearException', overId]]));
    it('should leave exceptions of assets and groups this pass did not touch', () =>
      expect(pass({ open: [{ exceptionId: overId, assetId: 'cspx' }, { exceptionId: 'other', assetId: 'aapl', group: 'supply-mismatch chain:1' }], reconciledAssetIds: ['aapl'] })).toEqual([]));
  });

  describe('When a fault crosses the cap', () => {
    const stale = (assetId: string) => reconcileAsset({
      ...withStatements({ expected: [{ ...SAFE_1, expectedDate: '2025-03-13', dueAt: '2025-03-14T07:00:00Z', eventIds: [] }] }), assetId,
    }, POLICY);
    const book = ['aapl', 'cspx', 'nvda'].flatMap(stale);
    const group = capGroupOf(book[0]!);
    const aggregate = exceptionIdFor(SYSTEMIC_ASSET_ID, 'stale-missing-statement', 'systemic:custodian:bank');
    const own = (assetId: string) => exceptionIdFor(assetId, 'stale-missing-statement', 'account:bank:SAFE-1');
    it('should raise the aggregate and fold the members\' own open exceptions into it, whichever asset the pass reconciled', () =>
      expect(kinds(pass({ findings: book, groups: [group], cap: 2, reconciledAssetIds: ['nvda'], open: [{ exceptionId: own('aapl'), assetId: 'aapl', group }, { exceptionId: own('cspx'), assetId: 'cspx', group }] })))
        .toEqual([['RaiseException', aggregate], ['FoldException', own('aapl'), aggregate], ['FoldException', own('cspx'), aggregate]]));
    it('should carry the affected subjects on the raise', () =>
      expect(pass({ findings: book, cap: 2 })[0]?.data).toMatchObject({ affected: expect.arrayContaining([{ assetId: 'nvda', subject: 'account:bank:SAFE-1' }]) }));
    it('should raise the members on their own again and clear the aggregate when the fault falls back to the cap', () =>
      expect(kinds(pass({ findings: book.slice(0, 2), groups: [group], cap: 2, reconciledAssetIds: ['nvda'], open: [{ exceptionId: aggregate, assetId: SYSTEMIC_ASSET_ID, group }] })))
        .toEqual([['RaiseException', own('aapl')], ['RaiseException', own('cspx')], ['ClearException', aggregate]]));
  });
});

describe('Exceptions held open, pass by pass', () => {
  // A reconciler in miniature: it keeps each asset's latest findings and the exceptions it holds open,
  // as the projector's tables do, and runs a pass over some assets at a time.
  const breakOn = (assetId: string, fault: string): Finding => ({
    exceptionId: exceptionIdFor(assetId, 'stale-missing-statement', `account:${fault}`), assetId, breakType: 'stale-missing-statement', severity: 'medium',
    subject: `account:${fault}`, fault, figures: {}, asOf: NOW, reason: 'late', evidenceEventIds: [`ev-${assetId}`],
  });
  type Book = ReadonlyMap<string, readonly Finding[]>;
  function runPasses(passes: ReadonlyArray<Book>, cap: number): string[] {
    const findings = new Map<string, readonly Finding[]>();
    const open = new Map<string, { exceptionId: string; assetId: string; group: string }>();
    for (const changes of passes) {
      const groups = [...changes.keys()].flatMap((assetId) => (findings.get(assetId) ?? []).map(capGroupOf));
      for (const [assetId, now] of changes) findings.set(assetId, now);
      const touched = new Set([...groups, ...[...changes.values()].flat().map(capGroupOf)]);
      const inGroups = [...findings.values()].flat().filter((f) => touched.has(capGroupOf(f))).sort((a, b) => a.exceptionId.localeCompare(b.exceptionId));
      const { commands, groupOf } = exceptionPassFor({
        findings: inGroups, groups, open: [...open.values()], reconciledAssetIds: [...changes.keys()], cap, metadata, ids: TEST_EXCEPTION_IDS,
      });
      for (const c of commands) {
        if (c.type === 'RaiseException') open.set(c.data.exceptionId, { exceptionId: c.data.exceptionId, assetId: c.data.assetId, group: groupOf.get(c.data.exceptionId)! });
        else open.delete(c.data.exceptionId);
      }
    }
    return [...open.keys()].sort();
  }
  // Six assets; a custodian outage comes and goes on some of them while a chain fault stays on two.
  const assets = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
  const history: Array<[string, Finding[]]> = [
    ...assets.map((a): [string, Finding[]] => [a, [breakOn(a, 'custodian:bank')]]),
    ['a1', [breakOn('a1', 'chain:1')]],
    ['a2', [breakOn('a2', 'custodian:bank'), breakOn('a2', 'chain:1')]],
    ['a3', []],
    ['a4', []],
    ['a5', [breakOn('a5', 'custodian:bank')]],
  ];
  const inBatches = (size: number): Book[] => {
    const batches: Book[] = [];
    for (let i = 0; i < history.length; i += size) batches.push(new Map(history.slice(i, i + size)));
    return batches;
  };

  describe('When the same history is reconciled one event at a time, in batches, or all at once', () => {
    it('should hold the same exceptions open at the end, for every cap', () => {
      for (const cap of [1, 2, 3, 4, 10]) {
        const oneByOne = runPasses(inBatches(1), cap);
        for (const size of [2, 3, 5, history.length]) expect({ cap, size, open: runPasses(inBatches(size), cap) }).toEqual({ cap, size, open: oneByOne });
      }
    });
    it('should hold the aggregate alone while the outage is over the cap, and the members alone once it is not', () => {
      const outage = exceptionIdFor(SYSTEMIC_ASSET_ID, 'stale-missing-statement', 'systemic:custodian:bank');
      expect(runPasses(inBatches(1).slice(0, 6), 3)).toEqual([outage]);
      expect(runPasses(inBatches(1), 3)).toEqual([...['a2', 'a5', 'a6'].map((a) => exceptionIdFor(a, 'stale-missing-statement', 'account:custodian:bank')),
        ...['a1', 'a2'].map((a) => exceptionIdFor(a, 'stale-missing-statement', 'account:chain:1'))].sort());
    });
  });
});

describe('Findings through the exception decider', () => {
  const raisesOf = (now: string) => exceptionCommandsFor({ findings: reconcileAsset(brokenEveryWay(), at(now)), groups: [], open: [], reconciledAssetIds: [], cap: 100, metadata: meta('reconciler', now) });
  const decide = (command: ReturnType<typeof raisesOf>[number], history: ReturnType<typeof exceptionDecider.decide> = []) =>
    exceptionDecider.decide(command, fold(exceptionDecider, history));

  describe('When every break is raised for the first time', () => {
    it('should be accepted and raised', () => {
      for (const command of raisesOf(NOW)) expect(decide(command).map((e) => e.type)).toEqual(['ExceptionRaised']);
    });
  });

  describe('When the next run sees the same breaks an hour later', () => {
    it('should record nothing at all: the figures do not depend on the time of the run', () => {
      const later = raisesOf('2025-03-14T10:30:00.000Z');
      for (const [index, command] of raisesOf(NOW).entries()) expect(decide(later[index]!, decide(command))).toEqual([]);
    });
  });

  describe('When the aged settlement escalates days later', () => {
    it('should record only that escalation', () => {
      const agedId = exceptionIdFor('aapl', 'failed-aged-settlement', 'trade:t1');
      const first = raisesOf(NOW).find((c) => c.data.exceptionId === agedId)!;
      const later = raisesOf('2025-03-20T00:00:00.000Z').find((c) => c.data.exceptionId === agedId)!;
      expect(decide(later, decide(first)).map((e) => [e.type, 'severity' in e.data ? e.data.severity : undefined])).toEqual([['ExceptionFiguresUpdated', 'critical']]);
    });
  });
});

describe('Reconciler passes after people closed a break with an approved outcome', () => {
  const short = (quantity: string, statementEventId = 'ev-stmt', now = NOW) => reconcileAsset(
    with_({ positions: [{ ...SAFE_1, quantity, statementDate: '2025-03-13', statementReference: 'S', basis: 'SETTLED', eventIds: [statementEventId] }] }),
    { ...POLICY, now },
  );
  /** What the exception stream records when the pass's commands go through the aggregate, one after the other. */
  const record = (history: ExceptionEvent[], findings: readonly Finding[], now = NOW): ExceptionEvent[] => {
    const commands = pass({ findings, reconciledAssetIds: ['aapl'], metadata: meta('reconciler', now), open: [{ exceptionId: underId, assetId: 'aapl' }] });
    const recorded: ExceptionEvent[] = [];
    for (const command of commands) recorded.push(...exceptionDecider.decide(command, fold(exceptionDecider, [...history, ...recorded])));
    return recorded;
  };
  const closedWith = (terms: Record<string, string>): ExceptionEvent[] => {
    const raised = record([], short('990'));
    const propose: ExceptionCommand = { type: 'ProposeResolution', data: { exceptionId: underId, proposalId: 'p1', ...terms }, metadata: meta('alice') };
    const proposed = exceptionDecider.decide(propose, fold(exceptionDecider, raised));
    const approve: ExceptionCommand = { type: 'ApproveResolution', data: { exceptionId: underId, proposalId: 'p1' }, metadata: meta('carol') };
    return [...raised, ...proposed, ...exceptionDecider.decide(approve, fold(exceptionDecider, [...raised, ...proposed]))];
  };
  const reopenReasons = (events: readonly ExceptionEvent[]) => events.map((e) => (e.type === 'ExceptionReopened' ? e.data.reason : e.type));

  describe('Given a difference of up to 15 accepted until 2025-03-31', () => {
    const history = closedWith({ outcome: 'accept-difference', reasonCode: 'TIMING', justification: 'late delivery', amount: '15', until: '2025-03-31' });
    it('should record nothing while the pass sees the same break', () => expect(record(history, short('990'))).toEqual([]));
    it('should record nothing while the shortfall stays within 15', () => expect(record(history, short('986', 'ev-stmt-2'))).toEqual([]));
    it('should reopen when the shortfall grows beyond 15', () =>
      expect(reopenReasons(record(history, short('980', 'ev-stmt-2')))).toEqual(['difference 20 exceeds accepted 15']));
    it('should reopen when the sweep runs after the last accepted day', () =>
      expect(reopenReasons(record(history, short('990', 'ev-stmt', '2025-04-01T06:00:00.000Z'), '2025-04-01T06:00:00.000Z'))).toEqual(['acceptance expired 2025-03-31']));
  });

  describe('Given the shortfall written off', () => {
    const history = closedWith({ outcome: 'write-off', reasonCode: 'BOOKING_ERROR', justification: 'booked twice' });
    it('should record the adjusting entry with the closure', () => expect(history.map((e) => e.type)).toContain('AdjustmentRecorded'));
    it('should record nothing while the pass sees the shortfall written off', () => expect(record(history, short('990', 'ev-stmt-2'))).toEqual([]));
    it('should reopen when what remains beyond the write-off exceeds tolerance', () =>
      expect(reopenReasons(record(history, short('989', 'ev-stmt-2')))).toEqual(['difference -11 net of written-off -10 leaves -1, beyond tolerance 0.000001']));
  });

  describe('Given the break fixed at source', () => {
    const history = closedWith({ outcome: 'fixed-at-source', reasonCode: 'CUSTODIAN_ERROR', justification: 'statement corrected' });
    it('should record nothing while the pass sees it on the statement it was closed on', () => expect(record(history, short('990'))).toEqual([]));
    it('should reopen when a newer statement still shows it', () =>
      expect(reopenReasons(record(history, short('990', 'ev-stmt-2')))).toEqual(['seen again on evidence ev-stmt-2']));
  });

  describe('Given the break gone and back', () => {
    const history = closedWith({ outcome: 'accept-difference', reasonCode: 'TIMING', justification: 'late delivery', amount: '15', until: '2025-03-31' });
    it('should record nothing when the pass no longer sees it (the clear of a closed exception is a retry)', () => expect(record(history, [])).toEqual([]));
  });
});
