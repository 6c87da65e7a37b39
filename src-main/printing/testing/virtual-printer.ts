// Test support: a network receipt printer on 127.0.0.1 that keeps every byte it receives and,
// when asked, answers ESC/POS real-time status requests (DLE EOT n) like a real printer.
import { createServer, type Server, type Socket } from 'node:net';

/** What the virtual printer reports when asked for its status. */
export interface VirtualStatus {
  answer: boolean;
  paperOut?: boolean;
  paperNearEnd?: boolean;
  coverOpen?: boolean;
}

/** A running virtual printer. */
export interface VirtualPrinter {
  port: number;
  url: string;
  /** Completed jobs (one per connection), in arrival order. */
  jobs: Buffer[];
  /** Resolves with the next job to complete. */
  nextJob(): Promise<Buffer>;
  setStatus(status: VirtualStatus): void;
  close(): Promise<void>;
}

function statusByte(n: number, s: VirtualStatus): number {
  // Fixed bits per the ESC/POS spec: bit 1 and bit 4 set, bits 0 and 7 clear.
  let v = 0x12;
  if (n === 1 && (s.paperOut || s.coverOpen)) v |= 0x08; // offline
  if (n === 2 && s.coverOpen) v |= 0x04;
  if (n === 2 && s.paperOut) v |= 0x20;
  if (n === 4 && s.paperNearEnd) v |= 0x0c;
  if (n === 4 && s.paperOut) v |= 0x60;
  return v;
}

/** True when a connection sent nothing but DLE EOT n requests. */
function isStatusOnly(job: Buffer): boolean {
  if (job.length % 3 !== 0) return false;
  for (let i = 0; i < job.length; i += 3) if (job[i] !== 0x10 || job[i + 1] !== 0x04) return false;
  return true;
}

/** Starts a virtual printer on 127.0.0.1 (port 0 = any free port, or a fixed one to "bring a printer back"). */
export async function startVirtualPrinter(
  opts: { port?: number; status?: VirtualStatus } = {},
): Promise<VirtualPrinter> {
  let status: VirtualStatus = opts.status ?? { answer: false };
  const jobs: Buffer[] = [];
  const waiters: ((job: Buffer) => void)[] = [];
  let delivered = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (!status.answer) return;
      for (let i = 0; i + 2 < chunk.length; i++) {
        if (chunk[i] === 0x10 && chunk[i + 1] === 0x04)
          socket.write(Buffer.from([statusByte(chunk[i + 2] as number, status)]));
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      const job = Buffer.concat(chunks);
      // A connection that only asked for the status (or sent nothing) is not a print job.
      if (!job.length || isStatusOnly(job)) return;
      jobs.push(job);
      waiters.shift()?.(job);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: `tcp://127.0.0.1:${port}`,
    jobs,
    nextJob: () =>
      delivered < jobs.length
        ? Promise.resolve(jobs[delivered++] as Buffer)
        : new Promise((resolve) =>
            waiters.push((job) => {
              delivered++;
              resolve(job);
            }),
          ),
    setStatus: (s) => (status = s),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
