// The case bundle (issue #16, decision 0231): a new case and all of its files in one signed request,
// `PUT /v1/cases/{caseId}/bundle`, so a case costs one nonce, one transaction and one commit.
//
// Body: a 4-byte big-endian length M, the M bytes of the case manifest's JSON (exactly the body the
// case PUT would send), then the bytes of every attachment slot of the manifest, in the manifest's
// order, each exactly `size` bytes. Content-Digest covers the whole body; every file is checked against
// its slot's sha256 and size. Nothing else is in the body, so a body of any other length is refused.
import { MAX_CASE_MANIFEST_BYTES } from './manifest-face-match';

export const CASE_BUNDLE_MEDIA_TYPE = 'application/vnd.tongban.case-bundle';
/** A file travels in a bundle only up to this size (the whole-file PUT's limit); larger ones are uploaded resumably. */
export const CASE_BUNDLE_FILE_LIMIT = 1024 * 1024;
/** The files of one bundle together (the manifest comes on top). */
export const CASE_BUNDLE_FILES_LIMIT = 16 * 1024 * 1024;
/** The largest body a gateway accepts on the bundle route. */
export const CASE_BUNDLE_BODY_LIMIT = 4 + MAX_CASE_MANIFEST_BYTES + CASE_BUNDLE_FILES_LIMIT;

/** True when files of these sizes may travel in one bundle. */
export function fitsCaseBundle(sizes: readonly number[]): boolean {
  let total = 0;
  for (const size of sizes) {
    if (!Number.isSafeInteger(size) || size < 0 || size > CASE_BUNDLE_FILE_LIMIT) return false;
    total += size;
  }
  return total <= CASE_BUNDLE_FILES_LIMIT;
}

/** The bundle body of a manifest (its exact JSON bytes) and its files in slot order. */
export function encodeCaseBundle(manifest: Uint8Array, files: readonly Uint8Array[]): Uint8Array {
  const parts = caseBundleParts(manifest, files);
  const body = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.length;
  }
  return body;
}

/**
 * The same body as consecutive parts, the files as given (not copied): the length and the manifest, then every
 * file. A sender that writes the parts in order sends exactly `encodeCaseBundle`'s bytes without putting the
 * files together in memory once more.
 */
export function caseBundleParts(manifest: Uint8Array, files: readonly Uint8Array[]): Uint8Array[] {
  if (manifest.length > MAX_CASE_MANIFEST_BYTES) throw new RangeError('manifest too large for a bundle');
  const head = new Uint8Array(4 + manifest.length);
  new DataView(head.buffer).setUint32(0, manifest.length);
  head.set(manifest, 4);
  return [head, ...files];
}

/** The manifest bytes and the rest (the files), or null when the body cannot be a bundle. Views, not copies. */
export function splitCaseBundle<T extends Uint8Array>(body: T): { manifest: T; files: T } | null {
  if (body.length < 4) return null;
  const length = new DataView(body.buffer, body.byteOffset, 4).getUint32(0);
  if (length > MAX_CASE_MANIFEST_BYTES || 4 + length > body.length) return null;
  return { manifest: body.subarray(4, 4 + length) as T, files: body.subarray(4 + length) as T };
}

/** The files cut at the slots' sizes (views), or null when their total is not exactly the rest of the body. */
export function splitBundleFiles<T extends Uint8Array>(files: T, sizes: readonly number[]): T[] | null {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total !== files.length) return null;
  const out: T[] = [];
  let offset = 0;
  for (const size of sizes) {
    out.push(files.subarray(offset, offset + size) as T);
    offset += size;
  }
  return out;
}
