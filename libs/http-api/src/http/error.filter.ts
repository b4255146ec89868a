import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, InvalidQuantityError } from '@recon/domain';
import { DuplicateEventIdError, WrongExpectedVersionError } from '@recon/event-store';
import { Response } from 'express';

/** Domain codes that mean "you may not", not "this is invalid". */
const FORBIDDEN_CODES = new Set(['MAKER_CHECKER', 'FORBIDDEN', 'FOUR_EYES_REQUIRED']);
/** Domain codes that mean "this is already recorded otherwise": a conflict with what is stored. */
const CONFLICT_CODES = new Set(['TRANSFER_ALREADY_RECORDED', 'CHANGE_DECIDED']);

/** Maps domain and store errors to HTTP: bad field 400, unknown subject 404, refused rule 422, maker-checker 403, conflict 409, bad number 400. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.toHttp(error);
    response.status(status).json(body);
  }

  private toHttp(error: unknown): [number, object] {
    if (error instanceof HttpException) {
      const body = error.getResponse();
      return [error.getStatus(), typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : body];
    }
    if (error instanceof WrongExpectedVersionError) {
      return [HttpStatus.CONFLICT, { statusCode: 409, error: 'Conflict', message: error.message, actualVersion: error.actual }];
    }
    if (error instanceof DuplicateEventIdError) {
      return [HttpStatus.CONFLICT, { statusCode: 409, error: 'Conflict', message: error.message }];
    }
    if (error instanceof InvalidQuantityError) {
      return [HttpStatus.BAD_REQUEST, { statusCode: 400, error: 'Bad Request', message: [error.message] }];
    }
    if (error instanceof DomainError && error.code.startsWith('INVALID_')) {
      // The domain re-checks fields the DTO already checked (ISIN check digit, quantity scale): still bad input.
      return [HttpStatus.BAD_REQUEST, { statusCode: 400, error: error.code, message: [error.message] }];
    }
    if (error instanceof DomainError && error.code.endsWith('_NOT_FOUND')) {
      // What the command names does not exist (an asset never registered, a request, an exception).
      return [HttpStatus.NOT_FOUND, { statusCode: 404, error: error.code, message: error.message }];
    }
    if (error instanceof DomainError && CONFLICT_CODES.has(error.code)) {
      return [HttpStatus.CONFLICT, { statusCode: 409, error: error.code, message: error.message }];
    }
    if (error instanceof DomainError) {
      const status = FORBIDDEN_CODES.has(error.code) ? HttpStatus.FORBIDDEN : HttpStatus.UNPROCESSABLE_ENTITY;
      return [status, { statusCode: status, error: error.code, message: error.message }];
    }
    this.logger.error(error instanceof Error ? error.stack : String(error));
    return [HttpStatus.INTERNAL_SERVER_ERROR, { statusCode: 500, message: 'Internal server error' }];
  }
}
