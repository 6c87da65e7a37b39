// The S3-protocol server (s3rver) in its own process for the capacity bench, so that its CPU is counted
// apart from the gateway's. Prints `S3 <env JSON>` when ready; stops on SIGTERM.
import { rmSync } from 'node:fs';
import { startTestS3 } from '../gateway/src/testing/s3';

void startTestS3().then((s3) => {
  process.stdout.write(`S3 ${JSON.stringify(s3.env)}\n`);
  // Its folder is removed at once: closing the server waits for the gateway's kept-alive connections, and the bench
  // may exit (and SIGKILL this process) before that, which left hundreds of MB in the temp folder.
  process.on('SIGTERM', () => {
    rmSync(s3.dir, { recursive: true, force: true });
    process.exit(0);
  });
});
