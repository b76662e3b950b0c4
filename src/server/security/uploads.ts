import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { errorMessages } from '../../shared/errors.js';
import { sniffUploadKind, type UploadKind } from '../../shared/uploads.js';

export type { UploadKind };

/** The file type by its first bytes, never by its name or the browser's claim (the browser runs the same check). */
export const sniffUpload = (content: Buffer): UploadKind | null => sniffUploadKind(content);

export const uploadMimeTypes: Record<UploadKind, string> = { jpg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };

export interface ReceivedFile {
  content: Buffer;
  kind: UploadKind;
}

/**
 * Reads a multipart form: text fields and the named files (JPG/PNG/PDF, ≤ maxBytes each).
 * Problems with files come back as `fileErrors` (field → message), so the caller can report
 * them together with the errors of the text fields.
 */
export async function readMultipartForm(
  request: FastifyRequest,
  fileFields: readonly string[],
  maxBytes: number,
): Promise<{ fields: Record<string, string>; files: Record<string, ReceivedFile>; fileErrors: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const fields: Record<string, string> = {};
  const files: Record<string, ReceivedFile> = {};
  const fieldErrors: Record<string, string> = {};
  for await (const part of request.parts({ limits: { fileSize: maxBytes, files: fileFields.length, fields: 40, fieldSize: 4096 } })) {
    if (part.type === 'field') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    if (!fileFields.includes(part.fieldname)) {
      await part.toBuffer().catch(() => undefined);
      continue;
    }
    const content = await part.toBuffer();
    if (part.file.truncated) {
      fieldErrors[part.fieldname] = errorMessages.UPLOAD_TOO_LARGE;
      continue;
    }
    const kind = sniffUpload(content);
    if (!kind) fieldErrors[part.fieldname] = errorMessages.UPLOAD_TYPE;
    else files[part.fieldname] = { content, kind };
  }
  return { fields, files, fileErrors: fieldErrors };
}

/** Validates the text fields of a multipart form and merges every problem into one answer. */
export function validateMultipartFields<T>(
  schema: { safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
  form: { fields: Record<string, string>; files: Record<string, ReceivedFile>; fileErrors: Record<string, string> },
  requiredFiles: readonly string[],
): T {
  const parsed = schema.safeParse(form.fields);
  const fieldErrors: Record<string, string> = { ...form.fileErrors };
  if (!parsed.success) for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? '_')] ??= issue.message;
  for (const role of requiredFiles) if (!form.files[role]) fieldErrors[role] ??= errorMessages.UPLOAD_REQUIRED;
  if (!parsed.success || Object.keys(fieldErrors).length) throw new AppError('VALIDATION_FAILED', fieldErrors);
  return parsed.data;
}
