import { z } from 'zod';
import { command, SIGNED_IN } from './define';

/** What the window shows about a newer release of itself (the 有新版本 banner). */
export const updateViewSchema = z.object({
  /** idle: nothing newer; available: found (browser host: an administrator updates by hand); downloaded: installs at
   * the next 日结 or restart; installing: the day close started the install, the window restarts. */
  state: z.enum(['idle', 'available', 'downloaded', 'installing']),
  version: z.string().max(40).nullable(),
  /** Whether this window installs updates itself (Electron) or only reports them (browser host). */
  installs: z.boolean(),
});

/** The update banner's data. */
export type UpdateView = z.output<typeof updateViewSchema>;

/** Reading the update state (every signed-in user sees the banner). */
export const updateCommands = {
  'updates:status': command<UpdateView>()(z.object({}).strict(), SIGNED_IN),
};

/** Pushed whenever the update state changes. */
export const updateEvents = {
  'updates:status': updateViewSchema,
};
