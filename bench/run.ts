// `npm run bench [suite…]`: runs the suites (all by default), prints a table, writes JSON to bench/results/.
import { join } from 'node:path';
import { report, type Figure, type Suite } from './lib';
import { auditSuite } from './suites/audit';
import { capacitySuite } from './suites/capacity';
import { encryptionSuite } from './suites/encryption';
import { foundationSuite } from './suites/foundation';
import { identitySuite } from './suites/identity';
import { intakeSuite } from './suites/intake';
import { licencesSuite } from './suites/licences';
import { printingSuite } from './suites/printing';
import { supervisorSuite } from './suites/supervisor';
import { supervisionSuite } from './suites/supervision';
import { syncSuite } from './suites/sync';
import { uiSuite } from './suites/ui';
import { verifySuite } from './suites/verify';

const SUITES: Suite[] = [
  foundationSuite,
  intakeSuite,
  printingSuite,
  syncSuite,
  supervisorSuite,
  uiSuite,
  encryptionSuite,
  capacitySuite,
  supervisionSuite,
  auditSuite,
  identitySuite,
  verifySuite,
  licencesSuite,
];

async function main(): Promise<void> {
  // Suite names only: a flag's value (`--cases 1000000`) is not a suite.
  const wanted = process.argv.slice(2).filter((a) => SUITES.some((s) => s.name === a));
  const figures: Figure[] = [];
  for (const suite of SUITES.filter((s) => !wanted.length || wanted.includes(s.name))) {
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
