import { describe, expect, it } from 'vitest';
import { mayNavigate, permissionCheckAllowed, permissionRequestAllowed, windowOpenDecision } from './security-policy';

describe('navigation', () => {
  it('stays within the app origin', () => {
    expect(mayNavigate('app://tongban/index.html')).toBe(true);
    expect(mayNavigate('app://tongban/cases/42')).toBe(true);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/index.html',
      'http://localhost:5173/',
      'data:text/html,x',
      'javascript:alert(1)',
    ]) {
      expect(mayNavigate(url), url).toBe(false);
    }
  });

  it('never opens a window; only https links go to the system browser', () => {
    expect(windowOpenDecision('https://zwfw.cq.gov.cn/')).toEqual({ action: 'deny', openExternally: true });
    expect(windowOpenDecision('app://tongban/print.html')).toEqual({ action: 'deny', openExternally: false });
    expect(windowOpenDecision('http://zwfw.cq.gov.cn/')).toEqual({ action: 'deny', openExternally: false });
    expect(windowOpenDecision('file:///C:/x.exe')).toEqual({ action: 'deny', openExternally: false });
  });
});

describe('permission requests', () => {
  const fromApp = { requestingUrl: 'app://tongban/index.html', isMainFrame: true };

  it('grants the document camera (video only) to the app main frame', () => {
    expect(permissionRequestAllowed({ ...fromApp, permission: 'media', mediaTypes: ['video'] })).toBe(true);
  });

  it('refuses the microphone and media requests without types', () => {
    expect(permissionRequestAllowed({ ...fromApp, permission: 'media', mediaTypes: ['audio'] })).toBe(false);
    expect(permissionRequestAllowed({ ...fromApp, permission: 'media', mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(permissionRequestAllowed({ ...fromApp, permission: 'media', mediaTypes: [] })).toBe(false);
    expect(permissionRequestAllowed({ ...fromApp, permission: 'media' })).toBe(false);
  });

  it('grants clipboard writes to the app', () => {
    expect(permissionRequestAllowed({ ...fromApp, permission: 'clipboard-sanitized-write' })).toBe(true);
  });

  it('refuses everything else', () => {
    for (const permission of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'display-capture',
      'openExternal',
      'fileSystem',
      'midi',
      'pointerLock',
      'fullscreen',
      'unknown',
    ]) {
      expect(permissionRequestAllowed({ ...fromApp, permission }), permission).toBe(false);
    }
  });

  it('refuses other origins and sub frames', () => {
    expect(
      permissionRequestAllowed({
        permission: 'media',
        mediaTypes: ['video'],
        requestingUrl: 'https://evil.example/',
        isMainFrame: true,
      }),
    ).toBe(false);
    expect(
      permissionRequestAllowed({
        permission: 'media',
        mediaTypes: ['video'],
        requestingUrl: 'file:///x.html',
        isMainFrame: true,
      }),
    ).toBe(false);
    expect(
      permissionRequestAllowed({ ...fromApp, permission: 'media', mediaTypes: ['video'], isMainFrame: false }),
    ).toBe(false);
  });
});

describe('the document camera', () => {
  const camera = { permission: 'media', mediaTypes: ['video'], isMainFrame: true } as const;

  it('is granted to any page of the app, and only to the app', () => {
    for (const requestingUrl of ['app://tongban/index.html', 'app://tongban/#/intake', 'app://tongban/settings?x=1']) {
      expect(permissionRequestAllowed({ ...camera, requestingUrl }), requestingUrl).toBe(true);
    }
    for (const requestingUrl of [
      'app://tongban.evil/index.html',
      'app://user@tongban/index.html',
      'app://tongban:8080/',
      'http://tongban/',
      'http://127.0.0.1:5173/',
      'blob:app://tongban/x',
      'about:blank',
      '',
    ]) {
      expect(permissionRequestAllowed({ ...camera, requestingUrl }), requestingUrl).toBe(false);
    }
  });

  it('never comes with the microphone or the screen', () => {
    for (const mediaTypes of [['audio'], ['video', 'audio'], ['audio', 'video'], ['video', 'video', 'audio']]) {
      expect(
        permissionRequestAllowed({ ...camera, requestingUrl: 'app://tongban/', mediaTypes }),
        mediaTypes.join(),
      ).toBe(false);
    }
    for (const permission of ['display-capture', 'speaker-selection', 'camera-pan-tilt-zoom', 'media-key-system']) {
      expect(permissionRequestAllowed({ ...camera, permission, requestingUrl: 'app://tongban/' }), permission).toBe(
        false,
      );
    }
  });

  it('checks answer the same for look-alike origins', () => {
    const check = { permission: 'media', mediaType: 'video', isMainFrame: true, fromWebContents: true } as const;
    expect(permissionCheckAllowed({ ...check, requestingOrigin: 'app://tongban' })).toBe(true);
    for (const requestingOrigin of ['app://tongban.evil', 'app://tongban:1', 'http://tongban', 'null', '']) {
      expect(permissionCheckAllowed({ ...check, requestingOrigin }), requestingOrigin).toBe(false);
    }
  });
});

describe('permission checks', () => {
  const fromApp = {
    requestingOrigin: 'app://tongban',
    requestingUrl: 'app://tongban/index.html',
    isMainFrame: true,
    fromWebContents: true,
  };

  it('answers granted for the camera and device labels, never the microphone', () => {
    expect(permissionCheckAllowed({ ...fromApp, permission: 'media', mediaType: 'video' })).toBe(true);
    expect(permissionCheckAllowed({ ...fromApp, permission: 'media', mediaType: 'unknown' })).toBe(true);
    expect(permissionCheckAllowed({ ...fromApp, permission: 'media', mediaType: 'audio' })).toBe(false);
    expect(permissionCheckAllowed({ ...fromApp, permission: 'media' })).toBe(false);
  });

  it('answers granted for clipboard writes, not reads', () => {
    expect(permissionCheckAllowed({ ...fromApp, permission: 'clipboard-sanitized-write' })).toBe(true);
    expect(permissionCheckAllowed({ ...fromApp, permission: 'clipboard-read' })).toBe(false);
  });

  it('refuses other origins, sub frames and checks made for no page', () => {
    expect(
      permissionCheckAllowed({
        ...fromApp,
        permission: 'media',
        mediaType: 'video',
        requestingOrigin: 'https://evil.example',
      }),
    ).toBe(false);
    expect(
      permissionCheckAllowed({
        ...fromApp,
        permission: 'media',
        mediaType: 'video',
        requestingUrl: 'https://evil.example/',
      }),
    ).toBe(false);
    expect(permissionCheckAllowed({ ...fromApp, permission: 'media', mediaType: 'video', isMainFrame: false })).toBe(
      false,
    );
    expect(
      permissionCheckAllowed({ ...fromApp, permission: 'media', mediaType: 'video', fromWebContents: false }),
    ).toBe(false);
  });
});
