import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsTimeZone, Matches, Max, Min, ValidateNested } from 'class-validator';
import { FREQUENCIES, Frequency, MAX_HOLIDAYS, Weekday, WEEKDAYS } from '@recon/domain';

export class GraceDto {
  @IsOptional() @IsInt() @Min(0) @Max(366) @ApiPropertyOptional({ example: 0 }) days?: number;
  @IsOptional() @IsInt() @Min(0) @Max(8784) @ApiPropertyOptional({ example: 2 }) hours?: number;
  @IsOptional() @IsInt() @Min(0) @Max(527_040) @ApiPropertyOptional({ example: 0 }) minutes?: number;
}

export class BusinessCalendarDto {
  @IsArray()
  @ArrayMaxSize(6)
  @IsIn(WEEKDAYS, { each: true, message: `each of $property must be one of ${WEEKDAYS.join(', ')}` })
  @ApiProperty({ enum: WEEKDAYS, isArray: true, example: ['SAT', 'SUN'], description: 'Days of the week that are no business days' })
  weekend!: Weekday[];

  @IsArray()
  @ArrayMaxSize(MAX_HOLIDAYS)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'each of $property must be a date YYYY-MM-DD' })
  @ApiProperty({ type: [String], example: ['2026-12-25'], description: 'Holidays: local dates that are no business days' })
  holidays!: string[];
}

/** An account's statement schedule as proposed: the domain checks it again (real dates, a weekday that is a business day). */
export class StatementScheduleDto {
  @IsIn(FREQUENCIES)
  @ApiProperty({ enum: FREQUENCIES, description: 'DAILY: every business day; WEEKLY: on `weekday`; MONTHLY: the last business day of the month' })
  frequency!: Frequency;

  @IsOptional()
  @IsIn(WEEKDAYS)
  @ApiPropertyOptional({ enum: WEEKDAYS, description: 'The statement\'s weekday, WEEKLY only' })
  weekday?: Weekday;

  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '$property must be a local time HH:MM, 00:00 to 23:59' })
  @ApiProperty({ example: '18:00', description: 'Local time, on the next business day after the statement date, by which the statement is due' })
  cutOff!: string;

  @IsTimeZone({ message: '$property must be an IANA timezone such as Europe/Zurich' })
  @ApiProperty({ example: 'Europe/Zurich' })
  timezone!: string;

  @ValidateNested()
  @Type(() => BusinessCalendarDto)
  @ApiProperty({ type: BusinessCalendarDto })
  calendar!: BusinessCalendarDto;

  @ValidateNested()
  @Type(() => GraceDto)
  @ApiProperty({ type: GraceDto, description: 'How late past its due time a statement may be before it is a break' })
  grace!: GraceDto;
}
