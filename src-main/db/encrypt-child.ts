// Child process for the kill -9 test of in-place encryption: prints READY, then encrypts, printing each step.
import { encryptInPlace } from './encryption';

const [file, keyHex] = process.argv.slice(2) as [string, string];
process.stdout.write('READY\n');
encryptInPlace(file, Buffer.from(keyHex, 'hex'), (step) => process.stdout.write(`${step}\n`));
process.stdout.write('DONE\n');
