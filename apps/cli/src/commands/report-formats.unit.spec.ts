import { REPORT_FORMATS } from '@recon/reports';
import { REPORT_FORMAT_NAMES } from './report.command';

describe('recon report --format', () => {
  it('offers exactly the formats the reports library renders, so help text and checking cannot drift apart', () => {
    expect([...REPORT_FORMAT_NAMES]).toEqual([...REPORT_FORMATS]);
  });
});
