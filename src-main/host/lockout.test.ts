import { afterEach, describe, expect, it } from 'vitest';
import { createUser, initialised, testApp, type TestApp } from '../testing/test-app';
import type { RunningHost } from './server';
import { hostClient, testHost } from './testing';

let app: TestApp;
let host: RunningHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
  app?.dispose();
});

const WRONG = Array.from({ length: 24 }, (_, i) => `wrong-pass${i}`);

describe('browser host sign-in under concurrent guessing (limit 5)', () => {
  it('through the browser host: 24 wrong and the right one sent together do not sign in', async () => {
    app = await testApp();
    const admin = await initialised(app);
    await createUser(app, admin, 'clerk1', 'clerk');
    host = await testHost(app);
    const client = hostClient(host);
    const cookie = await client.exchange();
    expect(cookie).not.toBeNull();
    const replies = await Promise.all(
      [...WRONG, 'Passw0rd!'].map((password) =>
        client.call(cookie as string, 'auth:login', { username: 'clerk1', password }),
      ),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(replies.filter((r) => (r.json as { ok: boolean }).ok)).toHaveLength(0);
    expect((await client.call(cookie as string, 'auth:session', {})).json).toEqual({ ok: true, value: null });
  });
});
