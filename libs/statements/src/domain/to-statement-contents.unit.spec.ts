import { custodyDecider, CustodyEvent, DomainError } from '@recon/domain';
import { parseMt535 } from '../mt535/parse-mt535';
import { parseSemt002 } from '../semt002/parse-semt002';
import { HoldingsStatement } from '../statement';
import { fixture } from '../testing/fixtures';
import { StatementFieldError } from './mapping-error';
import { parseMt536 } from '../mt536/parse-mt536';
import { toCustodyMovements } from './to-custody-movements';
import { toStatementCancellation, toTransactionsCancellation } from './to-statement-cancellation';
import { toStatementContents } from './to-statement-contents';

const NOW = '2024-06-28T18:00:00.000Z';
const single = parseMt535(fixture('mt535/equities-single-page.txt'));
const [apple] = single.positions;

/** What the ingestion edge will do: give each draft its id and let the custody decider take it. */
function receive(statement: HoldingsStatement): CustodyEvent[] {
  return toStatementContents(statement).flatMap((draft) =>
    custodyDecider.decide(
      { type: 'ReceiveStatement', data: { ...draft, statementId: `${draft.custodian}-${draft.statementReference}-${draft.page}-${draft.account}` }, metadata: { now: NOW, actor: 'file-drop' } },
      custodyDecider.initialState(),
    ),
  );
}

