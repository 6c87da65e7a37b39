// Test support: runs sdtapi-helper the way Electron's utility process does. Messages arrive and
// leave through process.parentPort ({ data } events, postMessage), here bridged over Node IPC, and
// process.send is taken away, so a helper that bypassed parentPort would never answer.
import { EventEmitter } from 'node:events';

const send = process.send?.bind(process);
if (!send) throw new Error('parent-port-helper must be started with an IPC channel');
const port = Object.assign(new EventEmitter(), { postMessage: (message: unknown) => send(message) });
process.on('message', (message) => port.emit('message', { data: message }));
Object.assign(process, { parentPort: port, send: undefined });

void import('../sdtapi-helper');
