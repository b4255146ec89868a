import { custodyDecider, CustodyEvent } from '@recon/domain';
import { StatementMappingError } from '../errors';
import { parseMt535 } from '../mt535/parse-mt535';
import { parseSemt002 } from '../semt002/parse-semt002';
import { HoldingsStatement } from '../statement';
import { fixture } from '../testing/fixtures';
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

      it('then each account gets its own statement page with share quantities as decimal text', () => {
        expect(drafts).toEqual([
          {
            custodian: 'CUSTCHZZ',
            account: 'SAFE-1000',
            statementReference: 'HOLD20240628',
            page: 1,
            lastPage: true,
            asOf: '2024-06-28',
            basis: 'SETTLED',
            completeness: 'COMPLETE',
            positions: [
              { isin: 'US0378331005', quantity: '1234.5', available: '1200', notAvailable: '34.5' },
              { isin: 'IE00B5BMR087', quantity: '800.25' },
            ],
          },
          expect.objectContaining({ account: 'SAFE-1000-TRD', positions: [{ isin: 'US5949181045', quantity: '50.2', available: '50.2' }] }),
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

  describe.each([
    ['a cancellation', parseMt535(fixture('mt535/cancel-duplicate.txt')), 'cancels an earlier statement'],
    ['bonds in face amount, identified by local codes only', parseMt535(fixture('mt535/prowide-bonds-subbal.txt')), 'has no ISIN'],
    ['a contractual-basis report', { ...single, basis: 'CONTRACTUAL' as const }, 'contractual basis'],
    ['a holding in face amount', { ...single, positions: apple ? [{ ...apple, aggregate: { type: 'FAMT' as const, units: 1n } }] : [] }, 'is in FAMT, not in units'],
  ])('Given %s', (_case, statement, reason) => {
    it('then the mapping refuses it rather than misstate the holding', () => {
      expect(() => toStatementContents(statement)).toThrow(StatementMappingError);
      expect(() => toStatementContents(statement)).toThrow(reason);
    });
  });
});
