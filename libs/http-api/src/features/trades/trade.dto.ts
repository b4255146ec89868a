import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { DateOnly, DecimalString, Identifier, Text, Timestamp } from '../../http/dto-validators';

// The custodian's messages carry trade references in 20C (16x): SWIFT characters, no leading or trailing slash, no "//".
const SETTLEMENT_REFERENCE = /^(?!\/)(?!.*\/\/)[A-Za-z0-9/\-?:().,'+ ]{1,16}(?<!\/)$/;

export class SettlementAccountDto {
  @Identifier('Custodian (its BIC) the shares settle at', 'BANKCHZZXXX') custodian!: string;
  @Identifier('Safekeeping account at the custodian (97A::SAFE)', 'SAFE-001') account!: string;
}

export class ExecuteTradeDto {
  @Identifier('Trade id from the broker execution', 'T-20261123-0001') tradeId!: string;
  @Identifier('Asset the trade is in') assetId!: string;

  @IsIn(['BUY', 'SELL'])
  @ApiProperty({ enum: ['BUY', 'SELL'] })
  side!: 'BUY' | 'SELL';

  @DecimalString('Shares traded') quantity!: string;
  @DecimalString('Price per share', { example: '238.90' }) price!: string;

  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  @ApiProperty({ example: 'USD' })
  currency!: string;

  @DateOnly('Trade date') tradeDate!: string;
  @DateOnly('Contractual settlement date (T+1 for US equities)') settlementDate!: string;
  @Text('Executing broker', 'Broker AG', 100) broker!: string;

  @IsOptional()
  @Matches(SETTLEMENT_REFERENCE, { message: 'accountOwnerReference must be 1 to 16 SWIFT characters, without a leading or trailing slash or "//"' })
  @ApiPropertyOptional({ example: 'ISSR-BUY-0001', description: "Our reference of the settlement instruction: the custodian's confirmations and status advices name it in 20C::RELA (sese AcctOwnrTxId)" })
  accountOwnerReference?: string;

  @IsOptional()
  @Matches(SETTLEMENT_REFERENCE, { message: 'custodianReference must be 1 to 16 SWIFT characters, without a leading or trailing slash or "//"' })
  @ApiPropertyOptional({ example: 'CUST-778812', description: "The custodian's reference of the transaction (20C::ASRF, AcctSvcrTxId)" })
  custodianReference?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SettlementAccountDto)
  @ApiPropertyOptional({ type: SettlementAccountDto, description: 'Where the shares settle: settlement messages without a reference are matched on it, and that account\'s statement shows the trade' })
  settlementAccount?: SettlementAccountDto;
}


export class AmendTradeDto {
  @IsOptional() @DecimalString('Corrected quantity') quantity?: string;
  @IsOptional() @DecimalString('Corrected price') price?: string;
  @IsOptional() @DateOnly('Corrected settlement date') settlementDate?: string;
  @Text('Why the trade is amended', 'Broker correction') reason!: string;
}

export class CancelTradeDto {
  @Text('Why the trade is cancelled', 'Busted trade') reason!: string;
}

export class RecordSettlementDto {
  @Identifier('Custodian confirmation reference (MT545/MT547, sese.025)', 'CONF-778812') confirmationId!: string;
  @DecimalString('Shares settled by this confirmation (partial settlements allowed)') quantity!: string;
  @Timestamp('Effective settlement time') settledAt!: string;
}

export class RecordSettlementFailureDto {
  @Identifier('Reference of the failure notice', 'FAIL-1001') failureId!: string;
  @Text('Reason given by the custodian', 'Insufficient securities at counterparty') reason!: string;

  @IsOptional()
  @Matches(/^[A-Z0-9]{4}$/, { message: 'reasonCode must be a four-character ISO 15022 reason code such as CLAC' })
  @ApiPropertyOptional({ example: 'CLAC', description: "The custodian's reason code (MT548 24B::PENF, sese.024 Flng/Rsn/Cd)" })
  reasonCode?: string;
}
