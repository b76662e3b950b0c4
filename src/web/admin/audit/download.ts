import { ApiError, getCsrfToken, NETWORK_ERROR_MESSAGE, resetCsrfToken } from '../../components/api';
import { reportIfUnauthenticated } from '../adminApi';

/** The file name of a Content-Disposition header (filename*=UTF-8'' first), else `fallback`. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      // fall through
    }
  }
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

/**
 * POSTs `body` as JSON (with the CSRF token) and saves the answer as a file: for exports
 * whose filters must not travel in a URL. Errors come back as ApiError with the server's message.
 */
export async function downloadPost(path: string, body: unknown, fallbackName: string): Promise<void> {
  const send = async () => {
    try {
      return await fetch(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': await getCsrfToken() },
        body: JSON.stringify(body),
      });
    } catch {
      throw new ApiError({ code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE, status: 0 });
    }
  };
  let res = await send();
  type Answer = { code?: string; message?: string; fieldErrors?: Record<string, string> } | null;
  let answer: Answer = null;
  if (!res.ok) answer = (await res.json().catch(() => null)) as Answer;
  if (res.status === 403 && /csrf/i.test(answer?.code ?? '')) {
    // The session was renewed since the token was fetched: once more with a fresh one.
    resetCsrfToken();
    res = await send();
    if (!res.ok) answer = (await res.json().catch(() => null)) as Answer;
  }
  if (!res.ok) {
    const error = new ApiError({ code: answer?.code ?? `HTTP_${res.status}`, message: answer?.message ?? '导出失败，请稍后重试', status: res.status, fieldErrors: answer?.fieldErrors });
    reportIfUnauthenticated(error);
    throw error;
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
