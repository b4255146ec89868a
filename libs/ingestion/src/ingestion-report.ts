import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * What an ingested statement file did to the custody streams. Classes rather than interfaces so the
 * OpenAPI document describes the answer; the service builds plain objects of these shapes.
 */

export type PageOutcome = 'recorded' | 'unchanged' | 'conflicting-duplicate' | 'withdrawn';
/** cancelled: the statement was withdrawn; page-withdrawn: one page of it (the CANC named that page's SEME). */
export type CancellationOutcome = 'cancelled' | 'page-withdrawn' | 'unchanged';

export class RecordedPageReport {
  @ApiProperty({ example: 'SAFE-1000' }) account!: string;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ description: 'Deterministic: custodian + account + statement reference + page' }) statementId!: string;
  @ApiProperty({ description: 'Positions on the page for this account' }) positions!: number;

  @ApiProperty({
    enum: ['recorded', 'unchanged', 'conflicting-duplicate', 'withdrawn'],
    description: 'recorded: new page; unchanged: the same page was known; conflicting-duplicate: a known page with other content, flagged, not taken; withdrawn: the statement was cancelled before this page came',
  })
  outcome!: PageOutcome;

  @ApiProperty({ description: 'An empty page recorded so that the account has every page of its statement (the page listed other accounts only)' })
  filledIn!: boolean;
}

export class CancellationReport {
  @ApiProperty({ example: 'SAFE-1000' }) account!: string;
  @ApiProperty({ description: 'Id of the cancelling message' }) cancellationId!: string;
  @ApiProperty({ enum: ['cancelled', 'page-withdrawn', 'unchanged'], description: 'cancelled: the statement; page-withdrawn: one page of it, the statement is incomplete again' })
  outcome!: CancellationOutcome;
}

export class AssemblyReport {
  @ApiProperty({ type: [Number], description: 'Pages of the statement received so far' }) received!: number[];
  @ApiPropertyOptional({ description: 'Number of the page flagged last, once it arrived' }) lastPage?: number;
  @ApiProperty({ type: [Number], description: 'Pages below the last (or the highest received) that have not arrived' }) missing!: number[];
  @ApiProperty({ type: [Number], description: 'Pages a cancellation withdrew one by one (its PREV named the page) and no replacement has come for' }) withdrawn!: number[];
  @ApiProperty({ description: 'Pages 1 to LAST all present (MT535 28E)' }) complete!: boolean;
  @ApiProperty({ type: [String], description: 'Every account the statement reports' }) accounts!: string[];
  @ApiProperty({ description: 'A cancellation withdrew the statement' }) cancelled!: boolean;
}

export class MovementReport {
  @ApiProperty({ example: 'SAFE-1000' }) account!: string;
  @ApiProperty({ example: 'US0378331005' }) isin!: string;
  @ApiProperty({ example: '-16', description: 'Signed shares: received +, delivered -' }) quantity!: string;
  @ApiProperty({ description: 'Deterministic: custodian + account + statement reference + page + ISIN + posting' }) movementId!: string;
  @ApiProperty({ example: '2024-06-28T00:00:00Z' }) movedAt!: string;
  @ApiProperty({
    enum: ['recorded', 'unchanged', 'conflicting-duplicate'],
    description: 'conflicting-duplicate: other postings were recorded under the same statement reference and page; flagged, not taken',
  })
  outcome!: 'recorded' | 'unchanged' | 'conflicting-duplicate';
}

