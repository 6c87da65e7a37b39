// A per-address request budget for the public verification pages (fixed one-minute windows, in memory:
// each gateway process keeps its own, which bounds scanning per process; the 取件码 attempts are limited
// per case in PostgreSQL, see repo.ts). Old windows are dropped as they expire.

/** Requests per client address per minute (default 60). */
export interface VerifyRateLimit {
  perMinute: number;
}

export const DEFAULT_VERIFY_RATE_LIMIT: VerifyRateLimit = { perMinute: 60 };

/** Counts requests; `take` says whether one more is allowed and, if not, the seconds to wait. */
export class RateLimiter {
  private window = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit: VerifyRateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  take(client: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const t = this.now();
    const minute = Math.floor(t / 60_000);
    if (minute !== this.window) {
      this.window = minute;
      this.counts = new Map();
    }
    const n = (this.counts.get(client) ?? 0) + 1;
    this.counts.set(client, n);
    if (n <= this.limit.perMinute) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((minute + 1) * 60_000 - t) / 1000)) };
  }
}
