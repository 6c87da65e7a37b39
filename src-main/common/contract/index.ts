import type { z } from 'zod';
import type { Result } from '../result';
import type { CommandSpec } from './define';
import { foundationCommands, foundationEvents } from './foundation';
import { identityCommands, identityEvents } from './identity';
import { hallServiceCommands } from './hall-services';
import { intakeCommands } from './intake';
import { printingCommands } from './printing';
import { supervisorCommands } from './supervisor';
import { syncCommands } from './sync';
import { signatureCommands } from './signatures';
import { updateCommands, updateEvents } from './updates';
import { ticketCommands } from './tickets';

export * from './define';
export type { AppInfo, CameraSettings, Settings } from './foundation';
export type { CatalogueView, DecisionView, DivisionsView, DraftSummary, DraftView } from './intake';
export type { CatalogueUpdatesView, SupplementView, SyncStatusView } from './sync';
export type { UpdateView } from './updates';

/** Every command of the app, by name `domain:verb`. */
export const commands = {
  ...foundationCommands,
  ...intakeCommands,
  ...printingCommands,
  ...syncCommands,
  ...identityCommands,
  ...supervisorCommands,
  ...updateCommands,
  ...hallServiceCommands,
  ...ticketCommands,
  ...signatureCommands,
} as const;

/** Every event the main process pushes to the renderer. */
export const events = {
  ...foundationEvents,
  ...identityEvents,
  ...updateEvents,
} as const;

/** The declared commands. */
export type Commands = typeof commands;
/** A command name. */
export type CommandName = keyof Commands;
/** What a caller sends for a command (before parsing and defaults). */
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
/** What a handler receives for a command (after parsing). */
export type ParsedInput<K extends CommandName> = z.output<Commands[K]['input']>;
/** What a command returns on success. */
export type CommandOutput<K extends CommandName> = Commands[K] extends CommandSpec<z.ZodType, infer O> ? O : never;
/** An event name. */
export type EventName = keyof typeof events;
/** An event's payload. */
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

/** All command names, for the preload, the IPC binding and the browser host. */
export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
/** All event names. */
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** The API the renderer sees, in Electron (preload) and in the browser host (HTTP) alike. */
export interface TongbanApi {
  commands: { [K in CommandName]: (input: CommandInput<K>) => Promise<Result<CommandOutput<K>>> };
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
}

/** Checks that a string names a declared command. */
export const isCommandName = (name: string): name is CommandName => Object.hasOwn(commands, name);
