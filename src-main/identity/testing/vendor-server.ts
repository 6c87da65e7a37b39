// Test support: a real HTTP server on 127.0.0.1 that behaves like a vendor's local reader service
// (POST /cgi-bin/readCard answering {retCode, certType, name, sex, nation, birthday, …, Photo}),
// including its faults: slow answers, broken JSON, no card, and the card taken away mid-answer.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the next requests get. */
export type VendorMode = 'card' | 'slow' | 'malformed' | 'no-card' | 'cut-mid-body' | 'http-500';

/** A running fake vendor service. */
export interface VendorServer {
  url: string;
  port: number;
  mode: VendorMode;
  /** The JSON a 'card' answer carries. */
  answer: Record<string, unknown>;
  requests: { method: string; url: string; body: string }[];
  /** Resolves once `count` requests have been received in all. */
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

/** The answer for 张三's card, as such services send it. */
export function zhangSanAnswer(photoBase64: string): Record<string, unknown> {
  return {
    retCode: '0',
    retMsg: '成功',
    certType: '',
    name: '张三',
    sex: '男',
    nation: '汉',
    birthday: '19900307',
    address: '重庆市万州区白岩路1号',
    idCode: '500101199003070014',
    department: '重庆市公安局万州区分局',
    startDate: '20160307',
    endDate: '长期',
    Photo: photoBase64,
  };
}

/** Starts the service on a free loopback port. */
export async function startVendorServer(answer: Record<string, unknown>): Promise<VendorServer> {
  const held = new Set<ServerResponse>();
  const waiters: { count: number; resolve: () => void }[] = [];
  const state: VendorServer = {
    url: '',
    port: 0,
    mode: 'card',
    answer,
    requests: [],
    waitForRequests: (count) =>
      state.requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      state.requests.push({ method: req.method ?? '', url: req.url ?? '', body });
      for (const w of waiters.filter((x) => state.requests.length >= x.count)) w.resolve();
      const json = JSON.stringify(state.answer);
      switch (state.mode) {
        case 'card':
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(json);
          return;
        case 'no-card':
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ retCode: '-2', retMsg: '未检测到证件' }));
          return;
        case 'malformed':
          res.writeHead(200, { 'content-type': 'application/json' }).end(`${json.slice(0, 40)}<html>`);
          return;
        case 'http-500':
          res.writeHead(500).end('reader fault');
          return;
        case 'slow':
          // Never answers until the client gives up or the server closes.
          held.add(res);
          return;
        case 'cut-mid-body': {
          const bytes = Buffer.from(json);
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
          res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.port = port;
  state.url = `http://127.0.0.1:${port}/cgi-bin/readCard`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
