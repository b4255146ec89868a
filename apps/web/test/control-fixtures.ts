import request from 'supertest';
import { INestApplication } from '@nestjs/common';

const HEADER = 'custodian,account,sub_account,reference,page,last_page,as_of_date,as_of_time,basis,completeness,function,isin,description,quantity_type,aggregate,available,not_available,price_type,price_value_type,price,price_currency,value,value_currency';

/**
 * A custodian's CSV statement of the demo account (DEMOCHZZ SAFE-0001) holding `cspx` shares of
 * bCSPX and 1,500 of bAAPL on `date`: evidence from the custodian's channel, which needs no approval.
 */
export function demoStatement(date: string, cspx: string, reference = `HOLD${date.replace(/-/g, '')}${cspx}`, time = '00:00:00'): string {
  // The time tells statements of one day apart: a second statement of the same date and time would be a page of the first.
  const line = (isin: string, quantity: string) => `DEMOCHZZ,SAFE-0001,,${reference},1,Y,${date},${time},SETT,COMP,NEWM,${isin},,UNIT,${quantity},${quantity},,,,,,,`;
  return [HEADER, line('US0378331005', '1500'), line('IE00B5BMR087', cspx)].join('\n') + '\n';
}

export const uploadStatement = (app: INestApplication, key: string, csv: string, name: string) =>
  request(app.getHttpServer()).post('/custody/statements/upload').set('X-API-Key', key).attach('file', Buffer.from(csv), name).expect(201);

/** Today's date in UTC, the day a statement uploaded now is of. */
export const today = () => new Date().toISOString().slice(0, 10);
