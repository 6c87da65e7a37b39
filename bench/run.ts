// `npm run bench [suite…]`: runs the suites (all by default), prints a table, writes JSON to bench/results/.
import { join } from 'node:path';
import { report, type Figure, type Suite } from './lib';
/**
 * The suites by name, loaded only when run: a suite measures CPU per operation in this process (the capacity
 * bench's simulated windows), so the other suites' modules must not sit in its heap for the garbage collector.
 */
const SUITES: [string, () => Promise<Suite>][] = [
  ['foundation', async () => (await import('./suites/foundation')).foundationSuite],
  ['intake', async () => (await import('./suites/intake')).intakeSuite],
  ['printing', async () => (await import('./suites/printing')).printingSuite],
  ['sync', async () => (await import('./suites/sync')).syncSuite],
  ['supervisor', async () => (await import('./suites/supervisor')).supervisorSuite],
  ['ui', async () => (await import('./suites/ui')).uiSuite],
  ['encryption', async () => (await import('./suites/encryption')).encryptionSuite],
  ['capacity', async () => (await import('./suites/capacity')).capacitySuite],
  ['supervision', async () => (await import('./suites/supervision')).supervisionSuite],
  ['audit', async () => (await import('./suites/audit')).auditSuite],
  ['identity', async () => (await import('./suites/identity')).identitySuite],
  ['verify', async () => (await import('./suites/verify')).verifySuite],
  ['licences', async () => (await import('./suites/licences')).licencesSuite],
];

async function main(): Promise<void> {
  // Suite names only: a flag's value (`--cases 1000000`) is not a suite.
  const wanted = process.argv.slice(2).filter((a) => SUITES.some(([name]) => name === a));
  const figures: Figure[] = [];
  for (const [name, load] of SUITES.filter(([n]) => !wanted.length || wanted.includes(n))) {
    const suite = await load();
    if (suite.name !== name) throw new Error(`suite ${name} is named ${suite.name}`);
    console.log(`running ${suite.name} …`);
    figures.push(...(await suite.run()));
  }
  const file = report(figures, join(__dirname, 'results'));
  console.log(`\nsaved ${file}`);
}

// Exit when done: a suite's child processes, sockets or timers (s3rver, a window's sync loop) must not keep the run alive.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
