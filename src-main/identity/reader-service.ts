// The window's card reader: one driver at a time (from the settings), its state pushed to the UI,
// reads started by the clerk or, with polling on, as soon as a card is placed. Reads are held in
// memory for a few minutes under a random id, so chip data never has to come back from the renderer.
import { createHash, randomUUID } from 'node:crypto';
import type { ReaderStatus } from '@common/contract/identity';
import { canonicalJson } from '@tongban/protocol/canonical-json';
import { idTypeOfCard, type CardRead } from '@common/identity/card';
import { cardProblems, isMinor } from '@common/identity/checks';
import type { ReaderDriverKind, ReaderSettings } from '@common/identity/settings';
import type { CardReadView, TestCardSummary } from '@common/identity/verification';
import { AppError } from '@common/errors';
import { chinaDate } from '@common/time';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../log/logger';
import { probeOfError, type CardReader, type ReaderProbe } from './reader';
import { SimulatedReader, type TestCard } from './simulated-reader';

/** How long a read stays available for verification. */
export const HELD_READ_MS = 10 * 60_000;

/** A chip read held for verification. */
export interface HeldRead {
  readId: string;
  readAt: Date;
  driver: ReaderDriverKind;
  card: CardRead;
  chipSha256: string;
}

/** What the reader service needs. */
export interface ReaderServiceDeps {
  events: EventBus;
  log: Logger;
  now: () => Date;
  testCards: readonly TestCard[];
  mask: (idNumber: string) => string;
  createDriver: (settings: ReaderSettings) => CardReader;
}

