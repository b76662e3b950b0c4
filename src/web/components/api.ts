/**
 * fetch wrapper for the JSON APIs under /api (and other same-origin endpoints).
 *
 * - JSON in and out (or multipart/form-data out when the body is a FormData), cookies sent
 *   (`credentials: 'same-origin'`).
 * - State-changing requests carry `x-csrf-token`, taken from `GET /api/csrf` → `{ token }`
 *   (fetched once and cached; fetched again once when the server rejects it).
 * - Failures become an {@link ApiError} carrying the server's error model
 *   `{ code, message, fieldErrors, requestId }`; a network failure becomes
 *   ApiError('NETWORK_ERROR', '网络连接异常，请稍后重试').
 */

export type FieldErrors = Record<string, string>;

export const NETWORK_ERROR_MESSAGE = '网络连接异常，请稍后重试';
const UNEXPECTED_MESSAGE = '服务暂时不可用，请稍后重试';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** Machine-readable error code from the server, or NETWORK_ERROR / HTTP_<status>. */
  readonly code: string;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly fieldErrors: FieldErrors;
  readonly requestId: string | undefined;

  constructor(init: { code: string; message: string; status: number; fieldErrors?: FieldErrors; requestId?: string }) {
    super(init.message);
    this.code = init.code;
    this.status = init.status;
    this.fieldErrors = init.fieldErrors ?? {};
    this.requestId = init.requestId;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** The message to show a person for any error thrown by this module (or anything else). */
export function errorMessage(e: unknown): string {
  return isApiError(e) ? e.message : UNEXPECTED_MESSAGE;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  signal?: AbortSignal;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toFieldErrors(v: unknown): FieldErrors {
  if (!isRecord(v)) return {};
  const out: FieldErrors = {};
  for (const [k, msg] of Object.entries(v)) {
    if (typeof msg === 'string') out[k] = msg;
  }
  return out;
}

async function readJson(res: Response): Promise<unknown> {
  const type = res.headers.get('content-type') ?? '';
  if (res.status === 204 || !type.includes('json')) return undefined;
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

function errorFromResponse(res: Response, body: unknown): ApiError {
  if (isRecord(body) && typeof body.message === 'string' && body.message !== '') {
    return new ApiError({
      code: typeof body.code === 'string' ? body.code : `HTTP_${res.status}`,
      message: body.message,
      status: res.status,
      fieldErrors: toFieldErrors(body.fieldErrors),
      requestId: typeof body.requestId === 'string' ? body.requestId : undefined,
    });
  }
  return new ApiError({ code: `HTTP_${res.status}`, message: UNEXPECTED_MESSAGE, status: res.status });
}

async function send(method: Method, path: string, body: unknown, headers: Record<string, string>, opts: RequestOptions) {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...headers },
    signal: opts.signal,
  };
  if (body instanceof FormData) {
    // multipart/form-data: the browser sets the content type with its boundary.
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  try {
    return await fetch(path, init);
  } catch (e) {
    // Cancellation (react-query unmounts, route changes) is not a network failure.
    if (opts.signal?.aborted) throw e;
    throw new ApiError({ code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE, status: 0 });
  }
}

let csrfToken: Promise<string> | undefined;

/** The CSRF token of the current session (cached). Also used by plain form posts (`_csrf`). */
export function getCsrfToken(): Promise<string> {
  csrfToken ??= (async () => {
    const res = await send('GET', '/api/csrf', undefined, {}, {});
    const body = await readJson(res);
    if (!res.ok) throw errorFromResponse(res, body);
    if (!isRecord(body) || typeof body.token !== 'string') {
      throw new ApiError({ code: `HTTP_${res.status}`, message: UNEXPECTED_MESSAGE, status: res.status });
    }
    return body.token;
  })();
  csrfToken.catch(() => {
    csrfToken = undefined;
  });
  return csrfToken;
}

/** Forget the cached token (after login/logout the session, and so the token, changes). */
export function resetCsrfToken(): void {
  csrfToken = undefined;
}

function looksLikeCsrfRejection(res: Response, body: unknown): boolean {
  return res.status === 403 && isRecord(body) && typeof body.code === 'string' && /csrf/i.test(body.code);
}

async function request<T>(method: Method, path: string, body: unknown, opts: RequestOptions): Promise<T> {
  const stateChanging = method !== 'GET';
  let res = await send(method, path, body, stateChanging ? { 'x-csrf-token': await getCsrfToken() } : {}, opts);
  let parsed = await readJson(res);
  if (stateChanging && looksLikeCsrfRejection(res, parsed)) {
    // The session may have been renewed since the token was fetched: try once with a fresh one.
    resetCsrfToken();
    res = await send(method, path, body, { 'x-csrf-token': await getCsrfToken() }, opts);
    parsed = await readJson(res);
  }
  if (!res.ok) throw errorFromResponse(res, parsed);
  return parsed as T;
}

export const api = {
  get: <T>(path: string, opts: RequestOptions = {}) => request<T>('GET', path, undefined, opts),
  /** `body` is sent as JSON, or as multipart/form-data when it is a FormData (file uploads). */
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('POST', path, body, opts),
  put: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PUT', path, body, opts),
  patch: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PATCH', path, body, opts),
  delete: <T>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, undefined, opts),
};
