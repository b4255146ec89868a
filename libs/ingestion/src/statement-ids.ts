import { uuidFrom } from '@recon/command-execution';

/**
 * A statement page's identity: custodian + safekeeping account + statement reference + page. The
 * account is part of it because one MT535 page may report several sub-safekeeping accounts, each
 * recorded on its own custody stream; the same page delivered again gets the same id.
 */
export const statementIdOf = (custodian: string, account: string, reference: string, page: number): string =>
  uuidFrom(`statement\u0000${custodian}\u0000${account}\u0000${reference}\u0000${page}`);

/** The identity of a cancelling message (23G CANC), which the same way names one page of one account's statement. */
export const cancellationIdOf = (custodian: string, account: string, reference: string, page: number): string =>
  uuidFrom(`cancellation\u0000${custodian}\u0000${account}\u0000${reference}\u0000${page}`);
