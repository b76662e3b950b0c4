import { ApiError, getCsrfToken, NETWORK_ERROR_MESSAGE, resetCsrfToken } from '../../components/api';
import { adminApi, reportIfUnauthenticated } from '../adminApi';
import type { RegistrationDetail, RegistrationFilterInput, RegistrationItem } from '../../../shared/schemas/admin-registrations';

export const registrationsApi = {
  search: (body: { filter: RegistrationFilterInput; page: number; pageSize: number }) => adminApi.post<{ items: RegistrationItem[]; total: number }>('/api/admin/registrations/search', body),
  detail: (id: string) => adminApi.get<RegistrationDetail>(`/api/admin/registrations/${encodeURIComponent(id)}`),
};

/**
 * 【导出】: POSTs the filter (never in a URL) and saves the streamed XLSX, reporting the bytes
 * received so far (the server writes it row by row; its row count comes in x-export-rows).
 */
export async function exportRegistrations(body: { filter: RegistrationFilterInput; unmasked: boolean; reason?: string }, onProgress: (received: number, rows: number | null) => void): Promise<void> {
  const send = async () => {
    try {
      return await fetch('/api/admin/registrations/export', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': await getCsrfToken() },
        body: JSON.stringify(body),
      });
    } catch {
      throw new ApiError({ code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE, status: 0 });
    }
  };
  type Answer = { code?: string; message?: string; fieldErrors?: Record<string, string> } | null;
  let res = await send();
  let answer: Answer = null;
  if (!res.ok) answer = (await res.json().catch(() => null)) as Answer;
  if (res.status === 403 && /csrf/i.test(answer?.code ?? '')) {
    resetCsrfToken();
    res = await send();
    if (!res.ok) answer = (await res.json().catch(() => null)) as Answer;
  }
  if (!res.ok) {
    const error = new ApiError({ code: answer?.code ?? `HTTP_${res.status}`, message: answer?.message ?? '导出失败，请稍后重试', status: res.status, fieldErrors: answer?.fieldErrors });
    reportIfUnauthenticated(error);
    throw error;
  }
  const rows = Number(res.headers.get('x-export-rows') ?? '') || null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = res.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress(received, rows);
    }
  }
  const blob = new Blob(chunks as BlobPart[], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const star = res.headers.get('content-disposition')?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = star ? decodeURIComponent(star) : '登记查询.xlsx';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
