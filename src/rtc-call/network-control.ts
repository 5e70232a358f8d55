/**
 * <rtc-call>'s network adaptation, loaded with the first statistics sample: each call's samples go
 * through the policy (network-adaptation.ts), whose decisions change that call's video sender
 * (setParameters for the steps, replaceTrack(null) for audio-only; never a renegotiation), fire
 * `rtc-network-quality` and show the notice that suggests audio only.
 */
import { css, html, nothing, type CSSResult, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { netStrings } from '../core/strings-call-net.js';
import type { CallRecord } from './call-record.js';
import type { LocalMedia } from './local-media.js';
import { transceiverOf } from './media.js';
import { decide, initialNetworkState, STEPS, type NetworkSample, type NetworkState } from './network-adaptation.js';
import { RtcNetworkQualityEvent } from './network.events.js';

/** The element's public side the adaptation reads and drives. */
export interface NetworkElement extends ReactiveControllerHost, EventTarget {
  readonly autoAudioOnly: boolean;
  readonly cameraOff: boolean;
  readonly audioOnly: boolean;
  readonly strings?: unknown;
  setCameraOff(off: boolean): Promise<void>;
}

export interface NetworkHost {
  el: NetworkElement;
  media: LocalMedia;
  /** The element's strings in effect. */
  t(): object;
  /** The connected calls. */
  calls(): CallRecord[];
  /** Tells `rec`'s other side our media state (a paused video is announced as camera off). */
  announce(rec: CallRecord): void;
  addStyles(styles: CSSResult): void;
}

export class NetworkControl {
  private readonly states = new WeakMap<CallRecord, NetworkState>();
  /** Calls whose bad-link notice the user dismissed (until the link recovers). */
  private readonly dismissed = new WeakSet<CallRecord>();
  /** Whether each paused call sent video before the pause (restore sends video only then). */
  private readonly sentBefore = new WeakMap<CallRecord, boolean>();

  constructor(private readonly host: NetworkHost) {
    host.addStyles(noticeStyles);
  }

  sample(rec: CallRecord, sample: NetworkSample): void {
    if (rec.ended) return;
    const previous = this.states.get(rec) ?? initialNetworkState();
    const { state, reasons, action } = decide(previous, sample, this.host.el.autoAudioOnly);
    this.states.set(rec, state);
    const pc = rec.call?.peerConnection;
    if (state.step !== previous.step) void encode(pc, state.step);
    // While paused, a track put back meanwhile (camera on, screen share) is taken off again.
    if (state.paused !== previous.paused || state.paused) void this.send(rec, pc, state.paused);
    if (state.bad !== previous.bad) {
      this.dismissed.delete(rec);
      this.host.el.requestUpdate();
    }
    if (state.quality !== previous.quality || action !== 'none') {
      this.host.el.dispatchEvent(
        new RtcNetworkQualityEvent({ peer: rec.peer, quality: state.quality, reasons, loss: sample.loss, rtt: sample.rtt, bitrate: sample.bitrate, action }),
      );
    }
  }

  /** Stops or restarts the video `rec` sends (replaceTrack: no renegotiation) and tells the other side. */
  private async send(rec: CallRecord, pc: RTCPeerConnection | undefined, paused: boolean): Promise<void> {
    const sender = transceiverOf(pc, 'video')?.sender;
    if (!sender) return;
    const wasPaused = rec.videoPaused;
    try {
      if (paused) {
        if (sender.track) {
          this.sentBefore.set(rec, true);
          await sender.replaceTrack(null);
        } else if (!wasPaused) this.sentBefore.set(rec, false);
      } else if (this.sentBefore.get(rec)) {
        const { media, el } = this.host;
        await sender.replaceTrack(media.screenTrack ?? (el.cameraOff || el.audioOnly ? null : (media.local?.video ?? null)));
      }
    } catch {
      // closed meanwhile
    }
    rec.videoPaused = paused;
    if (wasPaused !== paused) {
      this.host.announce(rec);
      this.host.el.requestUpdate();
    }
  }

  /** The notice for the first call with a bad link (unless dismissed): the suggestion with its button, or that video is paused. */
  notice(): TemplateResult | undefined {
    const { el } = this.host;
    const rec = this.host.calls().find((r) => this.states.get(r)?.bad && !this.dismissed.has(r));
    if (!rec || (!rec.videoPaused && (el.cameraOff || el.audioOnly))) return undefined;
    const n = netStrings(this.host.t(), el.strings);
    const dismiss = () => {
      for (const r of this.host.calls()) this.dismissed.add(r);
      el.requestUpdate();
    };
    return html`<div part="network-notice" class="network-notice" role="status">
      <span>${rec.videoPaused ? n.networkPaused : n.networkBad}</span>
      ${
        rec.videoPaused
          ? nothing
          : html`<button type="button" part="network-audio-only-button" @click=${() => {
              dismiss();
              el.setCameraOff(true).catch(() => {});
            }}>${n.networkAudioOnly}</button>`
      }
      <button type="button" part="network-dismiss" class="network-dismiss" @click=${dismiss}>${n.networkDismiss}</button>
    </div>`;
  }
}

/** Sets the encodings of the video `pc` sends to the limits of `step` (setParameters: no renegotiation). */
async function encode(pc: RTCPeerConnection | undefined, step: number): Promise<void> {
  const sender = transceiverOf(pc, 'video')?.sender;
  const limits = STEPS[step];
  if (!sender || !limits) return;
  try {
    const parameters = sender.getParameters();
    for (const encoding of parameters.encodings ?? []) {
      encoding.scaleResolutionDownBy = limits.scaleResolutionDownBy;
      if (limits.maxBitrate) encoding.maxBitrate = limits.maxBitrate;
      else delete encoding.maxBitrate;
    }
    await sender.setParameters(parameters);
  } catch {
    // closed meanwhile, or refused: the video stays as it is
  }
}

const noticeStyles = css`
  .network-notice {
    display: flex; flex-wrap: wrap; align-items: center; gap: var(--_space); margin: 0;
    padding: calc(var(--_space) * 0.6) calc(var(--_space) * 1.5); background: var(--_surface);
    border-bottom: 1px solid var(--_border); font-size: 0.9em;
  }
  .network-notice span { flex: 1 1 14rem; }
  .network-dismiss { background: transparent; color: inherit; border-color: var(--_border); }
`;