/** The card reader of this window. */
export class ReaderService {
  private settings: ReaderSettings | null = null;
  private driver: CardReader | null = null;
  private current: ReaderStatus = { state: 'disconnected', driver: 'none' };
  private inFlight: Promise<HeldRead> | null = null;
  private abort = new AbortController();
  private readonly held = new Map<string, HeldRead>();
  private pendingAuto: string | null = null;
  private lastAutoSha: string | null = null;
  private cardGoneSinceAuto = true;
  private pollTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: ReaderServiceDeps) {}

  /** Switches to the driver and polling of `settings` (at start and whenever an administrator changes them). */
  configure(settings: ReaderSettings): void {
    this.stop();
    this.settings = settings;
    this.abort = new AbortController();
    this.driver =
      settings.driver === 'simulated' ? new SimulatedReader(this.deps.testCards) : this.deps.createDriver(settings);
    this.setStatus({
      state: settings.driver === 'none' ? 'disconnected' : 'ready',
      ...(settings.driver === 'none' ? { errorCode: 'reader-not-configured' } : {}),
    });
    if (settings.driver !== 'none')
      this.status().catch((err: unknown) => this.deps.log.warn('card reader probe failed', { error: err }));
    if (settings.polling.enabled && settings.driver !== 'none') {
      this.pollTimer = setInterval(() => void this.poll(), settings.polling.intervalMs);
      this.pollTimer.unref();
    }
  }

  /** The state now, probing the driver unless a read is running. */
  async status(): Promise<ReaderStatus> {
    const driver = this.driver;
    if (driver && !this.inFlight) {
      const probe = await driver.status();
      // A read or a new configuration that started meanwhile knows better.
      if (this.driver === driver && !this.inFlight) this.setStatus(probe);
    }
    return this.current;
  }

  /** Reads the card (or returns the read held under `readId`, or the one taken when the card was placed). */
  async read(readId?: string): Promise<CardReadView> {
    if (readId) {
      const held = this.peek(readId);
      if (!held) throw new AppError('card-read-expired', 'that card read is no longer held; read the card again');
      return this.view(held);
    }
    const auto = this.pendingAuto ? this.peek(this.pendingAuto) : null;
    this.pendingAuto = null;
    return this.view(auto ?? (await this.readShared('clerk')));
  }

  /** A held read, if still fresh. */
  peek(readId: string): HeldRead | null {
    this.expire();
    return this.held.get(readId) ?? null;
  }

  /** Forgets a read once it has served a verification. */
  forget(readId: string): void {
    this.held.delete(readId);
  }

  testCards(): TestCardSummary[] {
    return this.deps.testCards.map((c) => ({
      cardId: c.cardId,
      label: c.label,
      docType: c.card.docType,
      idNumberMasked: this.deps.mask(c.card.idNumber),
    }));
  }

  placeSimulated(cardId: string): ReaderStatus {
    this.simulated().place(cardId);
    this.cardGoneSinceAuto = true;
    this.setStatus({ state: 'card-present' });
    if (this.pollTimer) void this.poll();
    return this.current;
  }

  removeSimulated(): ReaderStatus {
    this.simulated().remove();
    this.cardGoneSinceAuto = true;
    this.setStatus({ state: 'ready' });
    return this.current;
  }

  close(): void {
    this.stop();
    this.held.clear();
  }

  private stop(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.abort.abort();
    this.driver?.close();
    this.driver = null;
    this.inFlight = null;
    this.pendingAuto = null;
  }

  private simulated(): SimulatedReader {
    if (!(this.driver instanceof SimulatedReader))
      throw new AppError('reader-not-simulated', 'sample cards can only be placed on the simulated reader');
    return this.driver;
  }

  private readShared(by: 'clerk' | 'poll'): Promise<HeldRead> {
    if (this.inFlight) return this.inFlight;
    const driver = this.driver;
    if (!driver || !this.settings)
      return Promise.reject(new AppError('reader-not-configured', 'no card reader configured'));
    const kind = this.settings.driver;
    // A poll finds out whether a card is there by trying to read it: showing 'reading' for each would flicker.
    if (by === 'clerk') this.setStatus({ state: 'reading' });
    const run = driver.read(this.abort.signal).then(
      (card) => {
        const read: HeldRead = {
          readId: randomUUID(),
          readAt: this.deps.now(),
          driver: kind,
          card,
          chipSha256: createHash('sha256').update(canonicalJson(card)).digest('hex'),
        };
        this.expire();
        this.held.set(read.readId, read);
        this.deps.log.info('card read', {
          driver: kind,
          docType: card.docType,
          idNumber: this.deps.mask(card.idNumber),
          photo: card.photo !== undefined,
        });
        if (this.driver === driver) this.setStatus({ state: 'card-present' });
        return read;
      },
      (err: unknown) => {
        if (this.driver === driver) this.setStatus(probeOfError(err));
        throw err;
      },
    );
    this.inFlight = run;
    const clear = () => {
      if (this.inFlight === run) this.inFlight = null;
    };
    run.then(clear, clear);
    return run;
  }

  private async poll(): Promise<void> {
    if (this.inFlight || !this.driver) return;
    try {
      const read = await this.readShared('poll');
      // A service that reads the same card again and again: report it once, until it is taken away.
      if (read.chipSha256 === this.lastAutoSha && !this.cardGoneSinceAuto) return;
      this.lastAutoSha = read.chipSha256;
      this.cardGoneSinceAuto = false;
      this.pendingAuto = read.readId;
      this.deps.events.emit('reader:card', {
        readId: read.readId,
        docType: read.card.docType,
        idNumberMasked: this.deps.mask(read.card.idNumber),
        readAt: read.readAt.toISOString(),
      });
    } catch (err) {
      if (err instanceof AppError && err.code === 'reader-no-card') this.cardGoneSinceAuto = true;
    }
  }

  private view(read: HeldRead): CardReadView {
    const now = this.deps.now();
    const today = chinaDate(now);
    return {
      readId: read.readId,
      readAt: read.readAt.toISOString(),
      driver: read.driver,
      card: read.card,
      idType: idTypeOfCard(read.card.docType),
      problems: cardProblems(read.card, now, today),
      photoAvailable: read.card.photo !== undefined,
      minor: isMinor(read.card.birthDate, today),
    };
  }

  private expire(): void {
    const cutoff = this.deps.now().getTime() - HELD_READ_MS;
    for (const [id, read] of this.held) if (read.readAt.getTime() < cutoff) this.held.delete(id);
  }

  private setStatus(probe: ReaderProbe | { state: 'reading' }): void {
    const next: ReaderStatus = {
      state: probe.state,
      driver: this.settings?.driver ?? 'none',
      ...('message' in probe && probe.message ? { message: probe.message } : {}),
      ...('errorCode' in probe && probe.errorCode ? { errorCode: probe.errorCode } : {}),
      ...(this.driver instanceof SimulatedReader ? { simulatedCardId: this.driver.placedCardId } : {}),
    };
    if (canonicalJson(next) === canonicalJson(this.current)) return;
    if (next.state === 'error' || next.state === 'disconnected')
      this.deps.log.warn('card reader state', {
        state: next.state,
        driver: next.driver,
        errorCode: next.errorCode ?? null,
      });
    this.current = next;
    this.deps.events.emit('reader:status', next);
  }
}
