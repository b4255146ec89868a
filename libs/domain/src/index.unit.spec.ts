import * as domain from '@recon/domain';

describe('The @recon/domain entry point', () => {
  describe('When the API layer imports it', () => {
    it('should expose a decider and a stream helper per aggregate', () => {
      expect(Object.keys(domain)).toEqual(expect.arrayContaining([
        'assetDecider', 'tradeDecider', 'issuanceDecider', 'custodyDecider', 'exceptionDecider',
        'assetStream', 'tradeStream', 'issuanceStream', 'custodyStream', 'exceptionStream',
        'upcast', 'currentSchemaVersion', 'isKnownEventType', 'DomainError', 'fold',
      ]));
    });
    it('should round-trip a decision through fold', () => {
      const metadata = { now: '2025-03-14T09:30:00Z', actor: 'alice' };
      const events = domain.assetDecider.decide(
        { type: 'RegisterAsset', data: { assetId: 'cspx', isin: 'IE00B5BMR087', symbol: 'bCSPX', name: 'Backed Core S&P 500', initialMultiplier: '1' }, metadata },
        domain.assetDecider.initialState(),
      );
      expect(domain.fold(domain.assetDecider, events).status).toBe('Registered');
    });
  });
});
