import { api, isApiError } from '../components/api';

/**
 * The JSON API of the logged-in console. A 401 (not or no longer logged in) is reported to
 * the console layout, which sends the operator to 登录 and back here afterwards.
 */
type Listener = (error: unknown) => void;
const listeners = new Set<Listener>();

export function onUnauthenticated(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function isUnauthenticated(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

/** Tells the console that a request of its own (e.g. a plain fetch) got a 401. */
export function reportIfUnauthenticated(error: unknown): void {
  if (isUnauthenticated(error)) for (const listener of listeners) listener(error);
}

async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    reportIfUnauthenticated(error);
    throw error;
  }
}

export const adminApi = {
  get: <T>(path: string, opts: { signal?: AbortSignal } = {}) => guarded(() => api.get<T>(path, opts)),
  post: <T>(path: string, body?: unknown) => guarded(() => api.post<T>(path, body)),
};
