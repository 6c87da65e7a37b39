import type { CommandName, EventName, TongbanApi } from '@common/contract';
import type { Result } from '@common/result';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser host. */
    tongban?: TongbanApi;
  }
}

const HTTP_ERRORS: Record<number, Result<never>> = {
  401: { ok: false, error: { code: 'unauthenticated', message: 'host session missing' } },
  413: { ok: false, error: { code: 'payload-too-large', message: 'request too large' } },
};

async function callOverHttp(name: CommandName, input: unknown): Promise<Result<unknown>> {
  try {
    const res = await fetch(`/api/call/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
    if (!res.ok)
      return HTTP_ERRORS[res.status] ?? { ok: false, error: { code: 'unavailable', message: `HTTP ${res.status}` } };
    return (await res.json()) as Result<unknown>;
  } catch (err) {
    return { ok: false, error: { code: 'unavailable', message: err instanceof Error ? err.message : String(err) } };
  }
}

/** The contract over the browser host's HTTP endpoints, with events from one shared EventSource. */
function httpApi(): TongbanApi {
  let source: EventSource | null = null;
  // A proxy rather than a table of every command name: the table would pull the whole contract (and
  // zod) into the sign-in screen's bundle. The host refuses names that are not commands.
  const commands = new Proxy(
    {},
    {
      get: (_target, name) =>
        typeof name === 'string' ? (input: unknown) => callOverHttp(name as CommandName, input) : undefined,
    },
  );
  return {
    commands: commands as TongbanApi['commands'],
    on(event: EventName, listener: (payload: never) => void) {
      source ??= new EventSource('/api/events');
      const handler = (e: MessageEvent<string>) => listener(JSON.parse(e.data) as never);
      source.addEventListener(event, handler);
      return () => source?.removeEventListener(event, handler);
    },
  };
}

/** The one API object of the renderer: the preload's in Electron, HTTP in the browser host. Only stores use it. */
export const api: TongbanApi = window.tongban ?? httpApi();
