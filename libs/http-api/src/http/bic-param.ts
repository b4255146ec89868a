import { BadRequestException, Param, PipeTransform } from '@nestjs/common';
import { normalizeBic } from '@recon/domain';

/** The refusal of a text that is no BIC: 400 with code INVALID_BIC and the field named. */
export function invalidBic(field: string, value: unknown): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'INVALID_BIC',
    message: [`${field}: not a BIC (ISO 9362: 4 letters for the institution, 2 for the country, 2 letters or digits for the location, optionally 3 for the branch; got ${JSON.stringify(value)})`],
  });
}

/** A BIC in its normal form (BIC8 for the head office: `CUSTCHZZXXX` → `CUSTCHZZ`), or the INVALID_BIC refusal naming `field`. */
export function bicOf(field: string, value: unknown): string {
  const bic = typeof value === 'string' ? normalizeBic(value) : undefined;
  if (bic === undefined) throw invalidBic(field, value);
  return bic;
}

export class BicPipe implements PipeTransform<string, string> {
  constructor(private readonly field: string) {}

  transform(value: string): string {
    return bicOf(this.field, value);
  }
}

/** A route parameter that names a custodian: validated and normalised, so BIC8 and BIC11 `XXX` reach the same streams. */
export const BicParam = (name: string) => Param(name, new BicPipe(name));
