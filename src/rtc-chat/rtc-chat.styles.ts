import { css } from 'lit';
import { themeStyles } from '../shared/theme.styles.js';

export const styles = [
  themeStyles,
  css`
    .chat {
      display: flex; flex-direction: column; height: var(--rtc-chat-height, 24rem);
      background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden;
    }
        .status--connected::before { background: var(--_success); }
    .status--dialing::before, .status--connecting::before, .status--reconnecting::before { background: #d99a26; }
    .status--error { color: var(--_error); }
    .status--error::before { background: var(--_error); }
    .peer-id { color: var(--_muted); font-family: ui-monospace, monospace; font-size: 0.95em; }
    .members { flex-basis: 100%; display: flex; flex-wrap: wrap; gap: 0.35em; }
    .member { padding: 0.1em 0.6em; border-radius: 999px; background: var(--_bubble); font-size: 0.9em; }
    .verification { flex-basis: 100%; font-family: ui-monospace, monospace; font-size: 0.9em; color: var(--_muted); }
    .typing { min-height: 1.3em; padding: 0 calc(var(--_space) * 1.5); font-size: 0.8em; font-style: italic; color: var(--_muted); }
    /* column-reverse: the scroll origin is the end, so new messages stay in view with no script. */
    .messages {
      flex: 1 1 auto; overflow-y: auto; padding: calc(var(--_space) * 1.5);
      display: flex; flex-direction: column-reverse;
    }
    .log { display: flex; flex-direction: column; gap: var(--_space); margin-bottom: auto; }
    .empty { margin: auto; color: var(--_muted); }
    .show-earlier { align-self: center; flex: none; font-size: 0.85em; }
    .message { max-width: 80%; display: flex; flex-direction: column; gap: 0.15em; }
    /*
     * Earlier messages opened (hundreds drawn, in blocks of 100): the browser skips layout and paint
     * of the blocks out of view. Not per message: with thousands, tracking each box's visibility costs
     * more per frame than it saves. Not for the usual 50 either (an extra layout pass per update).
     */
    .block { content-visibility: auto; contain-intrinsic-size: auto 350em; }
    .message.self { align-self: flex-end; align-items: flex-end; }
    .message.remote { align-self: flex-start; }
    .meta { display: flex; gap: 0.5em; font-size: 0.78em; color: var(--_muted); }
    .sender { font-weight: 600; }
    .text {
      padding: calc(var(--_space) * 0.9) calc(var(--_space) * 1.4); border-radius: var(--_radius);
      background: var(--_bubble); white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.4;
    }
    .self .text { background: var(--_accent); color: var(--_accent-text); border-bottom-right-radius: calc(var(--_radius) * 0.25); }
    .remote .text { border-bottom-left-radius: calc(var(--_radius) * 0.25); }
    .delivery--failed { color: var(--_error); }
    .delivery--pending { font-style: italic; }
    .connect, .composer {
      display: flex; gap: var(--_space); padding: var(--_space); background: var(--_surface);
      border-top: 1px solid var(--_border);
    }
    .connect input { flex: 1 1 auto; min-width: 0; }
    .chat { position: relative; }
    .drop-zone {
      position: absolute; inset: 0; z-index: 2; display: grid; place-items: center; font-weight: 600;
      background: color-mix(in srgb, var(--_accent) 14%, transparent); border: 2px dashed var(--_accent);
      border-radius: var(--_radius); color: var(--_text); pointer-events: none;
    }
    .file {
      display: flex; flex-direction: column; gap: 0.35em; min-width: 14rem; max-width: 100%;
      padding: calc(var(--_space) * 1.1) calc(var(--_space) * 1.4); border-radius: var(--_radius);
      background: var(--_bubble); border: 1px solid var(--_border);
    }
    .self .file { background: color-mix(in srgb, var(--_accent) 12%, var(--_bg)); }
    .file-head { display: flex; gap: 0.75em; justify-content: space-between; align-items: baseline; }
    .file-name { font-weight: 600; overflow-wrap: anywhere; }
    .file-size, .file-foot { color: var(--_muted); font-size: 0.8em; white-space: nowrap; }
    .file-foot { display: flex; align-items: center; justify-content: space-between; gap: 0.75em; }
    .file progress { width: 100%; height: 0.5em; accent-color: var(--_accent); }
    .file-preview { max-width: 100%; max-height: 12rem; border-radius: calc(var(--_radius) * 0.6); object-fit: contain; align-self: flex-start; }
    .file-cancel { padding: 0.2em 0.7em; background: transparent; color: var(--_text); border-color: var(--_border); font-weight: 500; }
    .file-accept { padding: 0.2em 0.7em; margin-inline-start: auto; }
    .file-link { color: var(--_accent); font-weight: 600; }
    .file-state { font-size: 0.85em; color: var(--_success); }
    .file-state--bad { color: var(--_error); }
    .attach { padding: 0 0.7em; background: transparent; color: var(--_muted); border-color: var(--_border); display: grid; place-items: center; }
    .attach:hover { color: var(--_accent); }
    .composer textarea { flex: 1 1 auto; min-width: 0; resize: none; min-height: 2.5em; max-height: 8em; }
  `,
];
