// The S3-protocol server (s3rver) in its own process for the capacity bench, so that its CPU is counted
// apart from the gateway's. Prints `S3 <env JSON>` when ready; stops on SIGTERM.
import { startTestS3 } from '../gateway/src/testing/s3';

void startTestS3().then((s3) => {
  process.stdout.write(`S3 ${JSON.stringify(s3.env)}\n`);
  process.on('SIGTERM', () => void s3.stop().finally(() => process.exit(0)));
});
