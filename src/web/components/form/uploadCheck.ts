import { errorMessages } from '../../../shared/errors';
import { sniffUploadKind, UPLOAD_MAX_BYTES, UPLOAD_SNIFF_BYTES } from '../../../shared/uploads';

/** The hint under an upload field. */
export const UPLOAD_HINT = 'JPG、PNG或PDF文件，不超过5MB';

/**
 * Why a chosen file cannot be uploaded (null when it can): larger than 5 MB, or not JPG/PNG/PDF
 * by its first bytes (a renamed file is caught here, not only at the server). For antd
 * Upload's `beforeUpload`, so the file is refused when it is chosen.
 */
export async function uploadProblem(file: Blob): Promise<string | null> {
  // Size first, as the server does (it stops reading at the limit).
  if (file.size > UPLOAD_MAX_BYTES) return errorMessages.UPLOAD_TOO_LARGE;
  const head = new Uint8Array(await file.slice(0, UPLOAD_SNIFF_BYTES).arrayBuffer());
  return sniffUploadKind(head) ? null : errorMessages.UPLOAD_TYPE;
}

/** antd Form `getValueFromEvent` of an Upload field: its file list. */
export function uploadFileList<T>(event: unknown): T[] {
  if (Array.isArray(event)) return event as T[];
  const list = (event as { fileList?: T[] } | null)?.fileList;
  return Array.isArray(list) ? list : [];
}
