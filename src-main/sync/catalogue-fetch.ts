// GET /v1/catalogue/latest?have=… as the window sends it (signed like every /v1 request).
import { signedRequest, type ClientOptions } from './gateway-client';
import type { SyncDevice } from './sync-repo';

/** Asks the gateway for its newest catalogue version; `have` is the version in force here. */
export async function fetchLatestCatalogue(
  device: SyncDevice,
  client: ClientOptions,
  have: string,
): Promise<{ status: number | null; body: unknown; errorCode?: string }> {
  const reply = await signedRequest(device, client, {
    method: 'GET',
    path: '/v1/catalogue/latest',
    query: new URLSearchParams({ have }).toString(),
  });
  return { status: reply.status, body: reply.body, ...(reply.errorCode ? { errorCode: reply.errorCode } : {}) };
}
