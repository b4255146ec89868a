import { fixtureText, lineStarting, withLine } from '../testing/fixtures';
import { parseErrorOf } from '../testing/expect-parse-error';
import { parseMt535 } from './parse-mt535';

const VALID = fixtureText('mt535/equities-single-page.txt');
const refuse = (text: string | Uint8Array, options = {}) => parseErrorOf(() => parseMt535(text, { fileName: 'statement.txt', ...options }));

describe('MT535 refusals', () => {
  describe('Given an aggregate balance that is not a decimal', () => {
    const text = withLine(VALID, ':93B::AGGR//UNIT/1234,5', ':93B::AGGR//UNIT/12a,5');

    it('then the whole statement is refused, naming file, line, field and value', () => {
      const line = lineStarting(text, ':93B::AGGR//UNIT/12a,5');
      const error = refuse(text);
      expect(error.message).toBe(`statement.txt:${line} field 93B (AGGR balance): "UNIT/12a,5" is not a decimal quantity`);
      expect(error).toMatchObject({ fileName: 'statement.txt', line, field: '93B (AGGR balance)', value: 'UNIT/12a,5' });
    });
  });

  describe.each([
    ['a quantity without the decimal comma', ':93B::AGGR//UNIT/1234,5', ':93B::AGGR//UNIT/1234', '93B (AGGR balance)', 'is not a decimal quantity'],
    ['a quantity with a decimal point', ':93B::AGGR//UNIT/1234,5', ':93B::AGGR//UNIT/1234.5', '93B (AGGR balance)', 'is not a decimal quantity'],
    ['more decimals than the scale holds', ':93B::AGGR//UNIT/1234,5', ':93B::AGGR//UNIT/1,0000000000000000001', '93B (AGGR balance)', 'has more than 18 decimal places'],
    ['an unknown quantity type', ':93B::AGGR//UNIT/1234,5', ':93B::AGGR//SHRS/1234,5', '93B (AGGR balance)', 'has an unknown quantity type SHRS'],
    ['a proprietary quantity type', ':93B::AGGR//UNIT/1234,5', ':93B::AGGR/XBNK/UNIT/1234,5', '93B (AGGR balance)', 'has a proprietary quantity type (XBNK/UNIT)'],
    ['an ISIN with a wrong check digit', ':35B:ISIN US0378331005', ':35B:ISIN US0378331006', '35B (financial instrument)', 'is not a valid ISIN'],
    ['a date that is not on the calendar', ':98C::STAT//20240628173000', ':98C::STAT//20240230173000', '98C (STAT date and time)', 'is not a calendar date'],
    ['an unknown page indicator', ':28E:1/ONLY', ':28E:1/SOME', '28E (page number)', 'is not a page number and indicator (n/ONLY|MORE|LAST)'],
    ['an unknown statement basis', ':22F::STBA//SETT', ':22F::STBA//XXXX', '22F (STBA indicator)', 'is not one of SETT, TRAD'],
    ['an unknown function', ':23G:NEWM', ':23G:REPL', '23G (function of the message)', 'is not one of NEWM, CANC'],
    ['an amount in no currency', ':19A::HOLD//USD264553,35', ':19A::HOLD//264553,35', '19A (HOLD amount)', 'is not an amount ([N]CCYdigits,digits)'],
    ['a repeated aggregate balance', ':93B::AVAI//UNIT/1200,', ':93B::AGGR//UNIT/1200,', '93B (AGGR balance)', 'repeats the field of line'],
  ])('Given %s', (_case, prefix, replacement, field, reason) => {
    const text = withLine(VALID, prefix, replacement);

    it('then it is refused at the line of the field', () => {
      const error = refuse(text);
      expect(error).toMatchObject({ fileName: 'statement.txt', line: lineStarting(text, replacement), field });
      expect(error.reason).toContain(reason);
    });
  });

  describe('Given a FIN block without its 93B::AGGR holding', () => {
    const text = VALID.replace(':93B::AGGR//UNIT/800,25\n', '');

    it('then it is refused at the start of the block', () => {
      const finLine = lineStarting(text, ':35B:ISIN IE00B5BMR087') - 1;
      expect(refuse(text)).toMatchObject({ line: finLine, field: '93B (AGGR balance)', reason: 'is missing from block FIN' });
    });
  });

  describe('Given a FIN block outside any SUBSAFE block', () => {
    const text = VALID.replace(':16S:SUBSAFE\n:16R:ADDINFO', ':16S:SUBSAFE\n:16R:FIN\n:35B:ISIN US0378331005\n:93B::AGGR//UNIT/1,\n:16S:FIN\n:16R:ADDINFO');

    it('then the holding is refused rather than skipped', () => {
      expect(refuse(text)).toMatchObject({ line: lineStarting(text, ':16R:ADDINFO') - 4, field: '16R (FIN)', reason: 'stands in no block, not in SUBSAFE' });
    });
  });

  describe('Given a block that is never closed', () => {
    const text = VALID.replace(':93C::BLOK//UNIT/NAVL/34,5\n:16S:SUBBAL\n', ':93C::BLOK//UNIT/NAVL/34,5\n');

    it('then the 16S that closes the outer block instead is refused', () => {
      const error = refuse(text);
      expect(error).toMatchObject({ line: lineStarting(text, ':16S:FIN'), field: '16S (end of block)', value: 'FIN', reason: 'does not close the open block SUBBAL' });
    });
  });

  describe('Given a file cut short inside the text block', () => {
    const text = VALID.slice(0, VALID.indexOf(':16R:ADDINFO'));

    it('then it is refused rather than read as a shorter statement', () => {
      expect(refuse(text)).toMatchObject({ field: 'block 4', reason: 'the text block is not closed by -} (the file may be cut short)' });
    });
  });

  describe('Given two messages in one file', () => {
    it('then the second is refused: one file holds one statement', () => {
      const error = refuse(`${VALID}${VALID}`);
      expect(error).toMatchObject({ line: lineStarting(VALID, '-}'), field: 'block 1' });
    });
  });

  describe('Given an MT536 where an MT535 is expected', () => {
    it('then the message type is refused', () => {
      expect(refuse(fixtureText('mt536/transactions.txt'))).toMatchObject({ line: 1, field: 'block 2 (message type)', value: '536' });
    });
  });

  describe('Given a text block without an envelope and no custodian from the caller', () => {
    it('then the unknown custodian is refused', () => {
      const body = VALID.slice(VALID.indexOf('{4:\n') + 4, VALID.indexOf('-}'));
      expect(refuse(body)).toMatchObject({ field: 'custodian (sender BIC)', reason: 'is unknown: the file has no SWIFT header and no custodian was given' });
    });
  });

  describe('Given a line that belongs to no field', () => {
    it('then it is refused', () => {
      const text = VALID.replace('{4:\n', '{4:\nHELLO\n');
      expect(refuse(text)).toMatchObject({ line: 2, field: 'field tag', value: 'HELLO' });
    });
  });

  describe('Given bytes that are not UTF-8', () => {
    it('then the line of the first bad byte is named', () => {
      const bytes = Buffer.from(VALID, 'latin1');
      const at = VALID.indexOf('APPLE INC');
      bytes[at] = 0xff;
      expect(refuse(bytes)).toMatchObject({ line: lineStarting(VALID, 'APPLE INC'), field: 'encoding' });
    });
  });
});
