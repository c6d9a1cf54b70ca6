/** Typed fetch client: JSON in and out, session cookie, CSRF header, Accept-Language from the UI language. */

export type ApiLang = 'zh-CN' | 'en';

/** An error answered by the server (`{code, message, requestId, details?}`) or a failed request. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

/** Codes the client makes up itself when there is no server answer to read. */
export const CLIENT_CODES = { network: 'QC_CLIENT_NETWORK', badResponse: 'QC_CLIENT_BAD_RESPONSE' } as const;
/** Server codes meaning "there is no valid session". */
export const AUTH_LOST_CODES = ['QC_ERR_AUTH_REQUIRED', 'QC_ERR_AUTH_SESSION_EXPIRED'];

let csrfToken: string | null = null;
let lang: ApiLang = 'zh-CN';
let authLostHandler: ((err: ApiError) => void) | null = null;

/** Remembers the CSRF token from the last /api/auth/me or login answer. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Sets the Accept-Language sent with every request. */
export function setApiLang(value: ApiLang): void {
  lang = value;
}

/** Registers what to do when a request finds the session gone; returns an unregister function. */
export function onAuthLost(handler: (err: ApiError) => void): () => void {
  authLostHandler = handler;
  return () => {
    if (authLostHandler === handler) authLostHandler = null;
  };
}

/** True when the error means the user must log in (again). */
export function isAuthLost(err: unknown): err is ApiError {
  return err instanceof ApiError && AUTH_LOST_CODES.includes(err.code);
}

interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  /** Do not call the auth-lost handler (used by the session probe itself). */
  quietAuth?: boolean;
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: a proxy or a crash answered
  }
  if (body && typeof body === 'object' && 'code' in body && 'message' in body) {
    const b = body as { code: string; message: string; requestId?: string; details?: Record<string, unknown> };
    return new ApiError(res.status, b.code, b.message, b.details, b.requestId);
  }
  return new ApiError(res.status, CLIENT_CODES.badResponse, `HTTP ${res.status}`);
}

/** Sends one request; resolves to the parsed JSON body (undefined for 204) or throws ApiError. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), init);
  } catch (err) {
    throw new ApiError(0, CLIENT_CODES.network, (err as Error).message);
  }
  if (!res.ok) {
    const error = await readError(res);
    if (!options.quietAuth && isAuthLost(error)) authLostHandler?.(error);
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(res.status, CLIENT_CODES.badResponse, 'Invalid JSON');
  }
}

/** POSTs one multipart form with the CSRF header; a failed answer becomes an ApiError (and may end the session). */
async function postForm(path: string, form: FormData, accept?: string): Promise<Response> {
  const headers: Record<string, string> = { 'Accept-Language': lang };
  if (accept) headers.Accept = accept;
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers, body: form, credentials: 'same-origin' });
  } catch (err) {
    throw new ApiError(0, CLIENT_CODES.network, (err as Error).message);
  }
  if (!res.ok) {
    const error = await readError(res);
    if (isAuthLost(error)) authLostHandler?.(error);
    throw error;
  }
  return res;
}

/** Sends one multipart form (file uploads) with the CSRF header; resolves to the parsed JSON answer. */
export async function upload<T>(path: string, form: FormData): Promise<T> {
  return (await (await postForm(path, form, 'application/json')).json()) as T;
}

/** Sends one multipart form and resolves to the file answered (its name from Content-Disposition). */
export async function uploadForFile(path: string, form: FormData): Promise<{ blob: Blob; fileName: string }> {
  const res = await postForm(path, form);
  const disposition = res.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="([^"]+)"/i.exec(disposition)?.[1];
  return { blob: await res.blob(), fileName: encoded ? decodeURIComponent(encoded) : (plain ?? 'download') };
}

export const get = <T>(path: string, query?: RequestOptions['query']) => request<T>('GET', path, { query });
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} });
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body });
export const del = <T>(path: string) => request<T>('DELETE', path);
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, { body });
