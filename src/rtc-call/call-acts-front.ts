/**
 * The always-loaded front of reactions, raised hands and recording: it loads call-acts.ts (the
 * picker, the tile overlays, the notices, the checks of what peers send; the recorder loads from
 * there) when a call connects, a peer sends one of them, or the page calls one of the methods.
 */
import { lazy, loadFailed } from '../core/lazy.js';
import type { CallRecord } from './call-record.js';
import type { ActsHost, CallActs } from './call-acts.js';

export type { ActsHost } from './call-acts.js';

const load = lazy(() => import('./call-acts.js'));

export class ActsFront {
  /** The loaded part (what the view renders), once there. */
  view?: CallActs;

  constructor(private readonly host: ActsHost) {
    // Connected: the reactions button (and the record button) come with the chunk.
    host.el.addEventListener('rtc-connect', () => this.run('sync').catch(() => {}));
  }

  /** Loads the chunk once (a failure is reported) and calls one of its methods. */
  run<K extends 'react' | 'hand' | 'startRecording' | 'stopRecording' | 'receive' | 'sync'>(
    method: K,
    ...args: Parameters<CallActs[K]>
  ): Promise<Awaited<ReturnType<CallActs[K]>>> {
    return load().then(
      (m) => {
        const acts = (this.view ??= new m.CallActs(this.host));
        return (acts[method] as (...a: Parameters<CallActs[K]>) => Awaited<ReturnType<CallActs[K]>>).apply(acts, args);
      },
      (error: unknown) => {
        const failure = loadFailed('reactions and recording', error);
        this.host.error(failure.type, failure.message);
        throw error;
      },
    );
  }

  /** A peer's reaction, hand or recording notice, unchecked (or, without `value`: it understands them). */
  act(rec: CallRecord, value?: Record<string, unknown>): void {
    this.run('receive', rec, value).catch(() => {});
  }
}
