// Types of layers.mjs for the TypeScript tests that check the tsconfig references against it.
export type Layer =
  'common' | 'services' | 'app' | 'host' | 'electron' | 'testing' | 'renderer' | 'gateway' | 'protocol' | 'pdf-seal';
export function isTestCode(relPath: string): boolean;
export function layerOf(relPath: string): Layer | null;
export const ALLOWED_LAYERS: Record<Layer, Layer[]>;
export function allowedLayersFor(relPath: string): Layer[] | null;
export function importTarget(root: string, fromFile: string, spec: string): string | null;
export function forbiddenPackage(layer: Layer, spec: string): string | null;
declare const rule: unknown;
export default rule;
