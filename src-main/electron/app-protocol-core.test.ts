import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../app/static-files';
import { fileForAppRequest, planAppResponse } from './app-protocol-core';

let base: string;
let renderer: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'tongban-protocol-'));
  renderer = join(base, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'void 0;');
  writeFileSync(join(base, 'package.json'), '{"secret":true}');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'evil');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// request to file', () => {
  it('serves the entry page and assets', () => {
    expect(fileForAppRequest(renderer, 'app://tongban/')).toBe(join(renderer, 'index.html'));
    expect(fileForAppRequest(renderer, 'app://tongban/index.html')).toBe(join(renderer, 'index.html'));
    expect(fileForAppRequest(renderer, 'app://tongban/assets/app.js?v=3#x')).toBe(join(renderer, 'assets', 'app.js'));
  });

  it('falls back to the entry page for in-app routes, not for missing files', () => {
    expect(fileForAppRequest(renderer, 'app://tongban/cases/new')).toBe(join(renderer, 'index.html'));
    expect(fileForAppRequest(renderer, 'app://tongban/assets/missing.js')).toBeNull();
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2e%2e%2fpackage.json',
    '/%2E%2E%2F%2E%2E%2Fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/..%5cpackage.json',
    '/%5c..%5cpackage.json',
    '/..\\package.json',
    '/index.html%00.js',
    '/%00',
    '/../renderer-evil/x.js',
    '/%2e%2e/renderer-evil/x.js',
    '/%E0%A4%A',
  ])('refuses the escape attempt %s', (path) => {
    expect(fileForAppRequest(renderer, `app://tongban${path}`)).toBeNull();
  });

  it.each([
    'app://other/index.html',
    'app://tongban:1/index.html',
    'file:///index.html',
    'https://tongban/index.html',
    'garbage',
  ])('refuses the foreign URL %s', (url) => {
    expect(fileForAppRequest(renderer, url)).toBeNull();
  });
});

describe('app:// response plan', () => {
  it('sends files with the CSP, nosniff and their content type', () => {
    const plan = planAppResponse(renderer, 'GET', 'app://tongban/assets/app.js');
    expect(plan).toMatchObject({ kind: 'file', status: 200, withBody: true, file: join(renderer, 'assets', 'app.js') });
    expect(plan.headers).toMatchObject({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Content-Type': 'text/javascript; charset=utf-8',
    });
    // The scheme is corsEnabled for module scripts; without this header no other origin can read.
    expect(Object.keys(plan.headers).map((h) => h.toLowerCase())).not.toContain('access-control-allow-origin');
  });

  it('answers HEAD without a body', () => {
    expect(planAppResponse(renderer, 'HEAD', 'app://tongban/')).toMatchObject({ kind: 'file', withBody: false });
  });

  it('answers 404 and 405 with the same security headers', () => {
    const missing = planAppResponse(renderer, 'GET', 'app://tongban/../package.json');
    expect(missing).toMatchObject({ kind: 'error', status: 404 });
    const post = planAppResponse(renderer, 'POST', 'app://tongban/index.html');
    expect(post).toMatchObject({ kind: 'error', status: 405 });
    for (const plan of [missing, post]) {
      expect(plan.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(plan.headers['X-Content-Type-Options']).toBe('nosniff');
    }
  });
});

describe('rare-character font chunks (生僻字)', () => {
  const resources = join(process.cwd(), 'resources');

  it('come from resources/fonts/rare, as font/woff2, with the UI headers', () => {
    const url = 'app://tongban/fonts/rare/020000.woff2';
    expect(fileForAppRequest(renderer, url, resources)).toBe(join(resources, 'fonts', 'rare', '020000.woff2'));
    const plan = planAppResponse(renderer, 'GET', url, resources);
    expect(plan).toMatchObject({ kind: 'file', status: 200, headers: { 'Content-Type': 'font/woff2' } });
    expect(plan.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    '/fonts/rare/../../templates/document.css',
    '/fonts/rare/%2e%2e/OFL.txt',
    '/fonts/rare/LICENSE.txt',
    '/fonts/rare/',
    '/fonts/rare/ffffff.woff2',
  ])('%s is refused (only the chunks, nothing beside or above them)', (path) => {
    expect(fileForAppRequest(renderer, `app://tongban${path}`, resources)).toBeNull();
  });
});
