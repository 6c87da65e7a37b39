// Pure part of the app:// handler: which file answers a request, and with which headers.
import { contentTypeOf, resolveUiFile, UI_SECURITY_HEADERS } from '../app/static-files';
import { isAppUrl } from './window-options';

/** Headers on every app:// response, the same policy the browser host sends. */
export const APP_SECURITY_HEADERS = UI_SECURITY_HEADERS;

/**
 * The renderer file an app:// request names (or a rare-character font chunk under `resourcesDir`), or null
 * when the URL is not on the app origin or its path escapes its folder (`..`, encoded dots or slashes, NUL,
 * backslashes).
 */
export function fileForAppRequest(rendererDir: string, requestUrl: string, resourcesDir?: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  return resolveUiFile(rendererDir, resourcesDir, new URL(requestUrl).pathname);
}

/** How to answer one app:// request: a file to send, or a status with a short body. */
export type AppResponsePlan =
  | { kind: 'file'; file: string; status: 200; headers: Record<string, string>; withBody: boolean }
  | { kind: 'error'; status: 404 | 405; headers: Record<string, string>; body: string };

/** Plans the response to an app:// request; only GET and HEAD are served. */
export function planAppResponse(
  rendererDir: string,
  method: string,
  requestUrl: string,
  resourcesDir?: string,
): AppResponsePlan {
  const textHeaders = {
    ...APP_SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  };
  if (method !== 'GET' && method !== 'HEAD') {
    return { kind: 'error', status: 405, headers: { ...textHeaders, Allow: 'GET, HEAD' }, body: 'method not allowed' };
  }
  const file = fileForAppRequest(rendererDir, requestUrl, resourcesDir);
  if (file === null) return { kind: 'error', status: 404, headers: textHeaders, body: 'not found' };
  return {
    kind: 'file',
    file,
    status: 200,
    withBody: method === 'GET',
    // The files ship inside the asar and change only with an update: no long-lived cache to go stale.
    headers: { ...APP_SECURITY_HEADERS, 'Content-Type': contentTypeOf(file), 'Cache-Control': 'no-cache' },
  };
}
