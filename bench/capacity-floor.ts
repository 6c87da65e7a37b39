// The protocol's own floor for the capacity bench (docs/capacity.md): the cryptography it requires and a
// bare HTTP transfer of the same bytes, for either way of pushing a case. The bundle (decision 0235) needs one
// signature per case and one plain request per case; the per-request push a signature and a request per
// case PUT and per file.
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { Agent, createServer } from 'node:http';
import { fileBytes, type FileSpec, type PushMode } from './load-window';
import { selfCpuMs } from './processes';
import { put } from './suites/sync';

/** CPU (ms per case) of the cryptography the protocol requires: a signature and its check per request, SHA-256 of every byte on both sides. */
export function cryptoFloor(requestsPerCase: number, bytesPerCase: number): { sign: number; hash: number } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const base = Buffer.alloc(300, 0x61);
  const mb = fileBytes(1024 * 1024);
  for (let i = 0; i < 200; i++) verify(null, base, publicKey, sign(null, base, privateKey));
  let c0 = selfCpuMs();
  for (let i = 0; i < 2000; i++) verify(null, base, publicKey, sign(null, base, privateKey));
  const pair = (selfCpuMs() - c0) / 2000;
  c0 = selfCpuMs();
  for (let i = 0; i < 200; i++) createHash('sha256').update(mb).digest();
  const perByte = (selfCpuMs() - c0) / 200 / mb.length;
  return { sign: pair * requestsPerCase, hash: 2 * perByte * bytesPerCase };
}

/**
 * CPU (ms per case, client + server in this process) of a bare keep-alive HTTP upload of the same bytes,
 * `inFlight` cases at a time: one request per case (`bundle`), or the manifest and then each file (`per-request`).
 */
export async function bareTransferCpu(
  mix: FileSpec[][],
  manifestBytes: number,
  mode: PushMode,
  inFlight: number,
): Promise<number> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });
  server.keepAliveTimeout = 72_000; // as fastify's (the gateway's): Node's 5 s default drops connections a slow link leaves idle
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const agents = Array.from({ length: inFlight }, () => new Agent({ keepAlive: true, maxSockets: 1, timeout: 20_000 }));
  const manifest = Buffer.alloc(manifestBytes, 0x20);
  const files = mix
    .flat()
    .slice(0, 64)
    .map((f) => fileBytes(f.size));
  const bytesOf = (f: FileSpec) => files[f.size % files.length]!.subarray(0, f.size);
  const run = async (cases: FileSpec[][]) => {
    let next = 0;
    await Promise.all(
      agents.map(async (agent) => {
        while (next < cases.length) {
          const c = cases[next++]!;
          if (mode === 'bundle') {
            // The bytes are put together as the window does (one copy), then sent in one request.
            await put(agent, port, '/bundle', Buffer.concat([manifest, ...c.map(bytesOf)]), 'application/octet-stream');
            continue;
          }
          await put(agent, port, '/case', manifest, 'application/json');
          for (const f of c) await put(agent, port, '/file', bytesOf(f), 'application/octet-stream');
        }
      }),
    );
  };
  await run(mix.slice(0, 50));
  const c0 = selfCpuMs();
  await run(mix);
  const perCase = (selfCpuMs() - c0) / mix.length;
  for (const a of agents) a.destroy();
  server.close();
  return perCase;
}
