import { edited, statementFixture } from './statement-files';

const SINGLE_PAGE = statementFixture('mt535/equities-single-page.txt');

/** The MT535 fixture of 2024-06-28, its blocked part reported as a pending delivery instead (93C::PEND//UNIT/NAVL/34,5). */
export const HOLDINGS_JUNE_28 = edited(SINGLE_PAGE, ':93C::BLOK//UNIT/NAVL/34,5', ':93C::PEND//UNIT/NAVL/34,5');

/** The next statement, of 2024-07-01 (HOLD20240701): the pending delivery settled in, all 1,300 shares available (93C::AWAS). */
export const HOLDINGS_JULY_1 = [
  ['HOLD20240628', 'HOLD20240701'], ['HOLD20240628', 'HOLD20240701'], ['98C::STAT//20240628173000', '98C::STAT//20240701173000'],
  ['93B::AGGR//UNIT/1234,5', '93B::AGGR//UNIT/1300,'], ['93B::AVAI//UNIT/1200,', '93B::AVAI//UNIT/1300,'], ['93B::NAVL//UNIT/34,5', '93B::NAVL//UNIT/0,'],
  [':93C::BLOK//UNIT/NAVL/34,5', ':93C::AWAS//UNIT/AVAI/1300,'],
].reduce((text, [find, replacement]) => edited(text, find!, replacement!), SINGLE_PAGE);
