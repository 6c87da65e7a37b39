import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isAllowedExternalUrl, isAppUrl, mainWindowOptions } from './window-options';

describe('main window options', () => {
  const options = mainWindowOptions('/app/out/preload/preload.js');

  it('sets every security flag of the checklist', () => {
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/preload.js',
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
      spellcheck: false,
      devTools: false,
    });
  });

  it('has DevTools only when asked (unpackaged runs)', () => {
    expect(mainWindowOptions('p', { devTools: true }).webPreferences.devTools).toBe(true);
  });

  it('is titled in Chinese, sized for a counter screen and hidden until ready', () => {
    expect(options).toMatchObject({
      title: '跨省通办窗口',
      width: 1366,
      height: 728, // fits a 1366×768 screen with its taskbar
      minWidth: 1024,
      minHeight: 600,
      show: false,
    });
    // A taller screen gets the full height; a smaller work area is never exceeded.
    expect(mainWindowOptions('p', { workArea: { width: 1920, height: 1040 } })).toMatchObject({
      width: 1366,
      height: 860,
    });
    expect(mainWindowOptions('p', { workArea: { width: 1280, height: 680 } })).toMatchObject({
      width: 1280,
      height: 680,
    });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/);
    expect(options).not.toHaveProperty('icon');
    expect(mainWindowOptions('p', { icon: '/i.png' }).icon).toBe('/i.png');
  });
});

describe('app origin', () => {
  it('loads the entry page from app://tongban', () => {
    expect(APP_ORIGIN).toBe('app://tongban');
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
  });

  it.each([
    ['app://tongban/index.html', true],
    ['app://tongban/', true],
    ['app://tongban/assets/x.js?v=1#top', true],
    ['app://tongban.evil/index.html', false],
    ['app://evil/index.html', false],
    ['app://tongban:8080/index.html', false],
    ['app://user:pw@tongban/index.html', false],
    ['https://tongban/index.html', false],
    ['file:///etc/passwd', false],
    ['http://127.0.0.1:5173/', false],
    ['about:blank', false],
    ['not a url', false],
    ['', false],
  ])('isAppUrl(%j) is %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('external links', () => {
  it.each([
    ['https://zwfw.cq.gov.cn/guide', true],
    ['https://www.gjzwfw.gov.cn/', true],
    ['http://zwfw.cq.gov.cn/', false],
    ['https://user:secret@zwfw.cq.gov.cn/', false],
    ['https://user@zwfw.cq.gov.cn/', false],
    ['file:///C:/Windows/System32/calc.exe', false],
    ['javascript:alert(1)', false],
    ['smb://server/share', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['app://tongban/index.html', false],
    ['https://', false],
    ['', false],
    [`https://example.cn/${'a'.repeat(3000)}`, false],
  ])('isAllowedExternalUrl(%j) is %s', (url, expected) => {
    expect(isAllowedExternalUrl(url)).toBe(expected);
  });
});
