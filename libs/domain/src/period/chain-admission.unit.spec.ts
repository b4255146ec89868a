import { fold } from '../shared/decider';
import { specification } from '../testing/decider-specification';
import { meta } from '../testing/fixtures';
import { admitChainFacts } from './admission';
import { periodDecider } from './decider';
import { PeriodSealed } from './events';

const spec = specification(periodDecider);
const sealed = (periodId: string, from: string, to: string): PeriodSealed => ({
  type: 'PeriodSealed', data: { periodId, from, to, chainHead: { position: '42', hash: 'a'.repeat(64) }, publicKey: 'pk', signature: 'sig', sealedBy: 'carol', sealedAt: meta().now },
});
const february = sealed('2026-02', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z');
const march = sealed('2026-03', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z');
const watcher = meta('chain-watcher');
const stream = 'chain-1-0x0000000000000000000000000000000000000001';
const scan = [
  { eventType: 'ChainTransferObserved', businessTime: '2026-02-27T10:00:00.000Z' },
  { eventType: 'ChainTransferObserved', businessTime: '2026-02-26T09:00:00.000Z' },
  { eventType: 'ChainMultiplierObserved', businessTime: '2026-03-02T09:00:00.000Z' },
  { eventType: 'TotalSupplyRead', businessTime: '2026-04-02T09:00:00.000Z' },
];

describe('Chain facts that arrive after their period was sealed', () => {
  describe('Given February and March sealed, and a scan whose blocks reach into both', () => {
    const state = fold(periodDecider, [february, march]);
    const commands = admitChainFacts(state, stream, 'scan-7', scan, watcher);
    it('should admit them as one correction per sealed period, with the watcher as actor and a reason, from the earliest block time', () =>
      expect(commands.map((c) => [c.data.correctionId, c.data.eventTypes, c.data.businessTime, c.metadata.actor])).toEqual([
        ['scan-7:2026-02', ['ChainTransferObserved'], '2026-02-26T09:00:00.000Z', 'chain-watcher'],
        ['scan-7:2026-03', ['ChainMultiplierObserved'], '2026-03-02T09:00:00.000Z', 'chain-watcher'],
      ]));
    it('should record each as an audited SealedPeriodCorrected, never a refusal', () =>
      spec.given([february, march]).when(commands[0]!).then([{
        type: 'SealedPeriodCorrected',
        data: { periodId: '2026-02', correctionId: 'scan-7:2026-02', streamId: stream, eventTypes: ['ChainTransferObserved'], businessTime: '2026-02-26T09:00:00.000Z',
          reason: commands[0]!.data.reason, correctedBy: 'chain-watcher', correctedAt: watcher.now },
      }]));
    it('should say why in the reason', () => expect(commands[0]!.data.reason).toMatch(/confirmed after period 2026-02 was sealed.*the chain is the record/));
  });

  describe('When the same scan is appended again', () => {
    it('should record its correction once', () => {
      const [first] = admitChainFacts(fold(periodDecider, [february]), stream, 'scan-7', scan, watcher);
      spec.given([february, ...periodDecider.decide(first!, fold(periodDecider, [february]))]).when(first!).then([]);
    });
  });

  describe('When no period is sealed where the blocks are', () => {
    it('should need no correction', () => expect(admitChainFacts(fold(periodDecider, [march]), stream, 'scan-8', scan.slice(0, 2), watcher)).toEqual([]));
  });
});
