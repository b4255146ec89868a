import { BadRequestException, Controller, HttpCode, HttpStatus, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Principal } from '@recon/platform';
import path from 'node:path';
import { CurrentPrincipal, Roles } from '../../auth/auth.decorators';
import { IngestionReport, StatementIngestion, StatementRefusedError, StatementRefusedReport } from '@recon/ingestion';

/** A statement file larger than this is refused before it is read; a 10,000-position MT535 page is about 2 MB. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** The part of multer's file object this route reads (the full type lives in @types/multer). */
interface UploadedStatementFile {
  readonly originalname: string;
  readonly buffer: Buffer;
}

/** Custody statement files as custodians send them: MT535, semt.002, CSV exports. */
@ApiTags('custody')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('custody/statements')
@Roles('operator')
export class StatementsController {
  constructor(private readonly ingestion: StatementIngestion) {}

  @Post('upload')
  @HttpCode(HttpStatus.CREATED)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  @ApiOperation({
    summary: 'Ingest one statement file (format detected from the content)',
    description:
      'SWIFT MT535, ISO 20022 semt.002 (001.10, 001.11) or a CSV export under the standard header. The whole statement is refused on any problem, and nothing of it is appended. ' +
      'Ids are deterministic (custodian + account + statement reference + page): the same file again appends nothing; other content under a known page is recorded as a conflicting duplicate, never taken. ' +
      '23G CANC withdraws the statement it names; COPY and DUPL add nothing when the original is known.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'The statement file' } } } })
  @ApiCreatedResponse({ type: IngestionReport, description: 'What the statement appended (nothing when it was known)' })
  @ApiBadRequestResponse({ type: StatementRefusedReport, description: 'The statement was refused: each problem names the file, the line (and XPath) and the field' })
  async upload(@UploadedFile() file: UploadedStatementFile | undefined, @CurrentPrincipal() principal: Principal): Promise<IngestionReport> {
    if (!file) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['file: a multipart field "file" with the statement is required'] });
    // Only the name is kept: it is recorded as the source document, and a client's path means nothing here.
    const name = path.basename(file.originalname) || 'statement';
    try {
      return await this.ingestion.ingest({ name, bytes: file.buffer }, principal);
    } catch (error) {
      if (!(error instanceof StatementRefusedError)) throw error;
      const body: StatementRefusedReport = { statusCode: 400, error: 'Bad Request', message: error.message, errors: [...error.problems] };
      throw new BadRequestException(body);
    }
  }
}
