// The browser host cannot install anything: it checks the gateway's signed update feed on start and daily and
// reports 有新版本 on its output and in the log, so the hall's administrator updates the host by hand.
import { existsSync, readFileSync } from 'node:fs';
import type { App } from '../app/app';
import { fetchVerifiedFeed } from '../updates/feed';
import { UpdateScheduler } from '../updates/scheduler';

/** Starts report-only update checks when there is an update key (the build's, or the host's `--update-key`). */
export function reportWindowUpdates(app: App, keyFile: string, version: string): UpdateScheduler | null {
  if (!existsSync(keyFile)) return null;
  const publicKey = readFileSync(keyFile, 'utf8').trim();
  const scheduler = new UpdateScheduler({
    currentVersion: version,
    caseInProgress: () => app.services.updates.caseInProgress(),
    driver: {
      async check() {
        const gateway = app.services.sync.statusView().gatewayUrl;
        return gateway ? fetchVerifiedFeed(`${gateway.replace(/\/$/, '')}/updates/`, publicKey) : null;
      },
    },
    onStatus: (status) => {
      if (status.state === 'available') process.stdout.write(`tongban host: ${status.message}\n`);
      app.services.log.info('window update', { state: status.state });
      app.services.updates.onStatus(status);
    },
  });
  app.services.updates.attach(scheduler, false); // no installer here: the banner says an administrator updates
  scheduler.start();
  return scheduler;
}
