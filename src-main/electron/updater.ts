// Window updates in Electron: electron-updater on the gateway's generic feed (<gateway>/updates/), trusted only
// after latest.yml verified under the update key the build carries (resources/update-key.pub, the output of the
// gateway's `update-key`). Downloads in the background; installs when the app quits (restart) or after the day
// close when no case is open (UpdateScheduler.dayClosed). Without the key file, updates are off.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { autoUpdater } from 'electron-updater';
import type { App } from '../app/app';
import { fetchVerifiedFeed, UpdateFeedError, type VerifiedFeed } from '../updates/feed';
import { UpdateScheduler, type UpdateDriver } from '../updates/scheduler';

/** The driver: our signature check first, then electron-updater must describe the same release. */
export function electronUpdateDriver(feedUrl: () => string | null, publicKey: string): UpdateDriver {
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowDowngrade = false;
  return {
    async check(): Promise<VerifiedFeed | null> {
      const url = feedUrl();
      if (!url) return null;
      const verified = await fetchVerifiedFeed(url, publicKey);
      autoUpdater.setFeedURL({ provider: 'generic', url });
      const result = await autoUpdater.checkForUpdates();
      const info = result?.updateInfo;
      if (!info || info.version !== verified.version || info.files[0]?.sha512 !== verified.sha512) {
        throw new UpdateFeedError('the feed changed between its signature check and electron-updater');
      }
      return verified;
    },
    async download(): Promise<void> {
      await autoUpdater.downloadUpdate(); // electron-updater checks the sha512 of the signed latest.yml
    },
    install(): void {
      autoUpdater.quitAndInstall(true, true);
    },
  };
}

/** Starts the update checks of the Electron shell; returns the scheduler (null when updates are off). */
export function startWindowUpdates(core: App, resourcesDir: string, version: string): UpdateScheduler | null {
  const keyFile = join(resourcesDir, 'update-key.pub');
  const { log, sync, updates } = core.services;
  if (!existsSync(keyFile)) {
    log.info('window updates off: no update key in the build', {});
    return null;
  }
  const publicKey = readFileSync(keyFile, 'utf8').trim();
  const feedUrl = () => {
    const gateway = sync.statusView().gatewayUrl;
    return gateway ? `${gateway.replace(/\/$/, '')}/updates/` : null;
  };
  const scheduler = new UpdateScheduler({
    currentVersion: version,
    driver: electronUpdateDriver(feedUrl, publicKey),
    caseInProgress: () => updates.caseInProgress(), // at the day close; any restart installs too (autoInstallOnAppQuit)
    onStatus: (status) => {
      log.info('window update', { state: status.state, message: 'message' in status ? status.message : '' });
      updates.onStatus(status);
    },
  });
  updates.attach(scheduler, true);
  scheduler.start();
  return scheduler;
}
