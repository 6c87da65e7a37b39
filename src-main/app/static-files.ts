import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { RARE_FONT_DIR } from '@common/printing/rare-font';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

/** The content type for a served file, by extension. */
export function contentTypeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path to a file inside `root`, or null when the path escapes the root (`..`,
 * encoded slashes, NUL bytes) or names no file. `/` and unknown paths without an extension
 * fall back to `index.html` (the renderer routes in the page).
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]?.split('#')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = resolve(root);
  const candidate = resolve(base, `.${normalize(`/${decoded}`)}`);
  if (candidate !== base && !candidate.startsWith(base + sep)) return null;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  if (extname(decoded) === '') {
    const index = join(base, 'index.html');
    return existsSync(index) ? index : null;
  }
  return null;
}

const RARE_FONT_PREFIX = `/${RARE_FONT_DIR}/`;

/**
 * The file a UI request names: the rare-character font chunks (`/fonts/rare/*.woff2`) come from the
 * shipped resources/ (outside the asar, shared with printing), everything else from the built renderer.
 */
export function resolveUiFile(rendererDir: string, resourcesDir: string | undefined, urlPath: string): string | null {
  const path = urlPath.split('?')[0] ?? '';
  if (resourcesDir !== undefined && path.startsWith(RARE_FONT_PREFIX)) {
    const file = resolveStaticPath(join(resourcesDir, RARE_FONT_DIR), path.slice(RARE_FONT_PREFIX.length - 1));
    return file?.endsWith('.woff2') ? file : null;
  }
  return resolveStaticPath(rendererDir, urlPath);
}

/** The Content-Security-Policy of the UI: only the app's own code; styles inline for antd. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob: mediastream:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Headers on every UI response, from the browser host and from Electron's app:// alike. */
export const UI_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The document camera (拍照) is the only device the pages use; readers and printers are main's.
  'Permissions-Policy':
    'camera=(self), microphone=(), geolocation=(), display-capture=(), usb=(), serial=(), hid=(), payment=()',
};

/** One year: hashed file names change with their content, so they never need revalidating. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * How long the browser may keep a served file: the hashed files under `assets/` forever,
 * everything else (index.html, which names the current hashes) revalidated on every load.
 */
export function cacheControlOf(root: string, file: string): string {
  const assets = join(resolve(root), 'assets') + sep;
  return file.startsWith(assets) && /-[\w-]{8,}\.\w+$/.test(file) ? IMMUTABLE : 'no-cache';
}

/** A precompressed copy (`.br`, `.gz` written at build time) the client accepts, else the file itself. */
export function negotiateEncoding(
  file: string,
  acceptEncoding: string | undefined,
): { path: string; encoding: 'br' | 'gzip' | null } {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !/^\s*q=0(\.0*)?\s*$/.test(q ?? ''))
      .map(([name]) => (name ?? '').trim().toLowerCase()),
  );
  if (accepted.has('br') && existsSync(`${file}.br`)) return { path: `${file}.br`, encoding: 'br' };
  if (accepted.has('gzip') && existsSync(`${file}.gz`)) return { path: `${file}.gz`, encoding: 'gzip' };
  return { path: file, encoding: null };
}
