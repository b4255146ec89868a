import { BadRequestException, Body, Controller, HttpStatus, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Principal } from '@recon/platform';
import type { Response } from 'express';
import path from 'node:path';
import { CurrentPrincipal, Roles } from '../../auth/auth.decorators';
import { DryRunIngestionReport, IngestionReport, StatementIngestion, StatementRefusedError, StatementRefusedReport } from '@recon/ingestion';
import { bicOf } from '../../http/bic-param';

/** A statement file larger than this is refused before it is read; a 10,000-position MT535 page is about 2 MB. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** The part of multer's file object this route reads (the full type lives in @types/multer). */
interface UploadedStatementFile {
  readonly originalname: string;
  readonly buffer: Buffer;
}

/** The other fields of the upload: multipart form fields, or the JSON body that carries the file as text. */
interface UploadFields {
  readonly custodian?: unknown;
  readonly dryRun?: unknown;
  /** JSON only: the file's name and its content (UTF-8 text, or base64 with `encoding: "base64"`). */
  readonly fileName?: unknown;
  readonly content?: unknown;
  readonly encoding?: unknown;
}

const badRequest = (message: string) => new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [message] });

function flag(field: string, value: unknown): boolean {
  if (value === undefined || value === '' || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw badRequest(`${field}: must be true or false (got ${JSON.stringify(value)})`);
}

function fileOf(uploaded: UploadedStatementFile | undefined, fields: UploadFields): { name: string; bytes: Uint8Array } {
  if (uploaded) return { name: path.basename(uploaded.originalname) || 'statement', bytes: uploaded.buffer };
  if (typeof fields.content !== 'string') throw badRequest('file: a multipart field "file" with the statement, or a JSON body with "content" (and "fileName"), is required');
  if (fields.encoding !== undefined && fields.encoding !== 'utf-8' && fields.encoding !== 'base64') throw badRequest('encoding: must be "utf-8" or "base64"');
  const bytes = fields.encoding === 'base64' ? Buffer.from(fields.content, 'base64') : Buffer.from(fields.content, 'utf-8');
  if (bytes.length > MAX_FILE_BYTES) throw badRequest(`content: larger than ${MAX_FILE_BYTES} bytes`);
  const name = typeof fields.fileName === 'string' ? path.basename(fields.fileName) : '';
  return { name: name || 'statement', bytes };
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
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  @ApiOperation({
    summary: 'Ingest one statement file (format detected from the content), or preview it with dryRun=true',
    description:
      'SWIFT MT535, ISO 20022 semt.002 (001.10, 001.11) or a CSV export under the standard header. The whole statement is refused on any problem, and nothing of it is appended; the refusal lists every problem (up to 100) with file, line (and XPath) and field. ' +
      'Ids are deterministic (custodian + account + statement reference + page): the same file again appends nothing; other content under a known page is recorded as a conflicting duplicate, never taken. ' +
      '23G CANC withdraws the statement it names; COPY and DUPL add nothing when the original is known. ' +
      'A file that names no sender takes the custodian from the "custodian" field (a BIC), else from the one link of its safekeeping account; a file that names a sender other than the "custodian" given is refused. ' +
      'dryRun=true (field or query) decides everything on an in-memory copy and appends nothing: the answer lists what would be appended, the positions per ISIN before and after, and the breaks that would open or clear (200).',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiQuery({ name: 'dryRun', required: false, description: 'true: preview only, nothing appended' })
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        file: { type: 'string', format: 'binary', description: 'The statement file (multipart)' },
        fileName: { type: 'string', description: 'JSON: the file name recorded as the source document' },
        content: { type: 'string', description: 'JSON: the file content, UTF-8 text or base64' },
        encoding: { type: 'string', enum: ['utf-8', 'base64'], description: 'JSON: how content is encoded (default utf-8)' },
        custodian: { type: 'string', example: 'CUSTCHZZ', description: "The custodian's BIC, for a file that names no sender" },
        dryRun: { type: 'boolean', description: 'Preview only: nothing is appended' },
      },
    },
  })
  @ApiCreatedResponse({ type: IngestionReport, description: 'What the statement appended (nothing when it was known)' })
  @ApiOkResponse({ type: DryRunIngestionReport, description: 'dryRun=true: what the statement would append and change; nothing was appended' })
  @ApiBadRequestResponse({ type: StatementRefusedReport, description: 'The statement was refused: each problem names the file, the line (and XPath) and the field' })
  async upload(
    @UploadedFile() uploaded: UploadedStatementFile | undefined,
    @Body() fields: UploadFields = {},
    @Query('dryRun') dryRunQuery: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IngestionReport> {
    // Only the name is kept: it is recorded as the source document, and a client's path means nothing here.
    const file = fileOf(uploaded, fields ?? {});
    const custodian = fields?.custodian === undefined || fields.custodian === '' ? undefined : bicOf('custodian', fields.custodian);
    const dryRun = flag('dryRun', fields?.dryRun) || flag('dryRun', dryRunQuery);
    try {
      const report = await this.ingestion.ingest(file, principal, { ...(custodian === undefined ? {} : { custodian }), dryRun });
      response.status(dryRun ? HttpStatus.OK : HttpStatus.CREATED);
      return report;
    } catch (error) {
      if (!(error instanceof StatementRefusedError)) throw error;
      const body: StatementRefusedReport = { statusCode: 400, error: 'Bad Request', message: error.message, errors: [...error.problems] };
      throw new BadRequestException(body);
    }
  }
}
