import { shortExceptionId, subjectLabel } from './subject-label';

describe('What an exception is about', () => {
  describe('Given the subject key of each kind of break', () => {
    it.each([
      ['collateral', { isin: 'US0378331005' }, 'ISIN US0378331005'],
      ['collateral', {}, 'collateral of the asset'],
      ['chain:8453', {}, 'chain 8453'],
      [`transfer:1:0x${'ab'.repeat(32)}:3`, {}, `chain 1 tx 0x${'ab'.repeat(32)} log 3`],
      ['request:R-7', {}, 'issuance request R-7'],
      ['trade:T1', {}, 'trade T1'],
      ['confirmation:C9', {}, 'settlement confirmation C9'],
      ['account:CUSTCHZZ:SAFE-1', {}, 'account CUSTCHZZ/SAFE-1'],
      ['isin:CUSTCHZZ:SAFE-1:US0378331005', {}, 'ISIN US0378331005 in account CUSTCHZZ/SAFE-1'],
      ['statement:CUSTCHZZ:SAFE-1:HOLDINGS|CUSTCHZZ|SAFE-1|2024-06-28T17:30:00|CUST|SETT', {}, 'statement HOLDINGS|CUSTCHZZ|SAFE-1|2024-06-28T17:30:00|CUST|SETT of account CUSTCHZZ/SAFE-1'],
      ['duplicate:bank-S1-1', {}, 'statement page bank-S1-1'],
      ['movement:CUSTCHZZ:SAFE-1:M1', {}, 'custody movement M1 in account CUSTCHZZ/SAFE-1'],
      ['systemic:custodian:CUSTCHZZ', {}, 'one fault: custodian:CUSTCHZZ'],
    ])('then %s reads as what it is about', (subject, context, label) => expect(subjectLabel(subject, context)).toBe(label));
  });

  describe('Given an exception raised before subjects were kept, or of an unknown kind', () => {
    it('then it shows a dash for none and the key itself otherwise', () => {
      expect(subjectLabel(null)).toBe('—');
      expect(subjectLabel('something:new')).toBe('something:new');
    });
  });

  describe('Given exception ids', () => {
    it('then people see the break type and 8 characters of the hash', () =>
      expect(shortExceptionId('under-collateralized-86df673c293ebd904a3e24624a7372c1')).toBe('under-collateralized-86df673c'));
    it('then an id of another shape is shown whole', () => expect(shortExceptionId('x1')).toBe('x1'));
  });
});
