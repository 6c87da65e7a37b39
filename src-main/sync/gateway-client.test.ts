// The client's byte budget: many small requests go at once, large ones only as many as fit in
// MAX_BYTES_IN_FLIGHT (a slow link carries no more at once than it did with 4 workers and 1 MiB requests).
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceKeys } from './device-keys';
import { MAX_BYTES_IN_FLIGHT, signedRequest } from './gateway-client';
import type { SyncDevice } from './sync-repo';

let server: Server;
let device: SyncDevice;
let open = 0;
let peak = 0;

beforeAll(async () => {
  // Holds every request 150 ms after its body arrived, counting how many are inside at once.
  server = createServer((req, res) => {
    open += 1;
    peak = Math.max(peak, open);
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        open -= 1;
        res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
      }, 150),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const keys = generateDeviceKeys();
  device = {
    gatewayUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    deviceId: 'd1',
    epoch: 1,
    district: '500101',
    publicKey: keys.publicKeyRaw,
    privateKey: keys.privateKeyPem,
    clockOffsetMs: 0,
    enrolledAt: new Date().toISOString(),
    revokedAt: null,
  };
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const burst = async (n: number, size: number) => {
  peak = 0;
  const replies = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      signedRequest(
        device,
        { timeoutMs: 10_000, now: () => new Date() },
        { method: 'PUT', path: `/x/${i}`, body: Buffer.alloc(size, 1) },
      ),
    ),
  );
  expect(replies.every((r) => r.status === 201)).toBe(true);
  return peak;
};

describe('bytes in flight', () => {
  it('small requests go eight at a time (the agent’s sockets)', async () => {
    expect(await burst(12, 200 * 1024)).toBe(8);
  });

  it('1.5 MiB requests go only as many at once as fit in the budget', async () => {
    expect(await burst(6, 1.5 * 1024 * 1024)).toBe(Math.floor(MAX_BYTES_IN_FLIGHT / (1.5 * 1024 * 1024)));
  });

  it('a body larger than the budget still goes, alone', async () => {
    expect(await burst(2, MAX_BYTES_IN_FLIGHT + 1)).toBe(1);
  });
});
