// The face engine in main: @vladmandic/human 3.3.6 on tfjs-backend-wasm 4.22.0 (docs/toolchain.md
// "Face comparison"; never tfjs-node, never the CPU backend). Loaded on first use only: the app
// starts without it and tests that do not compare faces never load it.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeImage } from './image';

/** Which model produced a description (stored with every comparison). */
export const FACE_MODEL = { name: 'human-faceres', version: '3.3.6' } as const;

/** One face found in an image. */
export interface FoundFace {
  /** x, y, width, height in pixels of the analysed image. */
  box: [number, number, number, number];
  score: number;
  embedding: number[];
  /** Advisory anti-spoofing and liveness scores (0..1), when the models answered. */
  real: number | null;
  live: number | null;
}

/** Faces of one image and its size. */
export interface FaceAnalysis {
  width: number;
  height: number;
  faces: FoundFace[];
}

interface HumanFace {
  box: [number, number, number, number];
  score: number;
  embedding?: number[];
  real?: number;
  live?: number;
}
interface HumanInstance {
  tf: {
    tensor3d(values: Uint8Array, shape: [number, number, number], dtype: 'int32'): { dispose(): void };
    expandDims(t: unknown, axis: number): { dispose(): void };
    cast(t: unknown, dtype: 'float32'): { dispose(): void };
    getBackend(): string;
    image: { resizeBilinear(t: unknown, size: [number, number]): { dispose(): void } };
  };
  load(): Promise<void>;
  warmup?(): Promise<unknown>;
  detect(input: unknown, config?: unknown): Promise<{ face: HumanFace[]; error?: string | null }>;
}

const require_ = createRequire(__filename);
/** Images lower than this are upscaled before detection. */
const MIN_HEIGHT = 400;

/** Folder of a package: up from its resolved entry to the package.json of that name (exports may hide package.json). */
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

let fetchWrapped = false;
/** Node's fetch cannot read file:// URLs; Human loads its models with fetch (toolchain trap). */
function allowFileFetch(): void {
  if (fetchWrapped) return;
  fetchWrapped = true;
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith('file://')) {
      const body = await readFile(fileURLToPath(url));
      return new Response(body, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
    }
    return original(input, init);
  }) as typeof fetch;
}

/** Human configured for 1:1 comparison: one detector, mesh, description, anti-spoofing and liveness. */
function humanConfig(): Record<string, unknown> {
  const human = packageDir('@vladmandic/human');
  const wasm = packageDir('@tensorflow/tfjs-backend-wasm');
  return {
    backend: 'wasm',
    wasmPath: pathToFileURL(join(wasm, 'dist') + '/').href,
    modelBasePath: pathToFileURL(join(human, 'models') + '/').href,
    debug: false,
    async: true,
    warmup: 'none',
    cacheSensitivity: 0,
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: { rotation: true, maxDetected: 5, minConfidence: 0.5, return: false },
      mesh: { enabled: true },
      iris: { enabled: false },
      description: { enabled: true },
      emotion: { enabled: false },
      antispoof: { enabled: true },
      liveness: { enabled: true },
      attention: { enabled: false },
      gear: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  };
}

/** Detection + description of faces in JPEG/PNG/BMP images, the models loaded once on first use. */
export class FaceEngine {
  private human: Promise<HumanInstance> | null = null;
  /** Milliseconds the first load took (bench and logs), null before. */
  loadMs: number | null = null;

  /** Loads the models if not yet loaded. */
  load(): Promise<HumanInstance> {
    this.human ??= (async () => {
      const started = performance.now();
      allowFileFetch();
      // The package's exports lack "./": load the node-wasm build by absolute path (toolchain trap).
      const mod = require_(join(packageDir('@vladmandic/human'), 'dist', 'human.node-wasm.js')) as {
        Human: new (config: unknown) => HumanInstance;
      };
      const human = new mod.Human(humanConfig());
      await human.load();
      if (human.tf.getBackend() !== 'wasm') throw new Error(`face engine runs on ${human.tf.getBackend()}, not wasm`);
      this.loadMs = performance.now() - started;
      return human;
    })();
    this.human.catch(() => {
      this.human = null;
    });
    return this.human;
  }

  /** Finds and describes the faces of an encoded image. */
  async analyse(bytes: Uint8Array): Promise<FaceAnalysis> {
    const human = await this.load();
    const image = decodeImage(bytes);
    const pixels = human.tf.tensor3d(image.rgb, [image.height, image.width, 3], 'int32');
    const batch = human.tf.expandDims(pixels, 0);
    const cast = human.tf.cast(batch, 'float32');
    // Chip photos are tiny (102×126): upscaled to at least 400 px high, the detector places the box better.
    const factor = image.height < MIN_HEIGHT ? MIN_HEIGHT / image.height : 1;
    const input =
      factor > 1
        ? human.tf.image.resizeBilinear(cast, [Math.round(image.height * factor), Math.round(image.width * factor)])
        : cast;
    try {
      const result = await human.detect(input);
      if (result.error) throw new Error(result.error);
      return {
        width: image.width,
        height: image.height,
        faces: result.face.map((f) => ({
          box: f.box.map((v) => v / factor) as FoundFace['box'],
          score: f.score,
          embedding: f.embedding ?? [],
          real: typeof f.real === 'number' ? f.real : null,
          live: typeof f.live === 'number' ? f.live : null,
        })),
      };
    } finally {
      if (input !== cast) input.dispose();
      cast.dispose();
      batch.dispose();
      pixels.dispose();
    }
  }
}
