import { StatementParseError } from '../errors';
import { parseErrorOf } from '../testing/expect-parse-error';
import { fixtureText, lineStarting } from '../testing/fixtures';
import { parseSemt002 } from './parse-semt002';

const v11 = fixtureText('semt002/equities-v11.xml');
const page = (change: (text: string) => string) => parseSemt002(change(v11), { fileName: 'page.xml' });

describe('semt.002 message identity, pages and problems', () => {
  describe('Given a report wrapped with its business application header', () => {
    const statement = page((text) => text);
    it('then the message reference is the BizMsgIdr and the sender the AppHdr From, in normal form (BIC11 XXX → BIC8)', () => {
      expect(statement).toMatchObject({ messageReference: 'HOLD20240628', senderBic: 'CUSTCHZZ', custodian: 'CUSTCHZZ', messageFunction: 'NEWM', pageNumber: 1, continuation: 'ONLY', linkedReferences: [] });
    });
  });

  describe('Given page 2 of 2, a duplicate that relates to page 1 (Rltd) under another BizMsgIdr', () => {
    const second = page((text) =>
      text
        .replace('<BizMsgIdr>HOLD20240628</BizMsgIdr>', '<BizMsgIdr>HOLD20240628-2</BizMsgIdr><CpyDplct>DUPL</CpyDplct>')
        .replace('<CreDt>2024-06-28T17:31:00Z</CreDt>', '<CreDt>2024-06-28T17:31:00Z</CreDt><Rltd><BizMsgIdr>HOLD20240628</BizMsgIdr><MsgDefIdr>semt.002.001.11</MsgDefIdr></Rltd>')
        .replace('<ns2:PgNb>1</ns2:PgNb>', '<ns2:PgNb>2</ns2:PgNb>'),
    );
    it('then it links page 1, says it is the last of several and a duplicate, and shares page 1\'s statement key', () => {
      expect(second).toMatchObject({ messageReference: 'HOLD20240628-2', linkedReferences: ['HOLD20240628'], pageNumber: 2, continuation: 'LAST', copyOrDuplicate: 'DUPL', copy: 'DUPLICATE' });
      expect(second.statementKey).toBe(page((text) => text).statementKey);
    });
  });

  describe('Given a report with three problems: a bad statement date and two bad quantities', () => {
    const damaged = v11.replace('<ns2:Unit>1234.5</ns2:Unit>', '<ns2:Unit>12x4.5</ns2:Unit>').replace('<ns2:Unit>800.25</ns2:Unit>', '<ns2:Unit>-800.25</ns2:Unit>');
    const withDate = damaged.replace(/<ns2:DtTm>[^<]*<\/ns2:DtTm>/, '<ns2:DtTm>2024-02-30T17:30:00</ns2:DtTm>');
    const error = parseErrorOf(() => parseSemt002(withDate, { fileName: 'bad.xml' }));
    it('then all three are listed with line, XPath and field, in the order found', () => {
      expect(error).toBeInstanceOf(StatementParseError);
      expect(error.problems.map(({ line, field }) => ({ line, field }))).toEqual([
        { line: lineStarting(withDate, '                <ns2:Unit>12x4.5'), field: 'Unit (aggregate balance)' },
        { line: lineStarting(withDate, '                <ns2:Unit>-800.25'), field: 'Unit (aggregate balance)' },
        { line: withDate.split('\n').findIndex((line) => line.includes('<ns2:DtTm>')) + 1, field: 'DtTm (statement date)' },
      ]);
      expect(error.problems[0]?.xpath).toBe('/BizMsgEnvlp/Document/SctiesBalCtdyRpt/BalForAcct[1]/AggtBal/Qty/Qty/Qty/Unit');
      expect(error.message.split('\n')).toHaveLength(3);
    });
  });
});
