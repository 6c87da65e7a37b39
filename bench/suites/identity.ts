// 人证比对 (issue #12): face detect + describe in main (Human 3.3.6, tfjs-backend-wasm in Node), model
// load time, and on the labelled set (real photographs, docs/face-match.md) the false-accept and
// false-reject rates at the default threshold with the score distributions printed; and the same models
// in Chromium (WASM, cross-origin isolated) as a renderer preview would run them (identity-renderer.ts).
import { compareFaces, cosine } from '../../src-main/identity/face/face-compare';
import { FaceEngine } from '../../src-main/identity/face/face-engine';
import {
  chipPhoto,
  LIVE_VARIATIONS,
  liveFrame,
  SAMPLE_PEOPLE,
} from '../../src-main/identity/face/testing/face-samples';
import { FACE_THRESHOLD_RANGE } from '../../src-main/common/identity/settings';
import { quantile, sample, since, type Figure, type Suite } from '../lib';
import { rendererFaceTimes } from './identity-renderer';

const suite = 'identity';

/** A one-line histogram of scores in 0.05 buckets from 0.2 to 1.0. */
function histogram(label: string, scores: number[]): string {
  const buckets = new Array<number>(16).fill(0);
  for (const s of scores) buckets[Math.min(15, Math.max(0, Math.floor((s - 0.2) / 0.05)))]! += 1;
  return `${label.padEnd(10)} ${buckets.map((n, i) => `${(0.2 + i * 0.05).toFixed(2)}:${n}`).join(' ')}`;
}

export const identitySuite: Suite = {
  name: 'identity',
  async run(): Promise<Figure[]> {
    const engine = new FaceEngine();
    const started = performance.now();
    await engine.load();
    const loadMs = since(started);
    const people = SAMPLE_PEOPLE;
    const first = people[0]!;
    const frame = liveFrame(first, LIVE_VARIATIONS[0]!);
    const chip = chipPhoto(first);
    const firstCall = performance.now();
    await engine.analyse(frame);
    const firstMs = since(firstCall);
    const frameMs = await sample(20, () => engine.analyse(frame), 3);
    const chipMs = await sample(20, () => engine.analyse(chip), 3);
    const compareMs = await sample(10, () => compareFaces(engine, chip, frame, FACE_THRESHOLD_RANGE.default), 1);

    const chips = new Map<string, number[]>();
    const frames = new Map<string, number[][]>();
    for (const p of people) {
      chips.set(p.id, (await engine.analyse(chipPhoto(p))).faces[0]?.embedding ?? []);
      const described: number[][] = [];
      for (const v of LIVE_VARIATIONS)
        described.push((await engine.analyse(liveFrame(p, v))).faces[0]?.embedding ?? []);
      frames.set(p.id, described);
    }
    const same: number[] = [];
    const different: number[] = [];
    for (const a of people)
      for (const b of people)
        for (const f of frames.get(b.id) ?? [])
          (a.id === b.id ? same : different).push(cosine(chips.get(a.id) ?? [], f));
    const threshold = FACE_THRESHOLD_RANGE.default;
    const far = different.filter((s) => s >= threshold).length / different.length;
    const frr = same.filter((s) => s < threshold).length / same.length;
    console.log(`\n人证比对 scores (cosine), ${people.length} people × ${LIVE_VARIATIONS.length} live frames:`);
    console.log(histogram('same', same));
    console.log(histogram('different', different));
    console.log(
      `same min ${Math.min(...same).toFixed(3)} p50 ${quantile(same, 0.5).toFixed(3)}; different max ${Math.max(...different).toFixed(3)} p50 ${quantile(different, 0.5).toFixed(3)}`,
    );
    for (const t of [0.55, 0.6, 0.63, 0.66, 0.7, 0.75])
      console.log(
        `threshold ${t.toFixed(2)}: FAR ${different.filter((s) => s >= t).length}/${different.length}, FRR ${same.filter((s) => s < t).length}/${same.length}`,
      );

    const chromium = await rendererFaceTimes(frame, chip, 20);
    console.log(
      `Chromium: backend ${chromium.backend}, cross-origin isolated ${chromium.isolated}, faces in frame ${chromium.faces}`,
    );

    return [
      { suite, name: 'face model load (main, WASM)', value: loadMs, unit: 'ms', target: '≤ 1000' },
      { suite, name: 'first detect+describe after load', value: firstMs, unit: 'ms' },
      { suite, name: 'detect+describe 640×480 frame p50', value: quantile(frameMs, 0.5), unit: 'ms', target: '≈ 250' },
      { suite, name: 'detect+describe 640×480 frame p95', value: quantile(frameMs, 0.95), unit: 'ms' },
      { suite, name: 'detect+describe chip photo p50', value: quantile(chipMs, 0.5), unit: 'ms' },
      { suite, name: 'main decision (chip + frame) p50', value: quantile(compareMs, 0.5), unit: 'ms' },
      { suite, name: 'main decision (chip + frame) p95', value: quantile(compareMs, 0.95), unit: 'ms' },
      { suite, name: 'face model load (Chromium, WASM)', value: chromium.loadMs, unit: 'ms' },
      { suite, name: 'first detect+describe in Chromium', value: chromium.firstMs, unit: 'ms' },
      {
        suite,
        name: 'Chromium detect+describe 640×480 p50',
        value: quantile(chromium.frameMs, 0.5),
        unit: 'ms',
        target: '≈ 120',
        note: chromium.isolated ? 'WASM, threads (COOP/COEP)' : 'WASM, single thread',
      },
      { suite, name: 'Chromium detect+describe 640×480 p95', value: quantile(chromium.frameMs, 0.95), unit: 'ms' },
      { suite, name: 'Chromium detect+describe chip p50', value: quantile(chromium.chipMs, 0.5), unit: 'ms' },
      {
        suite,
        name: `FAR at ${threshold}`,
        value: far * 100,
        unit: '%',
        note: `${different.length} different-person pairs`,
      },
      { suite, name: `FRR at ${threshold}`, value: frr * 100, unit: '%', note: `${same.length} same-person pairs` },
      { suite, name: 'same-person similarity min', value: Math.min(...same), unit: '' },
      { suite, name: 'different-person similarity max', value: Math.max(...different), unit: '' },
    ];
  },
};
