import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { ChainId, DecimalString, EvmAddress, Identifier, Text, Timestamp } from '../../http/dto-validators';

export class RegisterAssetDto {
  @Identifier('Asset id chosen by the issuer', 'bAAPL') assetId!: string;

  @Matches(/^[A-Z]{2}[A-Z0-9]{9}\d$/, { message: 'isin must be 12 characters: country code, 9 alphanumerics, check digit' })
  @ApiProperty({ example: 'US0378331005' })
  isin!: string;

  @Text('Ticker symbol of the token', 'bAAPL', 20) symbol!: string;
  @Text('Name of the underlying security', 'Apple Inc.') name!: string;
  @DecimalString('Shares per token at registration', { example: '1' }) initialMultiplier!: string;
}

export class RecordTokenDeploymentDto {
  @ChainId() chainId!: number;
  @EvmAddress('ERC-20 contract address') contractAddress!: string;

  @IsInt()
  @Min(0)
  @Max(36)
  @ApiProperty({ example: 18 })
  decimals!: number;
}

export class LinkCustodyAccountDto {
  @Identifier('Custodian (bank) identifier, e.g. its BIC', 'BANKCHZZXXX') custodian!: string;
  @Identifier('Safekeeping account at the custodian', 'SAFE-001') account!: string;
}

export class ChangeMultiplierDto {
  @DecimalString('New shares per token', { example: '1.0025' }) newMultiplier!: string;
  @Timestamp('When the corporate action takes effect (ex-date)') effectiveAt!: string;
  @Text('Corporate action behind the change', 'Dividend reinvestment 2026-Q4') reason!: string;
}
