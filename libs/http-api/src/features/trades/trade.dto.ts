import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DateOnly, DecimalString, Identifier, Text, Timestamp } from '../../http/dto-validators';

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
}
