import { ExceptionIds, exceptionIdsFrom } from '@recon/domain';
import { createHash } from 'node:crypto';

/** The platform's SHA-256 (node:crypto, OpenSSL): the digest the domain's port asks for. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The exception ids every process names breaks with; one memory of recent ids per process. */
export const EXCEPTION_IDS: ExceptionIds = exceptionIdsFrom(sha256Hex);
