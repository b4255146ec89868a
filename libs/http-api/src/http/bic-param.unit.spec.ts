import { BadRequestException } from '@nestjs/common';
import { BicPipe } from './bic-param';

const refusalOf = (run: () => unknown): Record<string, unknown> => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as Record<string, unknown>;
  }
  throw new Error('not refused');
};

describe('BIC route parameter', () => {
  const pipe = new BicPipe('custodian');
  it.each([
    ['CUSTCHZZ', 'CUSTCHZZ'],
    ['CUSTCHZZXXX', 'CUSTCHZZ'],
    ['custchzzxxx', 'CUSTCHZZ'],
    ['CUSTCHZZ001', 'CUSTCHZZ001'],
  ])('should read %s as %s', (given, normal) => expect(pipe.transform(given)).toBe(normal));
  it.each(['DEMOBANKCHZZ', 'CUST', 'CUST1HZZ', 'CUSTCHZZ01', ''])('should refuse %j with INVALID_BIC naming the field', (given) => {
    const body = refusalOf(() => pipe.transform(given));
    expect(body).toMatchObject({ statusCode: 400, error: 'INVALID_BIC' });
    expect((body.message as string[])[0]).toMatch(/^custodian: not a BIC \(ISO 9362/);
  });
});
