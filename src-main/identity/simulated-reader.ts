// The simulated reader (training and tests): the clerk "places" one of the sample cards shipped in
// resources/test-cards. It behaves like a real reader: one read per placement, after which the
// card must be taken away and placed again.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { cardReadSchema, type CardRead } from '@common/identity/card';
import { AppError } from '@common/errors';
import type { CardReader, ReaderProbe } from './reader';

const testCardFileSchema = z.object({
  cardId: z.string().regex(/^[a-z0-9-]{1,40}$/),
  label: z.string().min(1).max(80),
  photoFile: z
    .string()
    .regex(/^[a-z0-9-]+\.(png|jpg)$/)
    .optional(),
  card: cardReadSchema.omit({ photo: true }),
});

/** A sample card with its photo. */
export interface TestCard {
  cardId: string;
  label: string;
  card: CardRead;
}

/** Loads the sample cards of `dir` (`<cardId>.json` with an optional JPEG or PNG photo beside it). */
export function loadTestCards(dir: string): TestCard[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = testCardFileSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      const photo = parsed.photoFile
        ? {
            mediaType: parsed.photoFile.endsWith('.jpg') ? ('image/jpeg' as const) : ('image/png' as const),
            base64: readFileSync(join(dir, parsed.photoFile)).toString('base64'),
          }
        : undefined;
      return {
        cardId: parsed.cardId,
        label: parsed.label,
        card: cardReadSchema.parse({ ...parsed.card, ...(photo ? { photo } : {}) }),
      };
    });
}

/** A reader whose card is placed and removed by command. */
export class SimulatedReader implements CardReader {
  private placed: TestCard | null = null;
  private consumed = false;

  constructor(readonly cards: readonly TestCard[]) {}

  /** The card on the reader, if any. */
  get placedCardId(): string | null {
    return this.placed?.cardId ?? null;
  }

  place(cardId: string): void {
    const card = this.cards.find((c) => c.cardId === cardId);
    if (!card) throw new AppError('not-found', `no sample card ${cardId}`);
    this.placed = card;
    this.consumed = false;
  }

  remove(): void {
    this.placed = null;
    this.consumed = false;
  }

  status(): Promise<ReaderProbe> {
    return Promise.resolve({ state: this.placed && !this.consumed ? 'card-present' : 'ready' });
  }

  read(signal: AbortSignal): Promise<CardRead> {
    if (signal.aborted) return Promise.reject(new AppError('reader-error', 'read aborted', { reason: 'aborted' }));
    // Like SDT_StartFindIDCard: a card already read is not found again until it is put back.
    if (!this.placed || this.consumed)
      return Promise.reject(new AppError('reader-no-card', 'no card on the reader', { mustReplace: this.consumed }));
    this.consumed = true;
    return Promise.resolve(structuredClone(this.placed.card));
  }

  close(): void {
    this.placed = null;
  }
}
