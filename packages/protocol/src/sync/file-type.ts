/** Media types accepted for scanned materials and ticket files, recognised by their leading bytes, never by name. */
export type ScanMediaType = 'image/jpeg' | 'image/png' | 'application/pdf';

/** The media type of a scanned file judged by its content, or null when it is none of JPEG, PNG, PDF. */
export function sniffScanType(bytes: Uint8Array): ScanMediaType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  return null;
}
