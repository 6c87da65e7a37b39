// Operators' view of the audit trail: GET /ops/audit (the chain's last verification, re-run when older than
// VERIFY_MAX_AGE_MS, one at a time; and the windows' witness conflicts) and two gauges on /metrics.
// Like /metrics, /ops/* is for the operators' network (docs/audit-trail.md); it shows no personal data.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { Gauge, type Registry } from 'prom-client';
import { verifyGatewayAudit, type GatewayChainVerification } from './verify';
import { listWitnessConflicts } from './witnesses';

const VERIFY_MAX_AGE_MS = 10 * 60_000;

/** Registers /ops/audit and the gauges tongban_audit_chain_intact and tongban_window_audit_conflicts. */
export function registerAuditOps(app: FastifyInstance, pool: pg.Pool, registry: Registry): void {
  let last: { at: number; result: GatewayChainVerification } | null = null;
  let running: Promise<GatewayChainVerification> | null = null;
  const verification = async (): Promise<GatewayChainVerification> => {
    if (last && Date.now() - last.at < VERIFY_MAX_AGE_MS) return last.result;
    running ??= verifyGatewayAudit(pool)
      .then((result) => {
        last = { at: Date.now(), result };
        return result;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  new Gauge({
    name: 'tongban_audit_chain_intact',
    help: "1 when the gateway audit chain's last verification found it intact, 0 when broken (absent before the first)",
    registers: [registry],
    collect() {
      if (last) this.set(last.result.ok ? 1 : 0);
    },
  });
  new Gauge({
    name: 'tongban_window_audit_conflicts',
    help: 'Unresolved window audit witness conflicts (a window log altered after the gateway witnessed it)',
    registers: [registry],
    async collect() {
      const { rows } = await pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM window_audit_conflicts WHERE resolved_at IS NULL',
      );
      this.set(Number(rows[0]?.n ?? 0));
    },
  });
  app.get('/ops/audit', { logLevel: 'warn' }, async (_request, reply) => {
    const chain = await verification();
    const conflicts = await listWitnessConflicts(pool, 100);
    return reply.header('cache-control', 'no-store').send({ chain, conflicts });
  });
}
