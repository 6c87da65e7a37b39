import { describe, expect, it } from 'vitest';
import { en } from './en';
import { firstEn, firstZh } from './first';
import { zhCN } from './zh-CN';

type Tree = { [key: string]: string | Tree };

/** Every string of `tree` with its dotted path. */
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

function at(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);
}

// The sign-in screen's strings live in first.ts and the full resources spread them in (one owner): each must
// still be the full resources' string (no later override), or the login would change wording once the pages load.
describe('the first screen strings', () => {
  for (const [language, first, full] of [
    ['zh-CN', firstZh, zhCN],
    ['en', firstEn, en],
  ] as const) {
    it(`equal the full ${language} strings`, () => {
      const copied = leaves(first as Tree);
      expect(copied.length).toBeGreaterThan(30);
      for (const [path, value] of copied) expect(at(full, path), path).toBe(value);
    });
  }
});
