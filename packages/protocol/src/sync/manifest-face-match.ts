// 人证比对 on the case manifest (issue #12, decision 0154). The window decided the comparison in main and
// stored the frame it compared; the case carries, per person, the comparison the acceptance relied on (a
// passing one, or a failing one a supervisor overrode): the figures, the model, the advisory liveness scores
// and the frame with its SHA-256. The department's gateway recomputes the SHA-256 from the pushed bytes.
// Pure: each side hashes with its own crypto.
import { z } from 'zod';

/** Whose face was compared. */
export const FACE_MATCH_ROLES = ['applicant', 'agent'] as const;
/** Media types of a frame (as the window captures them). */
export const FACE_FRAME_MEDIA_TYPES = ['image/jpeg', 'image/png'] as const;
/** Largest frame carried, base64 (about 730 KB of image: a 1080p camera frame at JPEG quality 0.9). */
export const MAX_FACE_FRAME_BASE64 = 1_000_000;
/** Body limit of a case push carrying frames and signatures (the gateway's default is 1 MiB). */
export const MAX_CASE_MANIFEST_BYTES = 4 * 1024 * 1024;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'sha256-format');
const score = z.number().min(0).max(1).nullable();

/** One face comparison as pushed with the case (additive manifest field `faceMatches`). */
export const manifestFaceMatchSchema = z.strictObject({
  role: z.enum(FACE_MATCH_ROLES),
  method: z.literal('face-match'),
  result: z.enum(['pass', 'fail']),
  /** A failing comparison the supervisor overrode (主管核准). */
  overridden: z.boolean(),
  similarity: z.number().min(-1).max(1).nullable(),
  threshold: z.number().min(0).max(1),
  model: z.string().min(1, 'required').max(100, 'too-long'),
  modelVersion: z.string().min(1, 'required').max(50, 'too-long'),
  /** Advisory anti-spoofing and liveness scores (0..1), never a gate. */
  realScore: score,
  liveScore: score,
  frameSha256: sha256Hex,
  frameMediaType: z.enum(FACE_FRAME_MEDIA_TYPES),
  /** The frame, base64; null when the window no longer held it or it exceeds the bound. */
  frame: z
    .string()
    .min(1, 'required')
    .max(MAX_FACE_FRAME_BASE64, 'too-long')
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64-format')
    .nullable(),
  capturedAt: z.iso.datetime({ offset: true }),
});

/** A face comparison on the manifest. */
export type ManifestFaceMatch = z.infer<typeof manifestFaceMatchSchema>;

/** The manifest field: at most one comparison per person. */
export const manifestFaceMatchesSchema = z
  .array(manifestFaceMatchSchema)
  .max(FACE_MATCH_ROLES.length)
  .refine((list) => new Set(list.map((f) => f.role)).size === list.length, 'duplicate-role');

/** Whether the carried frame's bytes hash to its `frameSha256` (null: no frame carried). */
export function faceFrameVerified(
  f: Pick<ManifestFaceMatch, 'frame' | 'frameSha256'>,
  sha256: (data: Uint8Array) => string,
  bytes: (base64: string) => Uint8Array,
): boolean | null {
  return f.frame === null ? null : sha256(bytes(f.frame)) === f.frameSha256;
}
