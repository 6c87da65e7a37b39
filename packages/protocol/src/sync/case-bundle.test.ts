import { describe, expect, it } from 'vitest';
import {
  CASE_BUNDLE_FILE_LIMIT,
  encodeCaseBundle,
  fitsCaseBundle,
  splitBundleFiles,
  splitCaseBundle,
} from './case-bundle';

describe('case bundle', () => {
  it('round-trips a manifest and its files', () => {
    const manifest = Buffer.from('{"a":"受理"}');
    const files = [Buffer.from('one'), Buffer.alloc(0), Buffer.from('three!')];
    const body = encodeCaseBundle(manifest, files);
    expect(body.length).toBe(4 + manifest.length + 9);
    const split = splitCaseBundle(body);
    expect(split?.manifest.equals(manifest)).toBe(true);
    const cut = splitBundleFiles(split!.files, [3, 0, 6]);
    expect(cut?.map((f) => f.toString())).toEqual(['one', '', 'three!']);
  });

  it('refuses bodies whose lengths do not add up', () => {
    expect(splitCaseBundle(Buffer.from([0, 0]))).toBeNull();
    const body = encodeCaseBundle(Buffer.from('{}'), [Buffer.from('abc')]);
    expect(splitCaseBundle(body.subarray(0, 5))).toBeNull();
    const split = splitCaseBundle(body)!;
    expect(splitBundleFiles(split.files, [2])).toBeNull();
    expect(splitBundleFiles(split.files, [3, 1])).toBeNull();
    const huge = Buffer.alloc(8);
    huge.writeUInt32BE(0xffffffff, 0);
    expect(splitCaseBundle(huge)).toBeNull();
  });

  it('takes files up to the whole-file limit only', () => {
    expect(fitsCaseBundle([CASE_BUNDLE_FILE_LIMIT, 1])).toBe(true);
    expect(fitsCaseBundle([CASE_BUNDLE_FILE_LIMIT + 1])).toBe(false);
    expect(fitsCaseBundle(Array.from({ length: 17 }, () => CASE_BUNDLE_FILE_LIMIT))).toBe(false);
    expect(fitsCaseBundle([])).toBe(true);
  });
});
