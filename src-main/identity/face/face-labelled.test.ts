// The labelled set (real photographs, docs/face-match.md): for every chip photo and every live frame,
// the same person scores at or above the default threshold and every other person below it. Also
// proves the engine runs on WASM in Node and finds the problem cases.
import { beforeAll, describe, expect, it } from 'vitest';
import { FACE_THRESHOLD_RANGE } from '@common/identity/settings';
import { compareFaces, cosine } from './face-compare';
import { FaceEngine } from './face-engine';
import {
  chipPhoto,
  distantFrame,
  emptyFrame,
  LIVE_VARIATIONS,
  liveFrame,
  SAMPLE_PEOPLE,
  twoPeopleFrame,
} from './testing/face-samples';

const engine = new FaceEngine();
const chips = new Map<string, number[]>();
const frames = new Map<string, number[][]>();

/** The one face's description of an image (fails the test when there is not exactly one). */
async function describeOne(bytes: Buffer, what: string): Promise<number[]> {
  const { faces } = await engine.analyse(bytes);
  expect(faces.length, what).toBe(1);
  return faces[0]?.embedding ?? [];
}

beforeAll(async () => {
  for (const p of SAMPLE_PEOPLE) {
    chips.set(p.id, await describeOne(chipPhoto(p), `chip ${p.id}`));
    const described: number[][] = [];
    for (const [i, v] of LIVE_VARIATIONS.entries())
      described.push(await describeOne(liveFrame(p, v), `frame ${p.id}/${i}`));
    frames.set(p.id, described);
  }
}, 300_000);

describe('人证比对 on the labelled set', () => {
  const threshold = FACE_THRESHOLD_RANGE.default;

  it('scores every same-person pair at or above the default threshold', () => {
    const low = SAMPLE_PEOPLE.flatMap((p) =>
      (frames.get(p.id) ?? []).map((f, i) => ({ pair: `${p.id}/${i}`, s: cosine(chips.get(p.id) ?? [], f) })),
    ).filter((x) => !(x.s >= threshold));
    expect(low).toEqual([]);
  });

  it('scores every different-person pair below the default threshold', () => {
    const high = SAMPLE_PEOPLE.flatMap((a) =>
      SAMPLE_PEOPLE.filter((b) => b.id !== a.id).flatMap((b) =>
        (frames.get(b.id) ?? []).map((f, i) => ({ pair: `${a.id}~${b.id}/${i}`, s: cosine(chips.get(a.id) ?? [], f) })),
      ),
    ).filter((x) => !(x.s < threshold));
    expect(high).toEqual([]);
    expect(SAMPLE_PEOPLE.length * (SAMPLE_PEOPLE.length - 1) * LIVE_VARIATIONS.length).toBe(684);
  });

  it('names the frames it cannot compare: no face, several faces, a face too small', async () => {
    const [a, b] = SAMPLE_PEOPLE;
    if (!a || !b) throw new Error('labelled set empty');
    const chip = chipPhoto(a);
    expect((await compareFaces(engine, chip, emptyFrame(), threshold)).problem).toBe('face-none');
    expect(await compareFaces(engine, chip, twoPeopleFrame(a, b), threshold)).toMatchObject({
      problem: 'face-multiple',
      facesInFrame: 2,
      similarity: null,
    });
    expect((await compareFaces(engine, chip, distantFrame(a), threshold)).problem).toBe('face-too-small');
    const same = await compareFaces(engine, chip, liveFrame(a, LIVE_VARIATIONS[0] ?? LIVE_VARIATIONS[1]!), threshold);
    expect(same).toMatchObject({ problem: null, model: 'human-faceres', modelVersion: '3.3.6', facesInFrame: 1 });
    expect(same.liveScore).toEqual(expect.any(Number));
    expect(same.realScore).toEqual(expect.any(Number));
  });
});
