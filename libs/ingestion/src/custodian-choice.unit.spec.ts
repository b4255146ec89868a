import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readWithCustodian } from './custodian-choice';
import { StatementRefusedError } from './statement-problem';

const fixture = (name: string) => ({ name: path.basename(name), bytes: readFileSync(path.resolve(__dirname, '../../statements/fixtures', name)) });
const NO_SENDER = fixture('semt002/no-sender.xml');
const WITH_SENDER = fixture('semt002/equities-v10.xml');
const noLinks = async () => [];
const linkedAt = (...custodians: string[]) => async () => custodians;

async function refusal(promise: Promise<unknown>): Promise<StatementRefusedError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(StatementRefusedError);
  return error as StatementRefusedError;
}

describe('Custodian of a statement file', () => {
  describe('Given a file that names no sender', () => {
    it('should take the custodian given, in its normal form', async () =>
      expect((await readWithCustodian(NO_SENDER, 'custchzzxxx', noLinks)).statement).toMatchObject({ custodian: 'CUSTCHZZ', account: 'SAFE-2000' }));
    it('should take the custodian of the one link of its account when none is given', async () =>
      expect((await readWithCustodian(NO_SENDER, undefined, linkedAt('CUSTCHZZ'))).statement.custodian).toBe('CUSTCHZZ'));
    it('should count two links of one custodian as one', async () =>
      expect((await readWithCustodian(NO_SENDER, undefined, linkedAt('CUSTCHZZ', 'CUSTCHZZ'))).statement.custodian).toBe('CUSTCHZZ'));
    it('should ask the account of the file for its links', async () => {
      const asked: string[] = [];
      await readWithCustodian(NO_SENDER, undefined, async (account) => (asked.push(account), ['CUSTCHZZ']));
      expect(asked).toEqual(['SAFE-2000']);
    });
    it('should refuse it without a link, saying how to give the custodian', async () => {
      const error = await refusal(readWithCustodian(NO_SENDER, undefined, noLinks));
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatchObject({ field: 'SctiesBalCtdyRpt (custodian)', line: 6 });
      expect(error.problems[0]!.message).toMatch(/no asset links account SAFE-2000.*upload field "custodian".*recon ingest --custodian BIC.*recon watch --custodian BIC/);
    });
    it('should refuse it when its account is linked at two custodians, naming both', async () => {
      const error = await refusal(readWithCustodian(NO_SENDER, undefined, linkedAt('CUSTCHZZ', 'OTHRDEFF')));
      expect(error.problems[0]!.message).toContain('linked at 2 custodians (CUSTCHZZ, OTHRDEFF)');
    });
    it('should refuse a custodian given that is no BIC, naming the field', async () => {
      const error = await refusal(readWithCustodian(NO_SENDER, 'CUST-CH', noLinks));
      expect(error.problems[0]).toMatchObject({ field: 'custodian (given)', message: expect.stringContaining('"CUST-CH" is not a BIC') });
    });
  });

  describe('Given a file that names its sender', () => {
    it('should take the sender when no custodian is given, without asking for links', async () =>
      expect((await readWithCustodian(WITH_SENDER, undefined, () => Promise.reject(new Error('no links needed')))).statement.custodian).toBe('CUSTCHZZ'));
    it('should accept the same custodian given as BIC8 where the file has BIC11 XXX', async () =>
      expect((await readWithCustodian(WITH_SENDER, 'CUSTCHZZ', noLinks)).statement.custodian).toBe('CUSTCHZZ'));
    it('should refuse another custodian given, naming both', async () => {
      const error = await refusal(readWithCustodian(WITH_SENDER, 'OTHRDEFF', noLinks));
      expect(error.problems).toEqual([expect.objectContaining({ field: 'custodian', message: expect.stringMatching(/names custodian CUSTCHZZ, but custodian OTHRDEFF was given/) })]);
    });
  });
});
