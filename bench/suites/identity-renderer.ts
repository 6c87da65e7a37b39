// 人证比对 in the renderer (Chromium, WASM): the same Human 3.3.6 models and tfjs-backend-wasm 4.22.0 files the
// app ships, served from 127.0.0.1 with COOP/COEP (cross-origin isolated, so WASM may use threads) to Debian's
// Chromium. Measures model load and detect+describe of a 640×480 live frame and of the chip photo. The app's
// renderer does not run the models (main decides, decision 0150): this is the figure a live preview would see.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../src-main/printing/drivers/playwright-chromium';

const require_ = createRequire(__filename);
/** A package's folder: up from its resolved entry to the package.json of that name (exports hide package.json). */
function packageDir(name: string): string {
  let dir = dirname(require_.resolve(name));
  while (dirname(dir) !== dir) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name)
      return dir;
    dir = dirname(dir);
  }
  throw new Error(`package ${name} not found`);
}
const humanDir = packageDir('@vladmandic/human');
const wasmDir = join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist');

const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
import { Human } from '/human/dist/human.esm.js';
window.run = async (runs) => {
  const human = new Human({
    backend: 'wasm', wasmPath: '/wasm/', modelBasePath: '/human/models/', debug: false, warmup: 'none',
    cacheSensitivity: 0, filter: { enabled: false },
    face: { enabled: true, detector: { rotation: true, maxDetected: 5, minConfidence: 0.5, return: false },
      mesh: { enabled: true }, iris: { enabled: false }, description: { enabled: true }, emotion: { enabled: false },
      antispoof: { enabled: true }, liveness: { enabled: true }, attention: { enabled: false }, gear: { enabled: false } },
    body: { enabled: false }, hand: { enabled: false }, object: { enabled: false }, gesture: { enabled: false },
    segmentation: { enabled: false },
  });
  const image = async (src) => { const i = new Image(); i.src = src; await i.decode(); return i; };
  const frame = await image('/frame.jpg');
  const chip = await image('/chip.jpg');
  let t = performance.now();
  await human.load();
  const loadMs = performance.now() - t;
  t = performance.now();
  const first = await human.detect(frame);
  const firstMs = performance.now() - t;
  const time = async (img, n) => { const out = []; for (let i = 0; i < n; i++) { const s = performance.now(); const r = await human.detect(img); if (!r.face[0]?.embedding?.length) throw new Error('no face'); out.push(performance.now() - s); } return out; };
  const frameMs = await time(frame, runs);
  const chipMs = await time(chip, runs);
  return { backend: human.tf.getBackend(), isolated: crossOriginIsolated, faces: first.face.length, loadMs, firstMs, frameMs, chipMs };
};
</script>`;

/** What Chromium measured. */
export interface RendererFaceTimes {
  backend: string;
  isolated: boolean;
  faces: number;
  loadMs: number;
  firstMs: number;
  frameMs: number[];
  chipMs: number[];
}

/** Serves the page, the models, the .wasm files and the two images; runs `runs` detections of each in Chromium. */
export async function rendererFaceTimes(frame: Buffer, chip: Buffer, runs: number): Promise<RendererFaceTimes> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/'));
      const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
      const type = (p: string) =>
        p.endsWith('.js') ? 'text/javascript' : p.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
      try {
        if (path === '/') return res.writeHead(200, { ...headers, 'content-type': 'text/html' }).end(PAGE);
        if (path === '/frame.jpg' || path === '/chip.jpg')
          return res
            .writeHead(200, { ...headers, 'content-type': 'image/jpeg' })
            .end(path === '/frame.jpg' ? frame : chip);
        const file = path.startsWith('/human/')
          ? join(humanDir, path.slice('/human/'.length))
          : path.startsWith('/wasm/')
            ? join(wasmDir, path.slice('/wasm/'.length))
            : null;
        if (!file || file.includes('..')) return res.writeHead(404).end();
        res.writeHead(200, { ...headers, 'content-type': type(file) }).end(await readFile(file));
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => typeof (window as unknown as { run?: unknown }).run === 'function');
    return await page.evaluate(
      (n) => (window as unknown as { run(n: number): Promise<RendererFaceTimes> }).run(n),
      runs,
    );
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
