// Pure decisions behind the Electron security handlers (security.ts), testable without Electron.
import { APP_ORIGIN, isAllowedExternalUrl, isAppUrl } from './window-options';

/** Whether a main-frame navigation or redirect to `url` may proceed: only within the app origin. */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

/** What to do with `window.open` / `target=_blank`: never a new window; https links go to the system browser. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isAllowedExternalUrl(url) };
}

/**
 * Permissions the UI may have. `media` is for the document camera (video only; a counter PC's
 * microphone is never needed). `clipboard-sanitized-write` lets staff copy a receipt number.
 */
export const GRANTED_PERMISSIONS: readonly string[] = ['media', 'clipboard-sanitized-write'];

/** A permission request as Electron describes it, reduced to what the decision needs. */
export interface PermissionRequestFacts {
  permission: string;
  requestingUrl: string;
  isMainFrame: boolean;
  mediaTypes?: readonly string[];
}

/** Whether to grant a permission request: a granted permission, from the app's main frame, video only for media. */
export function permissionRequestAllowed(facts: PermissionRequestFacts): boolean {
  if (!GRANTED_PERMISSIONS.includes(facts.permission)) return false;
  if (!facts.isMainFrame || !isAppUrl(facts.requestingUrl)) return false;
  if (facts.permission === 'media') {
    const types = facts.mediaTypes ?? [];
    return types.length > 0 && types.every((t) => t === 'video');
  }
  return true;
}

/** A permission check (a synchronous "is it granted?") as Electron describes it. */
export interface PermissionCheckFacts {
  permission: string;
  requestingOrigin: string;
  requestingUrl?: string;
  isMainFrame: boolean;
  /** `video`, `audio`, or `unknown` (enumerating devices, which needs the labels to pick the camera). */
  mediaType?: string;
  /** False when the check is made on behalf of no page (e.g. a service worker). */
  fromWebContents: boolean;
}

/** Whether a permission check answers "granted": the same rule as requests, audio never. */
export function permissionCheckAllowed(facts: PermissionCheckFacts): boolean {
  if (!facts.fromWebContents || !GRANTED_PERMISSIONS.includes(facts.permission)) return false;
  if (!facts.isMainFrame || facts.requestingOrigin !== APP_ORIGIN) return false;
  if (facts.requestingUrl !== undefined && !isAppUrl(facts.requestingUrl)) return false;
  if (facts.permission === 'media') return facts.mediaType === 'video' || facts.mediaType === 'unknown';
  return true;
}
