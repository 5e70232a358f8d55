/** The pre-join lobby's template and styles (loaded with ./lobby.ts). */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { LobbyStrings } from '../core/strings-lobby.js';
import { icon } from './icons.js';

/** What the lobby shows. */
export interface LobbyView {
  t: LobbyStrings;
  /** The preview (camera and microphone), once started. */
  stream: MediaStream | undefined;
  audio: boolean;
  video: boolean;
  audioOnly: boolean;
  /** The camera and microphone are being started. */
  starting: boolean;
  /** Microphone level, 0..100 (the meter is then updated in place, without a render). */
  level: number;
  joinLabel: string;
  /** The device pickers (device-settings.ts). */
  devices: TemplateResult;
}

/** What the lobby's buttons do. */
export interface LobbyActions {
  join(): void;
  cancel(): void;
  toggleAudio(): void;
  toggleVideo(): void;
  testSpeaker(): void;
  key(event: KeyboardEvent): void;
  /** Any click (a user gesture: the meter's audio may start). */
  touched(): void;
}

export function lobbyView(v: LobbyView, a: LobbyActions): TemplateResult {
  const t = v.t;
  const showVideo = v.video && !!v.stream?.getVideoTracks().length;
  return html`<section part="lobby" class="lobby" aria-labelledby="lobby-title" @keydown=${a.key} @click=${a.touched}>
    <h2 id="lobby-title" class="lobby-title">${t.lobbyTitle}</h2>
    <div class="lobby-main">
      <div class="lobby-stage">
        <video part="lobby-preview" class=${showVideo ? 'mirrored' : 'hidden'} playsinline autoplay muted .muted=${true}
          .srcObject=${v.stream ?? null} aria-label=${t.lobbyPreview}></video>
        ${v.starting ? html`<p class="lobby-starting" role="status">${t.lobbyStarting}</p>` : nothing}
      </div>
      <div class="lobby-side">
        <div part="lobby-meter" class="lobby-meter" role="progressbar" aria-label=${t.lobbyMeter}
          aria-valuemin="0" aria-valuemax="100" aria-valuenow=${v.level}><span class="lobby-level"></span></div>
        <div class="lobby-toggles">
          <button part="lobby-mic-toggle" class="pill ${v.audio ? '' : 'off'}" type="button" aria-pressed=${v.audio ? 'true' : 'false'}
            @click=${a.toggleAudio}>${icon(v.audio ? 'mic' : 'micOff')}<span>${t.lobbyMicrophone}</span></button>
          ${
            v.audioOnly
              ? nothing
              : html`<button part="lobby-camera-toggle" class="pill ${v.video ? '' : 'off'}" type="button" aria-pressed=${v.video ? 'true' : 'false'}
            @click=${a.toggleVideo}>${icon(v.video ? 'camera' : 'cameraOff')}<span>${t.lobbyCamera}</span></button>`
          }
          <button part="lobby-speaker-test" class="pill" type="button" @click=${a.testSpeaker}>${icon('sound')}<span>${t.lobbySpeakerTest}</span></button>
        </div>
        <div class="lobby-devices">${v.devices}</div>
      </div>
    </div>
    <div class="lobby-actions">
      <button part="lobby-cancel" class="pill" type="button" @click=${a.cancel}>${t.lobbyCancel}</button>
      <button part="lobby-join" class="start pill" type="button" @click=${a.join}>${icon('phone')}<span>${v.joinLabel}</span></button>
    </div>
  </section>`;
}

/** The lobby's styles, added to the element's when its code loads. */
export const lobbyStyles = css`
  .call:has(> .lobby) > .stage, .call:has(> .lobby) > .controls { display: none; }
  .lobby { display: grid; gap: calc(var(--_space) * 1.5); padding: calc(var(--_space) * 1.5); background: var(--_surface); min-width: 0; }
  .lobby-title { margin: 0; font-size: 1.05em; font-weight: 600; }
  .lobby-main { display: grid; gap: calc(var(--_space) * 1.5); grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr)); align-items: start; }
  .lobby-stage {
    position: relative; display: grid; place-items: center; aspect-ratio: 4 / 3; overflow: hidden;
    border-radius: var(--_radius); background: var(--_stage); color: var(--_stage-text);
  }
  .lobby-stage video { position: absolute; inset: 0; object-fit: cover; }
  .lobby-starting { margin: 0; padding: var(--_space); text-align: center; font-size: 0.9em; }
  .lobby-side { display: grid; gap: var(--_space); min-width: 0; }
  .lobby-meter { height: 0.6rem; border-radius: 999px; background: var(--_border); overflow: hidden; }
  .lobby-level {
    display: block; height: 100%; background: var(--_success); transform-origin: left; transform: scaleX(0);
    transition: transform 0.1s linear;
  }
  .lobby-toggles, .lobby-actions { display: flex; flex-wrap: wrap; gap: var(--_space); }
  .lobby-toggles .pill.off { background: var(--_text); color: var(--_bg); }
  .lobby-actions { justify-content: flex-end; }
  .lobby-devices { display: grid; gap: var(--_space); }
  .lobby .settings-close { display: none; }
  @media (prefers-reduced-motion: reduce) {
    .lobby-level { transition: none; }
  }
`;
