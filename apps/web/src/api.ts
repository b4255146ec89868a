// The API client: the signed-in key lives in sessionStorage (gone when the tab closes) and goes out
// as X-API-Key on every call, exactly as any other client of the API sends it.

const KEY_STORAGE = 'recon.apiKey';

export interface Session {
  readonly user: string;
  readonly roles: readonly string[];
}

export const storedKey = (): string | null => sessionStorage.getItem(KEY_STORAGE);
export const forgetKey = (): void => sessionStorage.removeItem(KEY_STORAGE);
export const rememberKey = (key: string): void => sessionStorage.setItem(KEY_STORAGE, key);

/** A refusal of the API with its status and message, as the API words it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/** The API's error bodies carry `message` as one string or a list of `field: problem` lines. */
export function messageOf(body: unknown, status: number): string {
  const message = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(message)) return message.join('\n');
  if (typeof message === 'string') return message;
  return `HTTP ${status}`;
}

export function authHeaders(key: string | null = storedKey()): Record<string, string> {
  return key ? { 'X-API-Key': key } : {};
}

export async function api<T>(path: string, init: RequestInit = {}, key: string | null = storedKey()): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(key) };
  if (init.body !== undefined && typeof init.body === 'string') headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } });
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, messageOf(body, response.status), body);
  return body as T;
}

export const post = <T>(path: string, body: unknown = {}): Promise<T> => api<T>(path, { method: 'POST', body: JSON.stringify(body) });

/** Downloads a file the API serves behind authentication (a plain link could not send the key). */
export async function download(path: string, fileName: string): Promise<void> {
  const response = await fetch(path, { headers: authHeaders() });
  if (!response.ok) throw new ApiError(response.status, `export failed: HTTP ${response.status}`, null);
  saveBlob(await response.blob(), fileName);
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const hasRole = (session: Session, ...roles: string[]): boolean => session.roles.includes('admin') || roles.some((role) => session.roles.includes(role));
