/** <rtc-call>'s statistics polling: one timer for every connected call (the statistics code itself loads on first use). */
import { lazyModule } from '../core/lazy.js';
import type { CSSResult, TemplateResult } from 'lit';
import type { CallRecord } from './call-record.js';
import type { NetworkControl, NetworkHost } from './network-control.js';
import { RtcStatsEvent } from './rtc-call.events.js';

/** Call statistics (rtc-stats, the quality indicator) load with the first connected call. */
export const loadStats = lazyModule(() => import('./call-stats.js'));
/** The network adaptation (./network-control.ts) loads with the first statistics sample. */
const loadNetwork = lazyModule(() => import('./network-control.js'));
const MIN_STATS_INTERVAL_MS = 250;

export interface StatsHost extends Omit<NetworkHost, 'calls' | 'addStyles'> {
  /** `stats-interval`. */
  interval(): number;
  /** The connected calls whose statistics count. */
  calls(): CallRecord[];
  /** A quality level changed: render again. */
  changed(): void;
  addStyles(styles: CSSResult): void;
  loadFailed(error: unknown): void;
  fire(event: Event): void;
}

export class StatsPoller {
  private timer: ReturnType<typeof setInterval> | undefined;
  private failed = false;
  private network: NetworkControl | undefined;

  constructor(private readonly host: StatsHost) {}

  /** (Re)starts the one timer that polls every watched call; `fresh` calls get a baseline reading first. */
  start(...fresh: CallRecord[]): void {
    this.stop();
    const interval = Number(this.host.interval());
    if (!Number.isFinite(interval) || interval <= 0) {
      // Off: no polling, and no indicator showing an old reading.
      for (const rec of this.host.calls()) rec.quality = undefined;
      this.host.changed();
      return;
    }
    for (const rec of fresh) void this.poll(rec, true);
    this.timer = setInterval(
      () => {
        const calls = this.host.calls();
        if (!calls.length || this.failed) this.stop();
        else for (const rec of calls) void this.poll(rec);
      },
      Math.max(MIN_STATS_INTERVAL_MS, interval),
    );
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Reads `rec`'s statistics (the code loads on first use; a failure is reported once); `keep`: the next reading's rates start here. */
  async read(rec: CallRecord | undefined, keep?: boolean) {
    const pc = rec?.call?.peerConnection;
    if (!pc || !rec.connected || rec.ended) return undefined;
    try {
      const stats = await loadStats();
      this.host.addStyles(stats.qualityStyles);
      const reading = await stats.read(pc, rec.statsPrevious, rec.peer);
      if (reading && keep) rec.statsPrevious = reading.snapshot;
      return reading;
    } catch (error) {
      if (!this.failed) this.host.loadFailed(error);
      this.failed = true;
      return undefined;
    }
  }

  private async poll(rec: CallRecord, baselineOnly?: boolean): Promise<void> {
    const reading = await this.read(rec, true);
    const detail = reading?.detail;
    if (!detail || baselineOnly || !this.host.calls().includes(rec)) return;
    if (rec.quality !== detail.quality) this.host.changed();
    rec.quality = detail.quality;
    this.host.fire(new RtcStatsEvent({ ...detail }));
    try {
      (this.network ??= new (await loadNetwork()).NetworkControl(this.host)).sample(rec, reading.network);
    } catch (error) {
      if (!this.failed) this.host.loadFailed(error);
      this.failed = true;
    }
  }

  /** The bad-connection notice of the network adaptation, if one shows. */
  notice(): TemplateResult | undefined {
    return this.network?.notice();
  }
}
