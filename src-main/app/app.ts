import { createGate, type Gate, type Handlers } from './gate';
import { foundationHandlers } from './handlers/foundation';
import { identityHandlers } from './handlers/identity';
import { intakeHandlers } from './handlers/intake';
import { printingHandlers } from './handlers/printing';
import { supervisorHandlers } from './handlers/supervisor';
import { syncHandlers } from './handlers/sync';
import { hallServiceHandlers } from './handlers/hall-services';
import { ticketHandlers } from './handlers/tickets';
import { signatureHandlers } from './handlers/signatures';
import { createWindowApp } from './modes';
import { createServices, type AppConfig, type Services } from './services';

/** The app without a transport: services plus the gate that runs every command. */
export interface App {
  services: Services;
  call: Gate;
  /** Starts background work (the sync loop). */
  startBackground(syncIntervalMs?: number): void;
  /** Stops background work, closes the database, then flushes and closes the log. */
  shutdown(): Promise<void>;
  close(): void;
}

/** Builds the window app: the live data folder, with 培训模式's separate folder a sign-in away. */
export function createApp(config: AppConfig): Promise<App> {
  return createWindowApp(config, createFolderApp);
}

/** Builds the app of one data folder: services, every command's handler, and the gate. */
export async function createFolderApp(config: AppConfig): Promise<App> {
  const services = await createServices(config);
  const handlers: Handlers = {
    ...foundationHandlers(services),
    ...intakeHandlers(services),
    ...printingHandlers(services),
    ...syncHandlers(services),
    ...identityHandlers(services),
    ...supervisorHandlers(services),
    ...hallServiceHandlers(services),
    ...ticketHandlers(services),
    ...signatureHandlers(services),
  };
  const call = createGate({ auth: services.auth, handlers, audit: services.audit, log: services.log });
  return {
    services,
    call,
    startBackground: (syncIntervalMs) => {
      services.sync.engine.start(syncIntervalMs);
      services.identity.startBackground();
      services.supervisor.scheduler.start();
    },
    shutdown: async () => {
      await services.sync.engine.stop();
      services.close();
      await services.log.close();
    },
    close: () => {
      services.sync.engine.halt();
      services.close();
    },
  };
}
