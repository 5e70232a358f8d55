import { css } from 'lit';

/**
 * Design tokens shared by both elements. Every --rtc-* property can be set on the element or any
 * ancestor; the defaults follow the page's light or dark color scheme.
 */
export const themeStyles = css`
  :host {
    --_font: var(--rtc-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_size: var(--rtc-font-size, 0.9375rem);
    --_text: var(--rtc-color-text, #1b1f24);
    --_muted: var(--rtc-color-muted, #5b6470);
    --_bg: var(--rtc-color-background, #ffffff);
    --_surface: var(--rtc-color-surface, #f4f6f8);
    --_border: var(--rtc-color-border, #d5dae0);
    --_accent: var(--rtc-color-accent, #2657d9);
    --_accent-text: var(--rtc-color-accent-text, #ffffff);
    --_bubble: var(--rtc-color-bubble-remote, #e9edf2);
    --_error: var(--rtc-color-error, #b3261e);
    --_success: var(--rtc-color-success, #1e7d34);
    --_radius: var(--rtc-radius, 0.75rem);
    --_space: var(--rtc-spacing, 0.5rem);
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_size);
    color: var(--_text);
    color-scheme: light dark;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--rtc-color-text, #e7eaee);
      --_muted: var(--rtc-color-muted, #a3acb8);
      --_bg: var(--rtc-color-background, #15181c);
      --_surface: var(--rtc-color-surface, #1f2329);
      --_border: var(--rtc-color-border, #3a414b);
      --_accent: var(--rtc-color-accent, #7aa2ff);
      --_accent-text: var(--rtc-color-accent-text, #0d1320);
      --_bubble: var(--rtc-color-bubble-remote, #2a3038);
      --_error: var(--rtc-color-error, #ffb4ab);
      --_success: var(--rtc-color-success, #7fd491);
    }
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }
  .sr-only {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  button {
    font: inherit; cursor: pointer; border-radius: calc(var(--_radius) * 0.66);
    border: 1px solid transparent; padding: calc(var(--_space) * 0.9) calc(var(--_space) * 1.8);
    background: var(--_accent); color: var(--_accent-text); font-weight: 600;
    transition: filter 120ms ease, transform 120ms ease;
  }
  button:hover { filter: brightness(1.08); }
  button:active { transform: translateY(1px); }
  button:disabled { cursor: not-allowed; opacity: 0.55; }
  :focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
  input, textarea, select {
    font: inherit; color: var(--_text); background: var(--_bg);
    border: 1px solid var(--_border); border-radius: calc(var(--_radius) * 0.66);
    padding: calc(var(--_space) * 0.9) var(--_space);
  }
  /* Header bar and status line, the same in both elements. */
  .header {
    display: flex; flex-wrap: wrap; align-items: center; gap: var(--_space);
    padding: var(--_space) calc(var(--_space) * 1.5); background: var(--_surface);
    border-bottom: 1px solid var(--_border); font-size: 0.875em;
  }
  .status { flex: 1 1 auto; color: var(--_muted); display: inline-flex; align-items: center; gap: 0.4em; min-width: 0; }
  .status::before { content: ''; width: 0.6em; height: 0.6em; border-radius: 50%; background: var(--_muted); flex: none; }
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after { transition: none !important; animation: none !important; }
  }
`;