export class SettlementReport {
  @ApiProperty({ example: 'CONF-545-0001', description: "The custodian's reference of the message (20C::SEME)" }) messageReference!: string;
  @ApiProperty({
    enum: ['confirmation', 'cancellation', 'failing', 'pending', 'other-status'],
    description: 'confirmation: shares settled (MT544-547); cancellation: a confirmation withdrawn (23G CANC); failing / pending: a settlement status (MT548 25D::SETT//PENF, PEND); other-status: a status that changes nothing here',
  })
  kind!: string;
  @ApiPropertyOptional({ example: 'T-20240627-0001' }) tradeId?: string;
  @ApiPropertyOptional({
    enum: ['account-owner-reference', 'trade-id', 'custodian-reference', 'keys', 'confirmation-reference'],
    description: 'How the trade was found: 20C::RELA equal to its account owner reference or id, 20C::ASRF to its custodian reference, ISIN/side/quantity/date, or the confirmation it already has (or, for a CANC, the one cancelled)',
  })
  matchedBy?: string;
  @ApiPropertyOptional({ example: '250.5', description: 'Shares settled, or given back by a cancellation' }) quantity?: string;
  @ApiPropertyOptional({ example: 'SETT//PENF' }) status?: string;
  @ApiPropertyOptional({ example: 'CLAC', description: "The custodian's reason code (24B)" }) reasonCode?: string;
  @ApiProperty({ enum: ['recorded', 'unchanged', 'not-recorded'], description: 'not-recorded: a pending or other status, reported only' }) outcome!: string;
}

export class AppendedEventReport {
  @ApiProperty({ example: 'custody-CUSTCHZZ-SAFE-1000' }) streamId!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 'StatementReceived' }) type!: string;
}

export class IngestionReport {
  @ApiProperty({ example: 'holdings-2024-06-28.txt' }) file!: string;
  @ApiProperty({ enum: ['MT535', 'MT536', 'SEMT002', 'CSV', 'MT544', 'MT545', 'MT546', 'MT547', 'MT548', 'SESE025', 'SESE024'], description: 'Detected from the content' }) format!: string;
  @ApiProperty({ example: 'CUSTCHZZ' }) custodian!: string;
  @ApiProperty({ example: 'HOLD20240628', description: "The file's own reference (20C::SEME), as statementReference always was" }) statementReference!: string;
  @ApiPropertyOptional({
    example: 'HOLDINGS|CUSTCHZZ|SAFE-1000|2024-06-28T17:30:00|CUST|SETT',
    description: 'What groups the pages of one statement (each page has its own SEME): custodian, account, statement date, type, basis',
  })
  statementKey?: string;
  @ApiPropertyOptional({ example: 'HOLD20240628P2', description: "This message's own reference (20C::SEME): what a cancellation names to withdraw it" }) messageReference?: string;
  @ApiPropertyOptional({ example: 'HOLD20240628P1', description: 'A cancellation (23G CANC): the message it withdrew, as its 20C::PREV names it' }) cancels?: string;
  @ApiProperty() page!: number;
  @ApiProperty() lastPage!: boolean;
  @ApiProperty({ example: '2024-06-28' }) asOf!: string;
  @ApiProperty({ enum: ['NEW', 'CANCEL'] }) function!: 'NEW' | 'CANCEL';
  @ApiPropertyOptional({ enum: ['COPY', 'DUPLICATE', 'COPY_DUPLICATE'] }) copy?: string;
  @ApiProperty({ type: [RecordedPageReport] }) pages!: RecordedPageReport[];
  @ApiProperty({ type: [CancellationReport] }) cancellations!: CancellationReport[];
  @ApiProperty({ type: AssemblyReport }) assembly!: AssemblyReport;
  @ApiPropertyOptional({ type: [MovementReport], description: 'A statement of transactions (MT536): one custody movement per posting' }) movements?: MovementReport[];
  @ApiPropertyOptional({ type: [SettlementReport], description: 'A settlement confirmation or status advice (MT544 to MT548): what it did to which trade' }) settlements?: SettlementReport[];
  @ApiProperty({ type: [AppendedEventReport], description: 'Empty when the file was known already' }) appended!: AppendedEventReport[];
}

export class StatementProblemReport {
  @ApiProperty({ example: 'holdings.txt' }) file!: string;
  @ApiProperty({ example: 14 }) line!: number;
  @ApiPropertyOptional({ example: '/Document/SctiesBalCtdyRpt/BalForAcct[2]/AggtBal' }) xpath?: string;
  @ApiProperty({ example: '93B::AGGR (aggregate balance)' }) field!: string;
  @ApiProperty({ example: '"UNIT/12a,5" is not a decimal quantity' }) message!: string;
}

export class StatementRefusedReport {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ description: 'The problems in one line each; nothing of the statement was appended' }) message!: string;
  @ApiProperty({ type: [StatementProblemReport] }) errors!: StatementProblemReport[];
}
