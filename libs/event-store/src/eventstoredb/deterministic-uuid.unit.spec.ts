import { isUuid, toEsdbEventId, uuidV5 } from './deterministic-uuid';

describe('deterministic event ids for EventStoreDB', () => {
  it('matches the RFC 4122 v5 test vector (DNS namespace, "www.example.com")', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('derives the same UUID for the same natural key and different ones for different keys', () => {
    const a = toEsdbEventId('1:0xabc:7');
    expect(isUuid(a)).toBe(true);
    expect(a[14]).toBe('5');
    expect(toEsdbEventId('1:0xabc:7')).toBe(a);
    expect(toEsdbEventId('1:0xabc:8')).not.toBe(a);
  });

  it('keeps UUID ids, lower-cased', () => {
    expect(toEsdbEventId('2ED6657D-E927-568B-95E1-2665A8AEA6A2')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});
