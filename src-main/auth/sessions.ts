/** A signed-in caller: one Electron window or one browser-host cookie. */
export interface Session {
  userId: number;
  lastActivity: number;
  locked: boolean;
}

/** In-memory sessions by caller id; a restart signs everyone out, as it should on a shared counter PC. */
export class Sessions {
  private readonly byCaller = new Map<string, Session>();

  constructor(private readonly nowMs: () => number) {}

  start(callerId: string, userId: number): Session {
    const session = { userId, lastActivity: this.nowMs(), locked: false };
    this.byCaller.set(callerId, session);
    return session;
  }

  /** The caller's session, locked first if it has been idle longer than `idleMs` (then `idleLocked` is true). */
  get(callerId: string, idleMs: number): { session: Session; idleLocked: boolean } | null {
    const session = this.byCaller.get(callerId);
    if (!session) return null;
    const idleLocked = !session.locked && this.nowMs() - session.lastActivity > idleMs;
    if (idleLocked) session.locked = true;
    return { session, idleLocked };
  }

  /** The caller's session as it is, without applying the idle lock. */
  peek(callerId: string): Session | null {
    return this.byCaller.get(callerId) ?? null;
  }

  touch(session: Session): void {
    session.lastActivity = this.nowMs();
  }

  end(callerId: string): void {
    this.byCaller.delete(callerId);
  }

  /** Every caller with a session (signed in or locked). */
  callers(): string[] {
    return [...this.byCaller.keys()];
  }

  /** Ends every session of a user (disabled account, changed role is picked up per call instead). */
  endAllOf(userId: number): void {
    for (const [caller, s] of this.byCaller) if (s.userId === userId) this.byCaller.delete(caller);
  }
}
