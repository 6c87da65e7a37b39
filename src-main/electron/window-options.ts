// Pure: no electron import, so tests can check every security flag without Electron's binary.

/** The custom scheme the UI is served from (registered as privileged before `ready`). */
export const APP_SCHEME = 'app';
/** The one host of the app scheme. */
export const APP_HOST = 'tongban';
/** The origin of the UI: the only origin that may navigate, call the contract or get permissions. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Window title, as staff see it in the task bar. */
export const WINDOW_TITLE = '跨省通办窗口';

/** The web preferences of the main window; literal types make the compiler guard the security flags too. */
export interface MainWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webviewTag: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  spellcheck: false;
  devTools: boolean;
}

/** The subset of BrowserWindow options the main window sets, as a plain object. */
export interface MainWindowOptions {
  title: string;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: false;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  icon?: string;
  webPreferences: MainWebPreferences;
}

/** The window's size on a screen whose work area (the screen less the taskbar) is unknown: a 1366×768 screen with a 40-px taskbar. */
export const DEFAULT_WORK_AREA = { width: 1366, height: 728 } as const;

/**
 * Options of the main window: hidden until `ready-to-show`, and no larger than the screen's work
 * area (a 1366×768 counter screen less its taskbar), so nothing starts below the bottom edge.
 */
export function mainWindowOptions(
  preloadPath: string,
  opts: { devTools?: boolean; icon?: string; workArea?: { width: number; height: number } } = {},
): MainWindowOptions {
  const area = opts.workArea ?? DEFAULT_WORK_AREA;
  const minWidth = Math.min(1024, area.width);
  const minHeight = Math.min(600, area.height);
  return {
    title: WINDOW_TITLE,
    width: Math.max(minWidth, Math.min(1366, area.width)),
    height: Math.max(minHeight, Math.min(860, area.height)),
    minWidth,
    minHeight,
    show: false,
    backgroundColor: '#f5f7fa',
    autoHideMenuBar: true,
    ...(opts.icon === undefined ? {} : { icon: opts.icon }),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Chromium's spellchecker downloads dictionaries from Google: no network surprises at a counter.
      spellcheck: false,
      devTools: opts.devTools ?? false,
    },
  };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True when `url` is on the app's own origin (exact scheme and host, no port, no credentials). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

const MAX_EXTERNAL_URL_LENGTH = 2048;

/** True when `url` may be handed to the system browser: https only, a host, no credentials, bounded length. */
export function isAllowedExternalUrl(url: string): boolean {
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return false;
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === 'https:' &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
