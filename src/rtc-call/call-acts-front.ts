/**
 * The always-loaded front of reactions, raised hands and recording: it loads call-acts.ts (the
 * picker, the tile overlays, the notices, the checks of what peers send; the recorder loads from
 * there) when a call connects, a peer sends one of them, or the page calls one of the methods.
 */
import { lazy } from '../core/lazy.js';
import type { ActMessage } from './call-protocol.js';
import type { CallRecord } from './call-record.js';
import type { ActsHost, CallActs } from './call-acts.js';

export type { ActsHost } from './call-acts.js';

const load = lazy(() => import('./call-acts.js'));

export class ActsFront {
  /** The loaded part (what the view renders), once there. */
  view?: CallActs;

  constructor(private readonly host: ActsHost) {
    // Connected: the reactions button (and the record button) come with the chunk.
    host.el.addEventListener('rtc-connect', () => void this.use().catch(() => {}));
  }

  use(): Promise<CallActs> {
    return load().then(
      (m) => (this.view ??= new m.CallActs(this.host)),
      (error: unknown) => {
        this.host.loadFailed(error);
        throw error;
      },
    );
  }

  /** A peer's reaction, hand or recording notice (or, without `message`: it understands them). */
  act(rec: CallRecord, message?: ActMessage): void {
    this.use().then((acts) => acts.receive(rec, message), () => {});
  }
}
