import { describe, expect, it } from 'vitest';
import {
  CASE_BUNDLE_FILE_LIMIT,
  encodeCaseBundle,
  fitsCaseBundle,
  splitBundleFiles,
  splitCaseBundle,
} from './case-bundle';

// Code units as bytes (the tests use ASCII, plus one non-ASCII manifest checked by length only).
const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
const text = (b: Uint8Array) => String.fromCharCode(...b);

describe('case bundle', () => {
  it('round-trips a manifest and its files', () => {
    const manifest = bytes('{"a":"ok"}');
    const body = encodeCaseBundle(manifest, [bytes('one'), bytes(''), bytes('three!')]);
    expect(body.length).toBe(4 + manifest.length + 9);
    expect([...body.subarray(0, 4)]).toEqual([0, 0, 0, manifest.length]);
    const split = splitCaseBundle(body);
    expect(text(split!.manifest)).toBe('{"a":"ok"}');
    expect(splitBundleFiles(split!.files, [3, 0, 6])?.map(text)).toEqual(['one', '', 'three!']);
  });

  it('reads a bundle that is a view into a larger buffer', () => {
    const inner = encodeCaseBundle(bytes('{}'), [bytes('abc')]);
    const outer = new Uint8Array(inner.length + 7);
    outer.set(inner, 5);
    const split = splitCaseBundle(outer.subarray(5, 5 + inner.length));
    expect(text(split!.manifest)).toBe('{}');
    expect(text(split!.files)).toBe('abc');
  });

  it('refuses bodies whose lengths do not add up', () => {
    expect(splitCaseBundle(new Uint8Array([0, 0]))).toBeNull();
    const body = encodeCaseBundle(bytes('{}'), [bytes('abc')]);
    expect(splitCaseBundle(body.subarray(0, 5))).toBeNull();
    const split = splitCaseBundle(body)!;
    expect(splitBundleFiles(split.files, [2])).toBeNull();
    expect(splitBundleFiles(split.files, [3, 1])).toBeNull();
    expect(splitCaseBundle(new Uint8Array([255, 255, 255, 255, 0, 0, 0, 0]))).toBeNull();
  });

  it('takes files up to the whole-file limit only', () => {
    expect(fitsCaseBundle([CASE_BUNDLE_FILE_LIMIT, 1])).toBe(true);
    expect(fitsCaseBundle([CASE_BUNDLE_FILE_LIMIT + 1])).toBe(false);
    expect(fitsCaseBundle(Array.from({ length: 17 }, () => CASE_BUNDLE_FILE_LIMIT))).toBe(false);
    expect(fitsCaseBundle([])).toBe(true);
  });
});
