import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';

export class SealPeriodDto {
  @ApiProperty({ example: '2026-02' })
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'periodId: 1 to 64 letters, digits and ._:-' })
  periodId!: string;

  @ApiProperty({ example: '2026-02-01T00:00:00Z', description: 'first instant of the period' })
  @IsISO8601({ strict: true }, { message: 'from: an ISO-8601 time' })
  from!: string;

  @ApiProperty({ example: '2026-03-01T00:00:00Z', description: 'first instant after the period' })
  @IsISO8601({ strict: true }, { message: 'to: an ISO-8601 time' })
  to!: string;
}
