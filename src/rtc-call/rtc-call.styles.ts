import { css } from 'lit';
import { themeStyles } from '../shared/theme.styles.js';

export const styles = [
  themeStyles,
  css`
    :host {
      --_danger: var(--rtc-color-danger, #b3261e);
      --_danger-text: var(--rtc-color-danger-text, #ffffff);
      --_stage: var(--rtc-call-stage-background, #101318);
      --_stage-text: var(--rtc-call-stage-color, #f2f4f7);
      --_avatar: var(--rtc-call-avatar-background, #3b4a66);
      --_fit: var(--rtc-call-video-fit, contain);
      --_preview: var(--rtc-call-preview-width, 28%);
    }
    .call {
      display: flex; flex-direction: column; background: var(--_bg);
      border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden;
    }
        .status--active::before { background: var(--_success); }
    .status--calling::before, .status--ringing::before, .status--connecting::before, .status--reconnecting::before { background: #d99a26; }
    .status--error { color: var(--_error); }
    .status--error::before { background: var(--_error); }
    .notice {
      margin: 0; padding: calc(var(--_space) * 0.6) calc(var(--_space) * 1.5); color: var(--_error);
      background: var(--_surface); border-bottom: 1px solid var(--_border); font-size: 0.85em;
    }
    .peer-id { color: var(--_muted); font-family: ui-monospace, monospace; font-size: 0.95em; }
    .verification { flex-basis: 100%; font-family: ui-monospace, monospace; font-size: 0.9em; color: var(--_muted); }

    .stage {
      position: relative; background: var(--_stage); color: var(--_stage-text);
      aspect-ratio: var(--rtc-call-aspect-ratio, 16 / 9); min-height: 10rem; overflow: hidden;
    }
    .stage:fullscreen { aspect-ratio: auto; width: 100%; height: 100%; }
    .tile { position: absolute; display: grid; place-items: center; overflow: hidden; }
    .remote { inset: 0; }
    .local {
      right: var(--_space); bottom: var(--_space); width: var(--_preview); min-width: 6rem;
      aspect-ratio: 4 / 3; border-radius: calc(var(--_radius) * 0.66);
      background: #1d2330; box-shadow: 0 2px 10px rgb(0 0 0 / 0.45); border: 1px solid rgb(255 255 255 / 0.18);
    }
    video { width: 100%; height: 100%; object-fit: var(--_fit); display: block; background: transparent; }
    .local video { object-fit: cover; }
    video.mirrored { transform: scaleX(-1); }
    video.hidden { visibility: hidden; position: absolute; }
    .avatar {
      display: grid; place-items: center; width: min(30%, 8rem); aspect-ratio: 1; border-radius: 50%;
      background: var(--_avatar); color: #ffffff; font-weight: 700; font-size: clamp(1rem, 4vw, 2.5rem);
      text-transform: uppercase; user-select: none;
    }
    .local .avatar { width: 45%; font-size: 1em; }
    .badges {
      position: absolute; left: var(--_space); top: var(--_space); display: flex; flex-wrap: wrap; gap: 0.35em;
      max-width: calc(100% - 5rem);
    }
    .badge, .peer-name {
      display: inline-flex; align-items: center; gap: 0.3em; padding: 0.15em 0.55em; border-radius: 999px;
      background: rgb(0 0 0 / 0.72); color: #ffffff; font-size: 0.8em;
    }
    .badge .icon { width: 1.1em; height: 1.1em; }
    .peer-name { position: absolute; left: var(--_space); bottom: var(--_space); max-width: 60%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .enable-sound { position: absolute; left: 50%; bottom: calc(var(--_space) * 2); transform: translateX(-50%); }

    .incoming {
      position: absolute; inset: 0; display: flex; flex-direction: column; align-items: center; justify-content: center;
      gap: calc(var(--_space) * 2); background: rgb(10 12 16 / 0.86); color: #ffffff; text-align: center; padding: var(--_space);
    }
    .incoming-title { margin: 0; font-size: 1.15em; font-weight: 600; overflow-wrap: anywhere; }
    .incoming .avatar { width: 5rem; font-size: 1.6rem; animation: ring 1.2s ease-in-out infinite; }
    @keyframes ring { 50% { box-shadow: 0 0 0 0.6rem rgb(111 220 140 / 0.35); } }
    .incoming-actions { display: flex; gap: calc(var(--_space) * 2); flex-wrap: wrap; justify-content: center; }

    .controls {
      display: flex; flex-wrap: wrap; align-items: center; justify-content: center; gap: var(--_space);
      padding: var(--_space); background: var(--_surface); border-top: 1px solid var(--_border);
    }
    .controls .spacer { flex: 1 1 auto; }
    button.round {
      display: inline-grid; place-items: center; width: 2.9em; height: 2.9em; padding: 0; border-radius: 50%;
      background: var(--_bg); color: var(--_text); border: 1px solid var(--_border);
    }
    button.round.off { background: var(--_text); color: var(--_bg); }
    button.start, button.accept { background: var(--_success); color: #ffffff; border-color: transparent; }
    button.end, button.decline { background: var(--_danger); color: var(--_danger-text); border-color: transparent; }
    button.pill { display: inline-flex; align-items: center; gap: 0.45em; border-radius: 999px; }
    button.accept, button.decline { padding-inline: calc(var(--_space) * 2.4); }
    .icon { width: 1.4em; height: 1.4em; flex: none; }
    .dial { display: flex; gap: var(--_space); flex: 1 1 14rem; min-width: 0; }
    .dial input { flex: 1 1 auto; min-width: 0; }
    @media (prefers-color-scheme: dark) {
      button.start, button.accept { color: #0d1320; }
    }
    /* A phone in portrait: a taller stage (the room's tiles stack, call-room.ts). */
    @media (orientation: portrait) and (max-width: 40rem) {
      .stage { aspect-ratio: 3 / 4; }
    }
  `,
];
