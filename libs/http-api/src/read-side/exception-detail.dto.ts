import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RESOLUTION_OUTCOMES, RESOLUTION_REASON_CODES } from '@recon/domain';

/** The OpenAPI shape of one resolution in an exception's history (resolutionHistory in the domain). */
export class ResolutionRecordDto {
  @ApiProperty() proposalId!: string;
  @ApiProperty({ enum: RESOLUTION_OUTCOMES }) outcome!: string;
  @ApiProperty({ enum: RESOLUTION_REASON_CODES }) reasonCode!: string;
  @ApiProperty() justification!: string;
  @ApiPropertyOptional({ description: 'accept-difference: the largest difference tolerated; write-off: the amount written off', example: '10' }) amount?: string;
  @ApiPropertyOptional({ description: 'accept-difference: the last day it holds', example: '2026-12-31' }) until?: string;
  @ApiPropertyOptional({ description: 'ignore-instrument: the ISIN ignored' }) isin?: string;
  @ApiProperty({ description: 'The resolution in words, as the queue shows it' }) resolution!: string;
  @ApiProperty() proposedBy!: string;
  @ApiProperty() proposedAt!: string;
  @ApiProperty({ enum: ['pending', 'rejected', 'in-force', 'reopened', 'superseded'] }) status!: string;
  @ApiPropertyOptional() approvedBy?: string;
  @ApiPropertyOptional() closedAt?: string;
  @ApiPropertyOptional() rejectedBy?: string;
  @ApiPropertyOptional() rejectionReason?: string;
  @ApiPropertyOptional() reopenedAt?: string;
  @ApiPropertyOptional({ example: 'difference 12 exceeds accepted 10' }) reopenReason?: string;
  @ApiPropertyOptional({ description: 'The entry its approval recorded: AdjustmentRecorded (write-off) or InstrumentIgnored (ignore-instrument), and when' })
  recorded?: { type: string; at: string };
}

/** The resolution fields of a queue row and of GET /exceptions/:id. */
export class ExceptionOutcomeDto {
  @ApiProperty({ nullable: true, description: 'Due time of the SLA; null once closed, cleared or folded' }) slaDueAt!: string | null;
  @ApiProperty({ enum: RESOLUTION_OUTCOMES, nullable: true, description: 'The outcome proposed or in force; null when none or a free-text resolution' }) outcome!: string | null;
  @ApiProperty({ enum: RESOLUTION_REASON_CODES, nullable: true }) reasonCode!: string | null;
  @ApiProperty({ nullable: true }) justification!: string | null;
  @ApiProperty({ nullable: true, description: 'accept-difference: the largest difference tolerated; write-off: the amount written off' }) acceptedAmount!: string | null;
  @ApiProperty({ nullable: true, description: 'accept-difference: the last day it holds' }) acceptedUntil!: string | null;
  @ApiProperty({ nullable: true, description: 'Why it last reopened', example: 'acceptance expired 2026-12-31' }) reopenReason!: string | null;
}

export class ExceptionDetailDto extends ExceptionOutcomeDto {
  @ApiProperty({ type: [ResolutionRecordDto], description: 'Every resolution, oldest first: an earlier one stays when the break reopens, with why' })
  resolutions!: ResolutionRecordDto[];
  @ApiProperty({ description: 'Every event of the exception stream', type: 'array', items: { type: 'object' } }) history!: object[];
}
