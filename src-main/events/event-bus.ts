import type { EventName, EventPayload } from '@common/contract';

/** A pushed event with its audience: one caller, or everyone when `callerId` is null. */
export interface PushedEvent<K extends EventName = EventName> {
  name: K;
  payload: EventPayload<K>;
  callerId: string | null;
}

type Listener = (event: PushedEvent) => void;

/** Main→renderer events; transports (IPC, SSE) subscribe and deliver. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<K extends EventName>(name: K, payload: EventPayload<K>, callerId: string | null = null): void {
    for (const listener of this.listeners) listener({ name, payload, callerId } as PushedEvent);
  }
}
