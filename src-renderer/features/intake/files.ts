import type { Result } from '@common/result';

/** Largest scanned file the main process accepts (it checks again, and checks the type by content). */
export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

/** The file types offered in the file chooser; the main process decides by content, not by name. */
export const SCAN_ACCEPT = '.jpg,.jpeg,.png,.pdf';

/** Refuses empty and oversized files before sending them (with the main process's codes). */
export function fileProblem(file: File): Result<never> | null {
  const code = file.size === 0 ? 'file-empty' : file.size > MAX_SCAN_BYTES ? 'file-too-large' : null;
  return code
    ? { ok: false, error: { code: 'unsupported-file', message: code, details: { fields: [{ path: 'file', code }] } } }
    : null;
}

/** The file's bytes as base64. */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** A file name the contract accepts (at most 120 characters), keeping the extension. */
export function uploadName(name: string): string {
  const trimmed = name.trim() || 'scan';
  if (trimmed.length <= 120) return trimmed;
  const dot = trimmed.lastIndexOf('.');
  const ext = dot > 0 && trimmed.length - dot <= 10 ? trimmed.slice(dot) : '';
  return trimmed.slice(0, 120 - ext.length) + ext;
}

/** `1.2 MB`, `34 KB`, `512 B`. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
