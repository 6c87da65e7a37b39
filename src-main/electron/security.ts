import { app, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../log/logger';
import { mayNavigate, permissionCheckAllowed, permissionRequestAllowed, windowOpenDecision } from './security-policy';
import { isAllowedExternalUrl } from './window-options';

/** The one guarded way to open a link in the system browser: https only, no credentials. */
export async function openExternalSafely(url: string, log: Logger): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) {
    log.warn('external link refused', { url: url.slice(0, 200) });
    return false;
  }
  await shell.openExternal(url);
  return true;
}

function hardenWebContents(contents: WebContents, log: Logger): void {
  const refuseNavigation = (event: { url: string; preventDefault(): void }, kind: string) => {
    if (mayNavigate(event.url)) return;
    event.preventDefault();
    log.warn(`${kind} refused`, { url: event.url.slice(0, 200) });
  };
  contents.on('will-navigate', (event) => refuseNavigation(event, 'navigation'));
  contents.on('will-redirect', (event) => refuseNavigation(event, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview refused');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally)
      void openExternalSafely(url, log).catch((error: unknown) => log.error('openExternal failed', { error }));
    else log.warn('window.open refused', { url: url.slice(0, 200) });
    return { action: decision.action };
  });
}

/**
 * Installs the checklist's handlers: navigation and new windows stay on the app origin,
 * webviews are refused, and only the permissions the UI needs are granted, to the app only.
 */
export function installSecurityHandlers(ses: Session, log: Logger): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = permissionRequestAllowed({
      permission,
      requestingUrl: details.requestingUrl,
      isMainFrame: details.isMainFrame,
      ...('mediaTypes' in details && details.mediaTypes ? { mediaTypes: details.mediaTypes } : {}),
    });
    if (!allowed) log.warn('permission refused', { permission, url: details.requestingUrl.slice(0, 200) });
    callback(allowed);
  });
  ses.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    permissionCheckAllowed({
      permission,
      requestingOrigin,
      isMainFrame: details.isMainFrame,
      fromWebContents: contents !== null,
      ...(details.requestingUrl === undefined ? {} : { requestingUrl: details.requestingUrl }),
      ...(details.mediaType === undefined ? {} : { mediaType: details.mediaType }),
    }),
  );
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
}
