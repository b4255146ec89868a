import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, ValidateIf } from 'class-validator';
import {
  BREAK_TYPES, BreakType, RESOLUTION_OUTCOMES, RESOLUTION_REASON_CODES, ResolutionOutcome, ResolutionReasonCode, SEVERITIES, Severity,
} from '@recon/domain';
import { Identifier, Text } from '../../http/dto-validators';

export class RaiseExceptionDto {
  @Identifier('Exception id (the reconciler derives it from asset + break type + subject)', 'EX-bAAPL-under') exceptionId!: string;
  @Identifier('Asset concerned') assetId!: string;

  @IsIn(BREAK_TYPES)
  @ApiProperty({ enum: BREAK_TYPES })
  breakType!: BreakType;

  @IsIn(SEVERITIES)
  @ApiProperty({ enum: SEVERITIES })
  severity!: Severity;

  @IsObject()
  @ApiProperty({ description: 'Figures behind the break, decimal strings by name', example: { required: '1000', held: '990', difference: '-10' } })
  figures!: Record<string, string>;

  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  @ApiProperty({ type: [String], description: 'Ids of the events that show the break' })
  evidenceEventIds!: string[];
}

export class AssignExceptionDto {
  @Identifier('User the exception is assigned to', 'alice') assignee!: string;
}

export class BulkAssignDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { each: true, message: 'each of $property must be 1-64 letters, digits, dots, dashes or underscores' })
  @ApiProperty({ type: [String], description: 'Exceptions to assign (1 to 500), each through its own aggregate', example: ['EX-bAAPL-under'] })
  exceptionIds!: string[];

  @Identifier('User the exceptions are assigned to', 'alice') assignee!: string;
}

export class TextDto {
  @Text('Free text', 'Custodian confirms the position; statement was late', 2000) text!: string;
}

/**
 * A proposed resolution: an outcome with a reason code and a justification, and the terms the
 * outcome takes (docs/reconciliation.md, "Resolution outcomes"). A body with only the free-text
 * `resolution`, as before outcomes, is proposed as fixed at source for reason OTHER.
 */
export class ResolutionDto {
  @ValidateIf((body: ResolutionDto) => body.outcome === undefined || body.resolution !== undefined)
  @Text('Free-text resolution: alone, a fixed-at-source proposal for reason OTHER; beside an outcome, the words the queue shows', 'Book the missing settlement CONF-778812', 2000)
  resolution?: string;

  @ValidateIf((body: ResolutionDto) => body.resolution === undefined || body.outcome !== undefined)
  @IsIn(RESOLUTION_OUTCOMES)
  @ApiPropertyOptional({ enum: RESOLUTION_OUTCOMES, description: 'What the approved resolution does to the break' })
  outcome?: ResolutionOutcome;

  @ValidateIf((body: ResolutionDto) => body.outcome !== undefined)
  @IsIn(RESOLUTION_REASON_CODES)
  @ApiPropertyOptional({ enum: RESOLUTION_REASON_CODES, description: 'Why, as a code reports count by' })
  reasonCode?: ResolutionReasonCode;

  @ValidateIf((body: ResolutionDto) => body.outcome !== undefined)
  @Text('Why this outcome, for the checker and the auditors', 'Custodian books the lot on Monday; confirmation CONF-778812 attached', 2000)
  justification?: string;

  @IsOptional()
  @IsString()
  @Matches(/^-?\d{1,30}(\.\d{1,18})?$/, { message: '$property must be a decimal string such as "10" or "-2.5" (at most 18 decimals)' })
  @ApiPropertyOptional({ type: String, description: 'accept-difference: the largest difference tolerated (shares, required); write-off: the signed difference written off (default: the whole difference)', example: '10' })
  amount?: string;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  @ApiPropertyOptional({ description: 'accept-difference: the last day the acceptance holds (required)', example: '2026-12-31' })
  until?: string;

  @IsOptional()
  @Matches(/^[A-Z]{2}[A-Z0-9]{9}\d$/, { message: '$property must be an ISIN (12 characters)' })
  @ApiPropertyOptional({ description: 'ignore-instrument: the ISIN to ignore; defaults to the break\'s own', example: 'US0000000001' })
  isin?: string;
}

export class ReasonDto {
  @Text('Reason', 'Figures do not match the custodian confirmation', 2000) reason!: string;
}
