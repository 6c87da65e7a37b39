// 人证比对 decided in main: the chip photo and the captured frame are both analysed here, whatever
// the renderer may have measured, and the result is one of the face problems or a similarity at or
// above the threshold.
import type { VerificationProblem } from '@common/identity/checks';
import { FACE_MODEL, type FaceEngine, type FoundFace } from './face-engine';

/** A face narrower than this (pixels of the frame) is too small to compare. */
export const MIN_FACE_WIDTH = 80;

/** What one comparison found. */
export interface FaceComparison {
  problem: VerificationProblem | null;
  similarity: number | null;
  threshold: number;
  model: string;
  modelVersion: string;
  facesInFrame: number;
  faceWidth: number | null;
  realScore: number | null;
  liveScore: number | null;
  analysisMs: number;
}

/** Cosine similarity of two descriptions. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  });
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

const largest = (faces: FoundFace[]): FoundFace | undefined =>
  [...faces].sort((x, y) => y.box[2] * y.box[3] - x.box[2] * x.box[3])[0];

/** Compares the person in `frame` with the chip photo; every failure is a problem, never an exception. */
export async function compareFaces(
  engine: FaceEngine,
  chipPhoto: Uint8Array,
  frame: Uint8Array,
  threshold: number,
): Promise<FaceComparison> {
  const started = performance.now();
  const chip = await engine.analyse(chipPhoto);
  const seen = await engine.analyse(frame);
  const chipFace = largest(chip.faces);
  const face = seen.faces.length === 1 ? seen.faces[0] : undefined;
  const base = {
    threshold,
    model: FACE_MODEL.name,
    modelVersion: FACE_MODEL.version,
    facesInFrame: seen.faces.length,
    faceWidth: face ? face.box[2] : null,
    realScore: face?.real ?? null,
    liveScore: face?.live ?? null,
  };
  const done = (problem: VerificationProblem | null, similarity: number | null): FaceComparison => ({
    ...base,
    problem,
    similarity: similarity === null ? null : Math.round(similarity * 10_000) / 10_000,
    analysisMs: Math.round(performance.now() - started),
  });
  if (seen.faces.length === 0) return done('face-none', null);
  if (seen.faces.length > 1) return done('face-multiple', null);
  if (!chipFace?.embedding.length) return done('face-chip-no-face', null);
  if (!face || face.box[2] < MIN_FACE_WIDTH || !face.embedding.length) return done('face-too-small', null);
  const similarity = cosine(chipFace.embedding, face.embedding);
  return done(similarity >= threshold ? null : 'face-below-threshold', similarity);
}
