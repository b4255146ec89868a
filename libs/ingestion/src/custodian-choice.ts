import { normalizeBic } from '@recon/domain';
import { readStatement, StatementFile } from './read-statement';
import { ProblemSource, StatementProblem, StatementRefusedError } from './statement-problem';
import { TransactionsSource } from './transactions-ingestion';
import { SettlementSource } from './settlement-ingestion';

/** How each door takes the custodian of a file that names no sender; named in every refusal so the sender knows what to give. */
export const HOW_TO_GIVE_CUSTODIAN =
  'give the custodian\'s BIC: the upload field "custodian", `recon ingest --custodian BIC`, or `recon watch --custodian BIC` (per folder)';

/**
 * The custodian the file names is the one that counts (MT: the FIN header's sender, semt.002: AcctSvcr,
 * else the AppHdr's From, CSV: the custodian column); a parser says "custodian … is unknown" or "is
 * missing" when the file names none, on the field `custodian…` (MT, CSV) or `<element> (custodian)` (XML).
 */
const namesNoCustodian = (problem: StatementProblem): boolean => /(^|\()custodian\b/.test(problem.field) && /^is (unknown|missing)\b/.test(problem.message);

/**
 * Any valid BIC will do to learn the safekeeping account of a file that names no sender: it is
 * never recorded, the file is read again with the custodian chosen.
 */
const PROVISIONAL_CUSTODIAN = 'ZZZZZZZZ';

type Read = ProblemSource | TransactionsSource | SettlementSource;

function givenBic(file: StatementFile, given: string): string {
  const bic = normalizeBic(given);
  if (bic === undefined) {
    throw new StatementRefusedError(file.name, [{ file: file.name, line: 1, field: 'custodian (given)', message: `"${given}" is not a BIC (ISO 9362: 4 letters, 2 letters, 2 letters or digits, optionally 3 letters or digits)` }]);
  }
  return bic;
}

/**
 * Reads the file and settles its custodian, in this order:
 * 1. the custodian the user gave (upload field, `--custodian`, the watched folder's): it must agree
 *    with the sender the file names, if it names one (a BIC8 and its BIC11 `XXX` agree);
 * 2. the sender the file names;
 * 3. for a file that names none, the custodian of the one link of its safekeeping account.
 * Otherwise the file is refused, saying how to give the custodian.
 */
export async function readWithCustodian(file: StatementFile, given: string | undefined, custodiansOf: (account: string) => Promise<readonly string[]>): Promise<Read> {
  if (given !== undefined) {
    const bic = givenBic(file, given);
    const read = await readStatement(file, bic);
    const named = read.statement.custodian;
    if (named !== bic) {
      throw new StatementRefusedError(file.name, [{ file: file.name, line: 1, field: 'custodian', message: `the file names custodian ${named}, but custodian ${bic} was given: one file has one custodian; give ${named} or none` }]);
    }
    return read;
  }
  let refusal: StatementRefusedError;
  try {
    return await readStatement(file);
  } catch (error) {
    if (!(error instanceof StatementRefusedError) || !error.problems.some(namesNoCustodian)) throw error;
    refusal = error;
  }
  const withHowTo = (why: string) =>
    new StatementRefusedError(file.name, refusal.problems.map((problem) => (namesNoCustodian(problem) ? { ...problem, message: `${problem.message}; ${why}${HOW_TO_GIVE_CUSTODIAN}` } : problem)), refusal.truncated);
  let account: string | undefined;
  try {
    account = (await readStatement(file, PROVISIONAL_CUSTODIAN)).statement.account;
  } catch {
    throw withHowTo(''); // other problems too: list them all, and how to give the custodian
  }
  if (account === undefined) throw withHowTo('the message names no safekeeping account to find its custodian by; ');
  const custodians = [...new Set(await custodiansOf(account))];
  if (custodians.length !== 1) {
    throw withHowTo(custodians.length === 0 ? `no asset links account ${account} to a custodian; ` : `account ${account} is linked at ${custodians.length} custodians (${custodians.join(', ')}); `);
  }
  return readStatement(file, custodians[0]);
}
