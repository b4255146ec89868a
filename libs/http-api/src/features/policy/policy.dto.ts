import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { DecimalString } from '../../http/dto-validators';

/** Whole days, hours and minutes; the domain checks again that they add up to more than nothing. */
export class DurationDto {
  @IsOptional() @IsInt() @Min(0) @Max(3660) @ApiPropertyOptional({ example: 1 }) days?: number;
  @IsOptional() @IsInt() @Min(0) @Max(87_840) @ApiPropertyOptional({ example: 2 }) hours?: number;
  @IsOptional() @IsInt() @Min(0) @Max(5_270_400) @ApiPropertyOptional({ example: 30 }) minutes?: number;
}

export class PolicyWindowsDto {
  @ValidateNested() @Type(() => DurationDto)
  @ApiProperty({ type: DurationDto, description: 'After the settlement date: a trade still unsettled is an aged settlement' })
  settlement!: DurationDto;

  @ValidateNested() @Type(() => DurationDto)
  @ApiProperty({ type: DurationDto, description: 'Between an issuance request and its mint or burn' })
  mintBurn!: DurationDto;

  @ValidateNested() @Type(() => DurationDto)
  @ApiProperty({ type: DurationDto, description: 'From a statement\'s first page to its last' })
  missingPage!: DurationDto;
}

/** The reconciliation policy as a maker proposes it (the `effective` shape of GET, without its approval). */
export class PolicyDto {
  @DecimalString('Shares: differences up to this are rounding, not breaks; also the matching tolerance', { example: '0.000001' })
  tolerance!: string;

  @ValidateNested() @Type(() => DurationDto)
  @ApiProperty({ type: DurationDto, description: 'How late a statement may be past its due time, for an account without a schedule of its own' })
  stalenessDefault!: DurationDto;

  @ValidateNested() @Type(() => PolicyWindowsDto)
  @ApiProperty({ type: PolicyWindowsDto })
  windows!: PolicyWindowsDto;

  @ValidateNested() @Type(() => DurationDto)
  @ApiProperty({ type: DurationDto, description: 'How long past its settlement date an aged settlement stays high before it is critical' })
  agedSettlementCriticalAfter!: DurationDto;
}
