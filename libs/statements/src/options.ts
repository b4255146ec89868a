import { CsvMapping } from './csv/csv-mapping';

export interface ParseOptions {
  /** Named in every error; the content decides the format, never this name. */
  readonly fileName?: string;
  /** BIC used when the content names no sender (a bare MT body, a CSV export without the column). */
  readonly custodian?: string;
  /** Column mapping of the custodian's CSV export; the documented standard header when absent. */
  readonly csv?: CsvMapping;
}

export const DEFAULT_FILE_NAME = '<statement>';

export const fileNameOf = (options: ParseOptions): string => options.fileName ?? DEFAULT_FILE_NAME;
