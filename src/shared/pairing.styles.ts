import { css } from 'lit';

/** The copy-paste pairing panel (pairing-panel.ts, loaded with signaling="manual"); small, so always in the element's styles. */
export const pairingStyles = css`
  .pairing {
    display: flex; flex-direction: column; gap: calc(var(--_space) * 0.75); padding: var(--_space);
    background: var(--_surface); border-top: 1px solid var(--_border);
  }
  .pairing-help, .pairing-label { margin: 0; font-size: 0.85em; color: var(--_muted); }
  .pairing > button { align-self: flex-start; }
  .pairing-row { display: flex; gap: var(--_space); align-items: stretch; }
  .pairing textarea { flex: 1 1 auto; min-width: 0; resize: vertical; font-family: ui-monospace, monospace; font-size: 0.75em; word-break: break-all; }
`;
