// `audit verify [--json]`: walks the gateway's audit chain and lists the windows' witness conflicts.
// Exit status 1 when the chain is broken or an unresolved conflict is recorded (for cron and monitoring).
import type pg from 'pg';
import { verifyGatewayAudit } from './verify';
import { listWitnessConflicts } from './witnesses';

export async function runAuditCommand(
  args: string[],
  json: boolean,
  withDatabase: <T>(fn: (pool: pg.Pool) => Promise<T>) => Promise<T>,
  out: (line: string) => void,
  fail: (message: string) => never,
): Promise<void> {
  if (args[0] !== 'verify') return void fail('use audit verify [--json]');
  const { chain, conflicts } = await withDatabase(async (pool) => ({
    chain: await verifyGatewayAudit(pool),
    conflicts: await listWitnessConflicts(pool, 1000),
  }));
  if (json) out(JSON.stringify({ chain, conflicts }));
  else {
    out(
      chain.ok
        ? `gateway audit chain intact: ${chain.count} row(s), head ${chain.headHash ?? '-'}`
        : `gateway audit chain BROKEN at seq ${chain.firstBroken?.seq} (${chain.firstBroken?.reason}); ${chain.count} row(s) verified before it`,
    );
    out(
      conflicts.length ? `window audit witness conflicts: ${conflicts.length}` : 'window audit witness conflicts: none',
    );
    for (const c of conflicts)
      out(
        `  ${c.detectedAt}  window ${c.windowCode}  device ${c.deviceId}  seq ${c.seq}  ${c.kind}${c.resolution ? `  resolved ${c.resolution.at} by ${c.resolution.by}` : ''}`,
      );
  }
  // A conflict an operator explained (decision 0206) no longer fails the check.
  if (!chain.ok || conflicts.some((c) => !c.resolution)) process.exit(1);
}
