import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsUUID, Matches } from 'class-validator';
import { BREAK_TYPES, BreakType, SEVERITIES, Severity } from '@recon/domain';
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

export class ResolutionDto {
  @Text('Proposed resolution', 'Book the missing settlement CONF-778812', 2000) resolution!: string;
}

export class ReasonDto {
  @Text('Reason', 'Figures do not match the custodian confirmation', 2000) reason!: string;
}
