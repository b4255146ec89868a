import { ASSET_EVENT_TYPES } from '../asset/events';
import { CHAIN_EVENT_TYPES } from '../chain/events';
import { CHANGE_EVENT_TYPES } from '../change/events';
import { CUSTODY_EVENT_TYPES } from '../custody/events';
import { EXCEPTION_EVENT_TYPES } from '../exception/events';
import { ISSUANCE_EVENT_TYPES } from '../issuance/events';
import { TRANSFER_CLAIM_EVENT_TYPES } from '../issuance/transfer-claim';
import { PERIOD_EVENT_TYPES } from '../period/events';
import { POLICY_EVENT_TYPES } from '../policy/events';
import { SCHEDULE_EVENT_TYPES } from '../schedule/events';
import { TRADE_EVENT_TYPES } from '../trade/events';
import { EVENT_TYPES } from './registry';
import { currentSchemaVersion, EventSchemaError, isKnownEventType, upcast } from './upcast';

const v1AssetRegistered = { assetId: 'aapl', isin: 'US0378331005', ticker: 'bAAPL', name: 'Backed Apple', registeredAt: '2024-01-02T09:00:00Z' };

describe('Event catalogue', () => {
  describe('When listing event types', () => {
    it('should hold exactly the events of the eleven aggregates, PascalCase', () => {
      const declared = [...ASSET_EVENT_TYPES, ...TRADE_EVENT_TYPES, ...ISSUANCE_EVENT_TYPES, ...TRANSFER_CLAIM_EVENT_TYPES, ...CHAIN_EVENT_TYPES, ...CUSTODY_EVENT_TYPES, ...SCHEDULE_EVENT_TYPES, ...POLICY_EVENT_TYPES, ...EXCEPTION_EVENT_TYPES, ...PERIOD_EVENT_TYPES, ...CHANGE_EVENT_TYPES];
      expect([...EVENT_TYPES].sort()).toEqual([...declared].sort());
      for (const type of EVENT_TYPES) expect(type).toMatch(/^[A-Z][a-zA-Z]+$/);
    });
    it('should know a registered type', () => expect(isKnownEventType('TradeSettled')).toBe(true));
    it('should not know a class-like or inherited name', () => {
      expect(isKnownEventType('tradeSettled')).toBe(false);
      expect(isKnownEventType('toString')).toBe(false);
    });
  });

  describe('When an AssetRegistered v1 is read', () => {
    it('should be at version 2 now', () => expect(currentSchemaVersion('AssetRegistered')).toBe(2));
    it('should rename ticker to symbol and default the multiplier to one share per token', () =>
      expect(upcast('AssetRegistered', 1, v1AssetRegistered)).toEqual({
        type: 'AssetRegistered',
        data: { assetId: 'aapl', isin: 'US0378331005', symbol: 'bAAPL', name: 'Backed Apple', initialMultiplier: '1', registeredAt: '2024-01-02T09:00:00Z' },
      }));
    it('should not alter the stored data it was given', () => {
      const stored = { ...v1AssetRegistered };
      upcast('AssetRegistered', 1, stored);
      expect(stored).toEqual(v1AssetRegistered);
    });
  });

  describe('When a CustodyAccountLinked v1 is read', () => {
    const v1Link = (custodian: string) => ({ assetId: 'aapl', custodian, account: 'SAFE-1', linkedAt: '2024-01-02T09:00:00Z' });
    it('should be at version 2 now', () => expect(currentSchemaVersion('CustodyAccountLinked')).toBe(2));
    it('should store a BIC11 with the head office branch XXX as its BIC8', () =>
      expect(upcast('CustodyAccountLinked', 1, v1Link('CUSTCHZZXXX'))).toEqual({ type: 'CustodyAccountLinked', data: v1Link('CUSTCHZZ') }));
    it('should upper-case a BIC typed in lower case', () => expect(upcast('CustodyAccountLinked', 1, v1Link('custchzz')).data).toEqual(v1Link('CUSTCHZZ')));
    it('should keep a real branch', () => expect(upcast('CustodyAccountLinked', 1, v1Link('CUSTCHZZ001')).data).toEqual(v1Link('CUSTCHZZ001')));
    it('should keep a custodian that is no BIC as it was stored', () => expect(upcast('CustodyAccountLinked', 1, v1Link('BANK')).data).toEqual(v1Link('BANK')));
  });

  describe('When a current event is read', () => {
    it('should pass the data through unchanged', () => {
      const data = { tradeId: 't1', assetId: 'aapl', reason: 'x', cancelledAt: '2025-01-01T00:00:00Z' };
      expect(upcast('TradeCancelled', 1, data)).toEqual({ type: 'TradeCancelled', data });
    });
  });

  describe('When a stored event cannot be read', () => {
    it('should refuse an unknown type', () => expect(() => upcast('TradeSettledV9', 1, {})).toThrow(EventSchemaError));
    it('should refuse a version newer than the code', () => expect(() => upcast('AssetRegistered', 3, {})).toThrow('newer than'));
    it('should refuse to give a version for an unknown type', () => expect(() => currentSchemaVersion('OrderPlaced')).toThrow(EventSchemaError));
    it('should refuse version 0', () => expect(() => upcast('TradeSettled', 0, {})).toThrow('start at 1'));
  });
});
