import { normaliseIdentity, sameIdentity } from './identity';

describe('identity', () => {
  describe('Given ids that differ only in case or surrounding spaces', () => {
    it('should normalise them to one id', () => {
      expect(normaliseIdentity('  Alice ')).toBe('alice');
      expect(normaliseIdentity('ALICE')).toBe('alice');
    });
    it('should take them as the same identity', () => {
      expect(sameIdentity('alice', ' ALICE\t')).toBe(true);
    });
  });
  describe('Given different people', () => {
    it('should tell them apart', () => {
      expect(sameIdentity('alice', 'bob')).toBe(false);
      expect(sameIdentity('alice', 'alice.b')).toBe(false);
    });
  });
});
