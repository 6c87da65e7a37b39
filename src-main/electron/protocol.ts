import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import type { Logger } from '../log/logger';
import { planAppResponse } from './app-protocol-core';
import { APP_SCHEME } from './window-options';

/**
 * Registers app:// as a standard, secure scheme so the UI gets a real origin (for CSP 'self',
 * permissions and the sender checks) instead of file://. Must run before `ready`.
 * `corsEnabled`: Vite emits `<script type="module" crossorigin>`, fetched in CORS mode; our
 * responses carry no Access-Control-Allow-Origin, so no other origin can read them.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/**
 * Serves the built renderer (and the rare-character font chunks from resources/fonts/rare) on app://tongban,
 * with the CSP and nosniff on every response.
 */
export function serveAppProtocol(rendererDir: string, resourcesDir: string, log: Logger): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const plan = planAppResponse(rendererDir, request.method, request.url, resourcesDir);
    if (plan.kind === 'error') return new Response(plan.body, { status: plan.status, headers: plan.headers });
    try {
      const body = plan.withBody ? new Uint8Array(await readFile(plan.file)) : null;
      return new Response(body, { status: plan.status, headers: plan.headers });
    } catch (error) {
      log.error('app protocol read failed', { url: request.url, error });
      return new Response('not found', { status: 404, headers: plan.headers });
    }
  });
}
