import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { DateOrTimestamp, DecimalString, Identifier, Text, Timestamp } from '../../http/dto-validators';

const ISIN_SHAPE = /^[A-Z]{2}[A-Z0-9]{9}\d$/;

export class SubBalanceDto {
  @Matches(/^\S{1,35}$/, { message: 'code must be 1-35 characters without spaces (MT535 93C qualifier, semt.002 SubBalTp)' })
  @ApiProperty({ example: 'PEND', description: 'Balance type code as sent: BLOK, PEND, PENR, AWAS, AVAI, NAVL … or a proprietary code' })
  code!: string;

  @DecimalString('Quantity in shares (negative allowed)', { signed: true }) quantity!: string;

  @IsIn(['AVAILABLE', 'NOT_AVAILABLE'])
  @ApiProperty({ enum: ['AVAILABLE', 'NOT_AVAILABLE'], description: '93C availability indicator AVAI / NAVL' })
  availability!: 'AVAILABLE' | 'NOT_AVAILABLE';

  @IsOptional() @Text('Place of safekeeping the part is held at (94F, SfkpgPlc)', 'CEDELULL') placeOfSafekeeping?: string;
  @IsOptional() @Text('Issuer of a proprietary code (93C data source scheme)', 'CUSTCHZZ') dataSourceScheme?: string;
}

export class StatementPositionDto {
  @Matches(ISIN_SHAPE, { message: 'isin must be 12 characters: country code, 9 alphanumerics, check digit' })
  @ApiProperty({ example: 'US0378331005' })
  isin!: string;

  @DecimalString('Aggregate balance in shares (negative allowed)', { signed: true }) quantity!: string;
  @IsOptional() @DecimalString('Available balance', { signed: true }) available?: string;
  @IsOptional() @DecimalString('Not-available balance', { signed: true }) notAvailable?: string;

  @IsOptional()
  @IsIn(['UNIT', 'FAMT', 'AMOR', 'DITU'])
  @ApiPropertyOptional({ enum: ['UNIT', 'FAMT', 'AMOR', 'DITU'], description: 'Quantity type as the custodian states it (default UNIT); holdings are recorded in shares only, anything else is refused' })
  quantityType?: 'UNIT' | 'FAMT' | 'AMOR' | 'DITU';

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubBalanceDto)
  @ApiPropertyOptional({ type: [SubBalanceDto], description: 'Sub-balances as reported (93C, BalBrkdwn); not part of what makes a redelivery a conflict' })
  subBalances?: SubBalanceDto[];
}

export class ReceiveStatementDto {
  @Identifier('Custodian (bank) identifier', 'BANKCHZZXXX') custodian!: string;
  @Identifier('Safekeeping account', 'SAFE-001') account!: string;
  @Identifier('Statement reference (MT535 :20C::SEME)', 'STMT-20261123') statementReference!: string;

  @IsInt()
  @Min(1)
  @Max(99999)
  @ApiProperty({ example: 1 })
  page!: number;

  @IsBoolean()
  @ApiProperty({ description: 'True on the last (or only) page' })
  lastPage!: boolean;

  @DateOrTimestamp('Statement date (YYYY-MM-DD), or its date and time with an offset: the statement counts for the date it names') asOf!: string;

  @IsIn(['SETTLED', 'TRADED'])
  @ApiProperty({ enum: ['SETTLED', 'TRADED'] })
  basis!: 'SETTLED' | 'TRADED';

  @IsIn(['COMPLETE', 'DELTA'])
  @ApiProperty({ enum: ['COMPLETE', 'DELTA'] })
  completeness!: 'COMPLETE' | 'DELTA';

  @IsArray()
  @ArrayMaxSize(100_000)
  @ValidateNested({ each: true })
  @Type(() => StatementPositionDto)
  @ApiProperty({ type: [StatementPositionDto] })
  positions!: StatementPositionDto[];
}

export class RecordCustodyMovementDto {
  @Identifier('Custodian (bank) identifier', 'BANKCHZZXXX') custodian!: string;
  @Identifier('Safekeeping account', 'SAFE-001') account!: string;

  @Matches(ISIN_SHAPE, { message: 'isin must be 12 characters: country code, 9 alphanumerics, check digit' })
  @ApiProperty({ example: 'US0378331005' })
  isin!: string;

  @DecimalString('Signed change in shares', { signed: true, example: '-25' }) quantity!: string;
  @Identifier('Movement reference at the custodian', 'MV-0001') movementId!: string;
  @Text('Why the position moved', 'Receive free of payment') reason!: string;
  @Timestamp('When the movement took effect') movedAt!: string;

  @IsOptional()
  @ApiPropertyOptional({ description: 'Source message, e.g. the MT536 reference' })
  @Identifier('Source message reference') sourceReference?: string;
}
