import type { SettlementOutcome } from './settlement-outcome';
import { authHeaders, messageOf } from '../api';

export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly xpath?: string;
  readonly field: string;
  readonly message: string;
}

export interface PositionChange {
  readonly custodian: string;
  readonly account: string;
  readonly isin: string;
  readonly before?: string;
  readonly after?: string;
}

export interface BreakChange {
  readonly assetId: string;
  readonly breakType: string;
  readonly subject: string;
  readonly severity: string;
  readonly reason: string;
}

export interface Report {
  readonly file: string;
  readonly format: string;
  readonly custodian: string;
  readonly statementReference: string;
  /** What groups the pages of one statement; each page keeps its own SEME (statementReference). */
  readonly statementKey?: string;
  /** A cancellation: the message its PREV named. */
  readonly cancels?: string;
  readonly asOf: string;
  readonly pages: ReadonlyArray<{ account: string; page: number; positions: number; outcome: string }>;
  readonly assembly: { readonly missing: readonly number[]; readonly withdrawn?: readonly number[]; readonly complete: boolean; readonly cancelled: boolean };
  readonly appended: ReadonlyArray<{ streamId: string; type: string }>;
  /** A settlement confirmation or status advice (MT544 to MT548): what it did to which trade. */
  readonly settlements?: readonly SettlementOutcome[];
  /** Present on a dry run's answer only. */
  readonly dryRun?: { readonly positions: readonly PositionChange[]; readonly opening: readonly BreakChange[]; readonly clearing: readonly BreakChange[] };
}

export type Outcome =
  | { kind: 'done'; report: Report }
  /** The request previewed, so that recording it sends exactly what was previewed. */
  | { kind: 'preview'; report: Report; request: UploadRequest }
  | { kind: 'refused'; problems: Problem[] }
  | { kind: 'failed'; message: string };

export interface UploadRequest {
  readonly file: File;
  /** The custodian's BIC, for a file that names no sender; empty: the file's sender, else the account's one link. */
  readonly custodian: string;
  readonly dryRun: boolean;
}

/** XMLHttpRequest rather than fetch: only it reports upload progress. */
function send({ file, custodian, dryRun }: UploadRequest, onProgress: (percent: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/custody/statements/upload');
    for (const [name, value] of Object.entries(authHeaders())) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(Math.round((event.loaded / event.total) * 100));
    request.onload = () => resolve({ status: request.status, body: request.responseText ? JSON.parse(request.responseText) : null });
    request.onerror = () => reject(new Error('the upload did not reach the server'));
    const form = new FormData();
    if (custodian.trim() !== '') form.append('custodian', custodian.trim());
    if (dryRun) form.append('dryRun', 'true');
    form.append('file', file);
    request.send(form);
  });
}

/** Sends the file and reads the answer: recorded (201), previewed (200), refused with its problems (400), or failed. */
export async function uploadStatement(request: UploadRequest, onProgress: (percent: number) => void): Promise<Outcome> {
  try {
    const { status, body } = await send(request, onProgress);
    if (status === 201) return { kind: 'done', report: body as Report };
    if (status === 200 && request.dryRun) return { kind: 'preview', report: body as Report, request };
    if (status === 400 && Array.isArray((body as { errors?: unknown }).errors)) return { kind: 'refused', problems: (body as { errors: Problem[] }).errors };
    return { kind: 'failed', message: messageOf(body, status) };
  } catch (failure) {
    return { kind: 'failed', message: (failure as Error).message };
  }
}
