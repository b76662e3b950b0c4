/**
 * Uploads of 实名认证 and 人工核验: JPG, PNG or PDF of at most 5 MB. The browser refuses
 * other files when they are chosen; the server checks again. No Node APIs.
 */

export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

export type UploadKind = 'jpg' | 'png' | 'pdf';

/** Bytes needed by {@link sniffUploadKind}. */
export const UPLOAD_SNIFF_BYTES = 8;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

const startsWith = (content: Uint8Array, signature: number[]) => content.length >= signature.length && signature.every((byte, i) => content[i] === byte);

/** The file type by its first bytes, never by its name or the browser's claim. */
export function sniffUploadKind(content: Uint8Array): UploadKind | null {
  if (startsWith(content, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(content, PNG_SIGNATURE)) return 'png';
  if (startsWith(content, PDF_SIGNATURE)) return 'pdf';
  return null;
}
