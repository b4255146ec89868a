import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import { bigintToPosition, positionToBigint, toEsdbExpectedRevision } from './eventstoredb-event-store';

describe('EventStoreDB mapping', () => {
  it('maps expected versions to ESDB expected revisions', () => {
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision(-1)).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
  });

  it('packs (commit, prepare) into one bigint losslessly and in $all order', () => {
    const positions = [
      { commit: 0n, prepare: 0n },
      { commit: 100n, prepare: 90n },
      { commit: 100n, prepare: 100n },
      { commit: 101n, prepare: 0n },
      { commit: 2n ** 62n, prepare: 2n ** 63n - 1n },
    ];
    const packed = positions.map(positionToBigint);
    for (let i = 1; i < packed.length; i++) expect(packed[i] > packed[i - 1]).toBe(true);
    expect(packed.map(bigintToPosition)).toEqual(positions);
  });
});
