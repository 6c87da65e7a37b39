// The fault proxy itself: each mode does what it says, counts itself, and the draws are seeded.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy, type Fault, type FaultProxyOptions } from './fault-proxy';

let upstream: Server;
let port = 0;
const seen = { completed: 0, aborted: 0 };

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('aborted', () => seen.aborted++);
    req.on('end', () => {
      seen.completed++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ bytes }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  port = (upstream.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

async function withProxy<T>(
  opts: Partial<FaultProxyOptions>,
  fn: (url: string, proxy: FaultProxy) => Promise<T>,
): Promise<T> {
  const proxy = new FaultProxy({ target: { host: '127.0.0.1', port }, seed: 42, ...opts });
  const p = await proxy.listen();
  try {
    return await fn(`http://127.0.0.1:${p}`, proxy);
  } finally {
    await proxy.close();
  }
}

const only = (fault: Fault) => ({ probabilities: { [fault]: 1 } });
const body = Buffer.alloc(200_000, 7);

describe('fault proxy', () => {
  it('passes requests through, several on one kept-alive connection', async () => {
    await withProxy({}, async (url, proxy) => {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${url}/x`, { method: 'PUT', body });
        expect(await res.json()).toEqual({ bytes: body.length });
      }
      expect(proxy.stats().pass).toBe(3);
    });
  });

  it('resets before forwarding, and answers 503 itself', async () => {
    const before = seen.completed;
    await withProxy(only('reset'), async (url, proxy) => {
      await expect(fetch(`${url}/x`)).rejects.toThrow();
      expect(proxy.stats().reset).toBe(1);
    });
    await withProxy(only('inject-503'), async (url, proxy) => {
      const res = await fetch(`${url}/x`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await res.json()).toMatchObject({ error: { code: 'unavailable' } });
      expect(proxy.stats()['inject-503']).toBe(1);
    });
    expect(seen.completed).toBe(before);
  });

  it('drops the reply after the upstream answered', async () => {
    const before = seen.completed;
    await withProxy(only('drop-reply'), async (url, proxy) => {
      await expect(fetch(`${url}/x`, { method: 'PUT', body })).rejects.toThrow();
      expect(proxy.stats()['drop-reply']).toBe(1);
    });
    expect(seen.completed).toBe(before + 1);
  });

  it('delays the reply past the client timeout', async () => {
    await withProxy({ ...only('delay-reply'), delayMs: 800 }, async (url, proxy) => {
      const started = Date.now();
      await expect(fetch(`${url}/x`, { signal: AbortSignal.timeout(200) })).rejects.toThrow(/abort|timeout/i);
      expect(Date.now() - started).toBeLessThan(700);
      expect(proxy.stats()['delay-reply']).toBe(1);
    });
  });

  it('truncates a request body mid-upload', async () => {
    const before = { ...seen };
    await withProxy(only('truncate-request'), async (url, proxy) => {
      await expect(fetch(`${url}/x`, { method: 'PUT', body })).rejects.toThrow();
      expect(proxy.stats()['truncate-request']).toBe(1);
      await expect.poll(() => seen.aborted).toBe(before.aborted + 1);
    });
    expect(seen.completed).toBe(before.completed);
  });

  it('refuses everything during a blackout', async () => {
    await withProxy({}, async (url, proxy) => {
      proxy.blackout(true);
      await expect(fetch(`${url}/x`)).rejects.toThrow();
      proxy.blackout(false);
      expect((await fetch(`${url}/x`)).status).toBe(200);
      expect(proxy.stats()).toMatchObject({ blackout: 1, pass: 1 });
    });
  });

  it('draws the same faults for the same seed', async () => {
    const run = () =>
      withProxy({ seed: 9, probabilities: { reset: 0.3, 'inject-503': 0.3 } }, async (url, proxy) => {
        for (let i = 0; i < 30; i++) await fetch(`${url}/x`).catch(() => undefined);
        return proxy.stats();
      });
    const a = await run();
    expect(a.reset + a['inject-503']).toBeGreaterThan(5);
    expect(a.pass).toBeGreaterThan(5);
    expect(await run()).toEqual(a);
  });
});