describe('Mapping a parsed statement onto the domain', () => {
  describe('Given a statement with its own positions and a sub-safekeeping account', () => {
    describe('When it is mapped', () => {
      const drafts = toStatementContents(single);

      it('then each account gets its own statement page with quantities as decimal text and their type', () => {
        expect(drafts).toEqual([
          {
            custodian: 'CUSTCHZZ',
            account: 'SAFE-1000',
            statementReference: 'HOLDINGS|CUSTCHZZ|SAFE-1000|2024-06-28T17:30:00|CUST|SETT',
            messageReference: 'HOLD20240628',
            page: 1,
            lastPage: true,
            asOf: '2024-06-28',
            basis: 'SETTLED',
            completeness: 'COMPLETE',
            positions: [
              // 93C::BLOK//UNIT/NAVL/34,5: every sub-balance goes with the position, with its availability.
              { isin: 'US0378331005', quantity: '1234.5', available: '1200', notAvailable: '34.5', quantityType: 'UNIT', subBalances: [{ code: 'BLOK', quantity: '34.5', availability: 'NOT_AVAILABLE' }] },
              { isin: 'IE00B5BMR087', quantity: '800.25', quantityType: 'UNIT' },
            ],
            pageAccounts: ['SAFE-1000', 'SAFE-1000-TRD'],
          },
          expect.objectContaining({
            account: 'SAFE-1000-TRD',
            positions: [{ isin: 'US5949181045', quantity: '50.2', available: '50.2', quantityType: 'UNIT', subBalances: [{ code: 'PEND', quantity: '-10', availability: 'AVAILABLE' }] }],
          }),
        ]);
      });

      it('then the custody decider records every page as received', () => {
        expect(receive(single).map((event) => [event.type, event.data.account])).toEqual([
          ['StatementReceived', 'SAFE-1000'],
          ['StatementReceived', 'SAFE-1000-TRD'],
        ]);
      });

      it('then MT535 and semt.002 of the same holdings give the same domain content', () => {
        expect(toStatementContents(parseSemt002(fixture('semt002/equities-v11.xml')))).toEqual(drafts);
      });
    });
  });

  describe('Given a complete statement of an account that holds nothing', () => {
    it('then one empty page says so', () => {
      const empty = parseMt535(fixture('mt535/prowide-empty-holdings.txt'));
      expect(toStatementContents(empty)).toEqual([expect.objectContaining({ account: 'ABC', positions: [] })]);
    });
  });

  describe('Given a statement whose positions are all on its sub-safekeeping account', () => {
    const onlySub = { ...single, positions: [] };
    it('then the statement\'s own account still gets the page, empty, so that every page names it', () => {
      expect(toStatementContents(onlySub).map((draft) => [draft.account, draft.positions.length, draft.pageAccounts])).toEqual([
        ['SAFE-1000', 0, ['SAFE-1000', 'SAFE-1000-TRD']],
        ['SAFE-1000-TRD', 1, ['SAFE-1000', 'SAFE-1000-TRD']],
      ]);
    });
  });

  describe('Given a copy (23G NEWM/COPY)', () => {
    it('then every page says so', () => expect(toStatementContents({ ...single, copy: 'COPY' }).map((draft) => draft.copy)).toEqual(['COPY', 'COPY']));
  });

  describe('Given a holding in face amount', () => {
    const bond = { ...single, positions: apple ? [{ ...apple, aggregate: { type: 'FAMT' as const, units: 1n }, available: undefined, notAvailable: undefined, subBalances: [] }] : [] };
    it('then the type goes with it and the custody decider refuses it as no number of shares', () => {
      const [draft] = toStatementContents(bond);
      expect(draft?.positions[0]?.quantityType).toBe('FAMT');
      expect(() => receive(bond)).toThrow(DomainError);
      expect(() => receive(bond)).toThrow('holdings are recorded in shares (UNIT), this one is in FAMT');
    });
  });

  describe('Given sub-balances as the formats state them', () => {
    const withSubBalances = (subBalances: HoldingsStatement['positions'][number]['subBalances']): HoldingsStatement =>
      ({ ...single, subAccounts: [], positions: apple ? [{ ...apple, subBalances }] : [] });
    const unit = (units: bigint) => ({ type: 'UNIT' as const, units });
    const subBalancesOf = (statement: HoldingsStatement) => toStatementContents(statement)[0]?.positions[0]?.subBalances;

    it('then a semt.002 breakdown without QtyAndAvlbty is available only for AWAS and AVAI', () =>
      expect(subBalancesOf(withSubBalances([
        { type: 'AWAS', quantity: unit(1200n * 10n ** 18n), quantityDecimal: '1200' },
        { type: 'PEND', quantity: unit(34n * 10n ** 18n), quantityDecimal: '34', dataSourceScheme: undefined },
      ]))).toEqual([{ code: 'AWAS', quantity: '1200', availability: 'AVAILABLE' }, { code: 'PEND', quantity: '34', availability: 'NOT_AVAILABLE' }]));

    it('then a 93B AGGR per place of safekeeping is left out and its AVAI / NAVL parts kept with the place', () =>
      expect(subBalancesOf(withSubBalances([
        { type: 'AGGR', quantity: unit(10n), quantityDecimal: '0.00000000000000001', placeOfSafekeeping: 'CEDELULL' },
        { type: 'NAVL', quantity: unit(10n), quantityDecimal: '0.00000000000000001', availability: 'NOT_AVAILABLE', placeOfSafekeeping: 'CEDELULL' },
      ]))).toEqual([{ code: 'NAVL', quantity: '0.00000000000000001', availability: 'NOT_AVAILABLE', placeOfSafekeeping: 'CEDELULL' }]));

    it('then a sub-balance in another quantity type than the holding is refused, naming it', () =>
      expect(() => toStatementContents(withSubBalances([{ type: 'BLOK', quantity: { type: 'FAMT', units: 1n }, quantityDecimal: '0.000000000000000001', availability: 'NOT_AVAILABLE' }])))
        .toThrow('US0378331005: sub-balance BLOK is in FAMT, the aggregate balance in UNIT'));
  });

  describe('Given a cancellation', () => {
    const cancellation = parseMt535(fixture('mt535/cancel-duplicate.txt'));
    it('then it names the message to withdraw (its PREV) under its statement key, per account it lists', () =>
      expect(toStatementCancellation(cancellation)).toEqual([
        { custodian: 'CUSTCHZZ', account: 'SAFE-1000', statementReference: 'HOLDINGS|CUSTCHZZ|SAFE-1000|2024-06-28T17:30:00|CUST|SETT', cancels: 'HOLD20240628', asOf: '2024-06-28' },
      ]));
    it('then it is no statement content', () => expect(() => toStatementContents(cancellation)).toThrow('cancels a statement'));
    it('then a new statement is no cancellation', () => expect(() => toStatementCancellation(single)).toThrow('is not a cancellation'));
  });

  describe('Given a cancellation of a statement of transactions (MT536)', () => {
    const cancellation = parseMt536(fixture('mt536/cancel.txt'));
    it('then it names the statement of transactions to withdraw, per account it lists', () =>
      expect(toTransactionsCancellation(cancellation)).toEqual([{ custodian: 'CUSTCHZZ', account: 'SAFE-1000', statementReference: 'TXN20240628', asOf: '2024-06-28' }]));
    it('then it is no movements', () => expect(() => toCustodyMovements(cancellation)).toThrow('cancels a statement of transactions'));
    it('then a new statement of transactions is no cancellation', () =>
      expect(() => toTransactionsCancellation(parseMt536(fixture('mt536/transactions.txt')))).toThrow('is not a cancellation'));
  });

  describe.each([
    ['bonds identified by local codes only', parseMt535(fixture('mt535/prowide-bonds-subbal.txt')), 'isin', 'has no ISIN'],
    ['a contractual-basis report', { ...single, basis: 'CONTRACTUAL' as const }, 'basis', 'contractual'],
    ['balances in different quantity types', { ...single, positions: apple ? [{ ...apple, available: { type: 'FAMT' as const, units: 1n } }] : [] }, 'available', 'is in FAMT, the aggregate balance in UNIT'],
  ])('Given %s', (_case, statement, field, reason) => {
    it('then the mapping refuses it, naming the field, rather than misstate the holding', () => {
      expect(() => toStatementContents(statement)).toThrow(reason);
      expect(() => toStatementContents(statement)).toThrow(expect.objectContaining({ field }));
      expect(() => toStatementContents(statement)).toThrow(StatementFieldError);
    });
  });
});
