import { NewEvent, WrongExpectedVersionError } from '@recon/event-store';
import { randomUUID } from 'node:crypto';
import { DryRunStore } from './dry-run-store';
import { scratchStore } from './testing/scratch-store';
const NOW = '2026-01-05T10:00:00.000Z';
const event = (eventId: string): NewEvent => ({ eventId, type: 'StatementReceived', schemaVersion: 1, data: { n: eventId }, metadata: {} });

describe('Dry-run store over PostgreSQL', () => {
  const store = scratchStore('dry_run');
  let real: ReturnType<typeof store>;

  beforeEach(async () => {
    real = store();
    await real.appendToStream('custody-A', [event(randomUUID())], 'no_stream');
  });

  it('should read a stream as stored plus its own appends, and leave the real store as it was', async () => {
    const dry = new DryRunStore(real, NOW);
    const added = randomUUID();
    await dry.appendToStream('custody-A', [event(added)], 0);
    await dry.appendToStream('custody-B', [event(randomUUID())], 'no_stream');
    expect((await dry.readStream('custody-A')).map((e) => [e.streamVersion, e.eventId === added])).toEqual([[0, false], [1, true]]);
    expect(await dry.streamVersion('custody-B')).toBe(0);
    expect([...dry.appended.keys()]).toEqual(['custody-A', 'custody-B']);
    expect(await real.streamVersion('custody-A')).toBe(0);
    expect(await real.streamVersion('custody-B')).toBe(-1);
    expect(await real.readAll({ maxCount: 100 })).toHaveLength(1);
  });

  it('should keep the real store\'s rules: the expected version, and an append of ids already there changes nothing', async () => {
    const dry = new DryRunStore(real, NOW);
    await expect(dry.appendToStream('custody-A', [event(randomUUID())], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedVersionError);
    const [stored] = await real.readStream('custody-A');
    expect(await dry.appendToStream('custody-A', [event(stored!.eventId)], 'any')).toMatchObject({ idempotent: true, nextExpectedVersion: 0 });
    expect(dry.appended.size).toBe(0);
  });

  it('should page a stream from a version like the real store', async () => {
    const dry = new DryRunStore(real, NOW);
    await dry.appendToStream('custody-A', [event(randomUUID()), event(randomUUID())], 0);
    expect((await dry.readStream('custody-A', { fromVersion: 1, maxCount: 1 })).map((e) => e.streamVersion)).toEqual([1]);
  });
});
