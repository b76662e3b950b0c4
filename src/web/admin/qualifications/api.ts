import type { ImportJobView, QualificationList, QualificationSearch } from '../../../shared/schemas/qualifications';
import { adminApi } from '../adminApi';

/** 【资质管理】 requests. Filters go in POST bodies: a USCC never appears in a URL. */
export const qualificationsApi = {
  search: (body: QualificationSearch) => adminApi.post<QualificationList>('/api/admin/qualifications/search', body),
  revoke: (id: string, reason: string) => adminApi.post<{ ok: true }>(`/api/admin/qualifications/${encodeURIComponent(id)}/revoke`, { reason }),
  upload: (type: string, file: File) => {
    const form = new FormData();
    // The type first: the server reads it before the file streams in.
    form.append('type', type);
    form.append('file', file, file.name);
    return adminApi.post<{ id: string }>('/api/admin/qualifications/imports', form);
  },
  job: (id: string, signal?: AbortSignal) => adminApi.get<ImportJobView>(`/api/admin/qualifications/imports/${encodeURIComponent(id)}`, { signal }),
  confirm: (id: string) => adminApi.post<{ ok: true }>(`/api/admin/qualifications/imports/${encodeURIComponent(id)}/confirm`),
  cancel: (id: string) => adminApi.post<{ ok: true }>(`/api/admin/qualifications/imports/${encodeURIComponent(id)}/cancel`),
};

export const templateUrl = (type: string, format: 'csv' | 'xlsx') => `/api/admin/qualifications/templates/${type}/${format}`;
export const errorReportUrl = (id: string) => `/api/admin/qualifications/imports/${encodeURIComponent(id)}/errors`;
