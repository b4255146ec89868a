import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ChainId, Identifier, Timestamp, TokenUnitsString, TxHash } from '../../http/dto-validators';

export class IssuanceRequestDto {
  @Identifier('Request id from the authorized participant', 'MR-20261123-01') requestId!: string;
  @Identifier('Asset to mint or redeem') assetId!: string;
  @ChainId() chainId!: number;
  @TokenUnitsString('Token amount in base units') amount!: string;
  @IsOptional() @Identifier('The trade buying (mint) or selling (redemption) the shares behind the request', 'T-20261123-01') tradeId?: string;
  @IsOptional() @Timestamp('When the participant made the request, when not now (business time)') requestedAt?: string;
}

export class ChainTransferDto {
  @ChainId() chainId!: number;
  @TxHash() txHash!: string;

  @IsInt()
  @Min(0)
  @Max(2 ** 31 - 1)
  @ApiProperty({ example: 3 })
  logIndex!: number;

  @TokenUnitsString('Token amount in base units') amount!: string;

  @IsInt()
  @Min(0)
  @ApiProperty({ example: 21_000_000 })
  blockNumber!: number;

  @Timestamp('Block time') blockTime!: string;
}
