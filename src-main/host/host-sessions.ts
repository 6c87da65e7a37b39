// Browser-host sessions (issue #15): the one-time start token, customer-screen pairing tokens, and cookie
// sessions that expire. Decision 0115.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `staff`: opened with the start token, may call the whole contract (the gate decides per command).
 * `customer`: opened with a pairing token, may reach the customer rating screen only. */
export type HostSessionKind = 'staff' | 'customer';

export interface HostSession {
  kind: HostSessionKind;
  lastSeen: number;
}

/** How long a pairing address stays valid before it is used. */
export const PAIRING_TTL_MS = 10 * 60_000;
/** A customer screen sits idle between ratings all day; it holds no staff rights, so it may idle longer. */
export const CUSTOMER_IDLE_MS = 12 * 60 * 60_000;

export type Exchange = { ok: true; sessionId: string } | { ok: false; reason: 'used' | 'invalid' | 'expired' };

const newSecret = () => randomBytes(24).toString('base64url');
const digest = (s: string) => createHash('sha256').update(s).digest();

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface HostSessionsOptions {
  /** Milliseconds now (injectable: tests move it). */
  nowMs: () => number;
  /** The staff idle-lock period (the hall's security policy), read at each check. */
  staffIdleMs: () => number;
  /** Called once for each session that expires (the app signs its staff session out). */
  onExpire: (sessionId: string, session: HostSession) => void;
  /** The first start token (random when omitted). */
  startToken?: string;
}

/**
 * The host's credentials. The start token opens ONE staff session and is then spent: a second use is
 * refused. A signed-in staff page may ask for a pairing token, which opens one customer-screen session.
 * A staff session that has made no request for the idle-lock period, with no event stream open, expires:
 * its cookie is refused and its staff sign-in ends (an open page keeps its stream, shows the lock screen
 * after the idle lock, and unlocks with the password; a copied cookie of a closed page dies).
 */
export class HostSessions {
  private startToken: string | null;
  private readonly spentStartTokens = new Set<string>();
  private readonly pairings = new Map<string, number>();
  private readonly spentPairings = new Set<string>();
  private readonly sessions = new Map<string, HostSession>();

  constructor(private readonly opts: HostSessionsOptions) {
    this.startToken = opts.startToken ?? newSecret();
  }

  /** The current unused start token (null once spent). */
  get currentStartToken(): string | null {
    return this.startToken;
  }

  /** A new one-time start token; an earlier unused one stops working. */
  issueStartToken(): string {
    if (this.startToken) this.spentStartTokens.add(digest(this.startToken).toString('hex'));
    this.startToken = newSecret();
    return this.startToken;
  }

  exchangeStart(token: string): Exchange {
    if (this.startToken && sameSecret(token, this.startToken)) {
      this.spentStartTokens.add(digest(token).toString('hex'));
      this.startToken = null;
      return { ok: true, sessionId: this.open('staff') };
    }
    return { ok: false, reason: this.spentStartTokens.has(digest(token).toString('hex')) ? 'used' : 'invalid' };
  }

  /** A one-time pairing token for a customer screen, valid for PAIRING_TTL_MS. */
  issuePairing(): { token: string; expiresAt: number } {
    this.sweepPairings();
    const token = newSecret();
    const expiresAt = this.opts.nowMs() + PAIRING_TTL_MS;
    this.pairings.set(digest(token).toString('hex'), expiresAt);
    return { token, expiresAt };
  }

  exchangePairing(token: string): Exchange {
    const key = digest(token).toString('hex');
    const expiresAt = this.pairings.get(key);
    if (expiresAt === undefined) return { ok: false, reason: this.spentPairings.has(key) ? 'used' : 'invalid' };
    this.pairings.delete(key);
    this.spentPairings.add(key);
    if (expiresAt <= this.opts.nowMs()) return { ok: false, reason: 'expired' };
    return { ok: true, sessionId: this.open('customer') };
  }

  /**
   * The live session of a cookie, marked as seen now; null when unknown or expired (an expired one is
   * removed and reported). `streaming(id)` tells whether the session has an event stream open.
   */
  use(sessionId: string | null, streaming: (id: string) => boolean): HostSession | null {
    this.sweep(streaming);
    const session = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!session) return null;
    session.lastSeen = this.opts.nowMs();
    return session;
  }

  /** Ends every session that has been idle too long (no request, no open stream). */
  sweep(streaming: (id: string) => boolean): void {
    const now = this.opts.nowMs();
    for (const [id, s] of this.sessions) {
      const idle = s.kind === 'staff' ? this.opts.staffIdleMs() : CUSTOMER_IDLE_MS;
      if (streaming(id)) s.lastSeen = now;
      else if (now - s.lastSeen > idle) {
        this.sessions.delete(id);
        this.opts.onExpire(id, s);
      }
    }
  }

  private sweepPairings(): void {
    const now = this.opts.nowMs();
    for (const [key, expiresAt] of this.pairings) if (expiresAt <= now) this.pairings.delete(key);
  }

  private open(kind: HostSessionKind): string {
    const id = newSecret();
    this.sessions.set(id, { kind, lastSeen: this.opts.nowMs() });
    return id;
  }
}
