// Channel names shared by the IPC binding and the preload; no imports with side effects,
// so the sandboxed preload can bundle it.
import type { CommandName, EventName } from '@common/contract';

/** The IPC channel that carries one contract command. */
export const commandChannel = (name: CommandName): string => `tongban:cmd:${name}`;

/** The IPC channel that carries one pushed event. */
export const eventChannel = (name: EventName): string => `tongban:event:${name}`;
