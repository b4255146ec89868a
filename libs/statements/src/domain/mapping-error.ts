import { StatementMappingError } from '../errors';
import { CsvField } from '../csv/csv-mapping';
import { Instrument } from '../statement';

/**
 * A statement the domain cannot take, naming the field at fault (in the normalized statement's
 * words, which are also the standard CSV header's) and the position's instrument when the fault is
 * in a position, so that the edge can point at the line of the file.
 */
export class StatementFieldError extends StatementMappingError {
  constructor(
    reference: string,
    readonly field: CsvField,
    reason: string,
    readonly instrument?: Instrument,
  ) {
    super(reference, instrument ? `${instrument.isin ?? instrument.description}: ${reason}` : reason);
    this.name = 'StatementFieldError';
  }
}
