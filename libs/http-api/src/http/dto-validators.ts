import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Quantities cross the API as decimal strings, so no JSON number ever rounds them. */
export const DecimalString = (description: string, options: { signed?: boolean; example?: string } = {}) =>
  applyDecorators(
    IsString(),
    Matches(options.signed ? /^-?\d{1,30}(\.\d{1,18})?$/ : /^\d{1,30}(\.\d{1,18})?$/, {
      message: `$property must be a ${options.signed ? '' : 'non-negative '}decimal string such as "1234.5" (at most 18 decimals)`,
    }),
    ApiProperty({ type: String, description, example: options.example ?? '1500.25' }),
  );

/** On-chain amounts: uint256 base units as an integer string. */
export const TokenUnitsString = (description: string) =>
  applyDecorators(
    IsString(),
    Matches(/^\d{1,78}$/, { message: '$property must be an integer string of token base units (uint256)' }),
    ApiProperty({ type: String, description, example: '1000000000000000000' }),
  );

export const Identifier = (description: string, example = 'bAAPL') =>
  applyDecorators(
    IsString(),
    Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: '$property must be 1-64 letters, digits, dots, dashes or underscores' }),
    ApiProperty({ description, example }),
  );

export const Text = (description: string, example: string, maxLength = 200) =>
  applyDecorators(IsString(), MaxLength(maxLength), Matches(/\S/, { message: '$property must not be blank' }), ApiProperty({ description, example }));

export const Timestamp = (description: string) =>
  applyDecorators(IsISO8601({ strict: true }), ApiProperty({ description, example: '2026-11-23T16:00:00Z' }));

/**
 * A statement's as-of: a date (YYYY-MM-DD), or a date and time with an offset or Z, as custodians
 * give it (MT535 98A::STAT date, 98C::STAT date and time; semt.002 StmtDtTm Dt or DtTm). A date-time
 * counts for the date it names in its own offset: see statementDateOf.
 */
export const DateOrTimestamp = (description: string) =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, { message: '$property must be a date YYYY-MM-DD or a date and time with an offset, such as 2026-11-24T17:30:00+01:00' }),
    IsISO8601({ strict: true }),
    ApiProperty({ description, example: '2026-11-24' }),
  );

/** The business date of a statement's as-of: the date as the custodian wrote it, its time and offset aside. */
export const statementDateOf = (asOf: string): string => asOf.slice(0, 10);

export const DateOnly = (description: string) =>
  applyDecorators(Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' }), IsISO8601({ strict: true }), ApiProperty({ description, example: '2026-11-24' }));

export const ChainId = () => applyDecorators(IsInt(), Min(1), Max(2 ** 31 - 1), ApiProperty({ description: 'EIP-155 chain id', example: 8453 }));

export const EvmAddress = (description: string) =>
  applyDecorators(Matches(/^0x[0-9a-fA-F]{40}$/, { message: '$property must be a 0x-prefixed 20-byte hex address' }), ApiProperty({ description, example: '0x1111111111111111111111111111111111111111' }));

export const TxHash = () =>
  applyDecorators(Matches(/^0x[0-9a-fA-F]{64}$/, { message: '$property must be a 0x-prefixed 32-byte hex transaction hash' }), ApiProperty({ description: 'Transaction hash', example: `0x${'ab'.repeat(32)}` }));
