// 培训模式 (decision 0130): one process, two data folders. The live folder opens at start; the
// training folder (<data>/training: its own encrypted database, key, logs and printouts) opens when
// someone chooses 培训模式 at sign-in. Exactly one is current: every command goes to it, the
// transports see its services, and both share one event bus. Nothing in the training folder syncs.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@common/errors';
import { TRAINING_DIR_NAME } from '@common/training';
import { EventBus } from '../events/event-bus';
import { seedTraining } from './training-seed';
import type { AppInfo } from '@common/contract';
import type { App } from './app';
import type { AppConfig, ModeControl } from './services';

/** Builds the app on the live folder with 培训模式 available; `openFolder` builds one folder's app. */
export async function createWindowApp(config: AppConfig, openFolder: (c: AppConfig) => Promise<App>): Promise<App> {
  const events = config.events ?? new EventBus();
  const trainingDir = join(config.dataDir, TRAINING_DIR_NAME);
  let background: { started: boolean; intervalMs?: number } = { started: false };
  let training: App | null = null;
  let switching: Promise<unknown> = Promise.resolve();

  const openTraining = async (): Promise<App> => {
    const app = await openFolder({
      ...config,
      dataDir: trainingDir,
      training: true,
      events,
      modeControl: control,
      ...(config.trainingKeyStore ? { keyStore: config.trainingKeyStore } : { keyStore: undefined }),
    });
    try {
      seedTraining(app.services, live.services);
    } catch (err) {
      app.close();
      throw err;
    }
    if (background.started) app.startBackground(background.intervalMs);
    return app;
  };

  /** Only one switch or reset at a time. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = switching.then(work, work);
    switching = next.catch(() => undefined);
    return next;
  };

  const control: ModeControl = {
    switchTo: (on, callerId) =>
      serial(async () => {
        const from = current;
        const others = from.services.auth.signedInCallers().filter((c) => c !== callerId);
        if (others.length) throw new AppError('conflict', 'someone else is signed in', { reason: 'others-signed-in' });
        if (on && live.services.settings.hall() === null) throw new AppError('not-initialized', 'set up first');
        from.services.auth.logout(callerId);
        if (on) {
          training ??= await openTraining();
          seedTraining(training.services, live.services);
          current = training;
        } else current = live;
        from.services.log.info(on ? 'training mode entered' : 'training mode left', {});
        const info = await current.call(callerId, 'app:info', {}, 0);
        if (!info.ok) throw new AppError('internal', 'app:info failed after a mode switch');
        return info.value as AppInfo;
      }),
    resetTraining: (byUsername) =>
      serial(async () => {
        const trainer = live.services.auth.users.byUsername(byUsername);
        live.services.audit.append({
          actor: { id: trainer?.id ?? null, name: byUsername },
          action: 'training.reset',
          details: {},
        });
        const old = training;
        training = null;
        current = live;
        if (old) await old.shutdown();
        rmSync(trainingDir, { recursive: true, force: true });
        training = await openTraining();
        current = training;
        live.services.log.info('training folder reset', {});
      }),
  };

  const live = await openFolder({ ...config, events, training: false, modeControl: control });
  let current: App = live;

  return {
    get services() {
      return current.services;
    },
    call: (callerId, name, input, bytes) => current.call(callerId, name, input, bytes),
    startBackground: (intervalMs) => {
      background = { started: true, ...(intervalMs !== undefined ? { intervalMs } : {}) };
      live.startBackground(intervalMs);
      training?.startBackground(intervalMs);
    },
    shutdown: async () => {
      await training?.shutdown();
      await live.shutdown();
    },
    close: () => {
      training?.close();
      live.close();
    },
  };
}
