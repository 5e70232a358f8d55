/** <rtc-call>'s side of the network adaptation: its code (./network-control.ts) loads with the first statistics sample. */
import { nothing, type TemplateResult } from 'lit';
import { lazyModule } from '../core/lazy.js';
import type { CallRecord } from './call-record.js';
import type { NetworkSample } from './network-adaptation.js';
import type { NetworkControl, NetworkHost } from './network-control.js';

const loadNetwork = lazyModule(() => import('./network-control.js'));

export class NetworkFront {
  private control: NetworkControl | undefined;
  private failed = false;

  constructor(
    private readonly host: NetworkHost,
    private readonly loadFailed: (error: unknown) => void,
  ) {}

  sample(rec: CallRecord, sample: NetworkSample): void {
    loadNetwork().then(
      (m) => (this.control ??= new m.NetworkControl(this.host)).sample(rec, sample),
      (error: unknown) => {
        if (!this.failed) this.loadFailed(error);
        this.failed = true;
      },
    );
  }

  /** The bad-connection notice, if one shows. */
  notice(): TemplateResult | typeof nothing {
    return this.control?.notice() ?? nothing;
  }
}
