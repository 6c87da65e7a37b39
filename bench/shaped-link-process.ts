// A shaped link in its own process (bench/shaped-link.ts): the network between a hall and a department is not
// the window's event loop, so a window busy with a case must not hold back the bytes already on their way.
// Argv: target host, target port, uplink bits/s, rtt ms. Prints `LINK <port>` when listening; stops on SIGTERM.
import { ShapedLink } from './shaped-link';

const [host, port, bits, rtt] = process.argv.slice(2);
const link = new ShapedLink(
  { host: host!, port: Number(port) },
  { uplinkBitsPerSecond: Number(bits), rttMs: Number(rtt) },
);
void link.listen().then((p) => process.stdout.write(`LINK ${p}\n`));
process.on('SIGTERM', () => void link.close().finally(() => process.exit(0)));
