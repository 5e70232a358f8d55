/**
 * The pairing panel's QR codes (loaded when the panel first shows a code, so pages that never
 * pair by hand never download the encoder). lean-qr's nano build: ~2 KB gzip, no DOM needed.
 */
import { html, svg, type TemplateResult } from 'lit';
import { correction, generate } from 'lean-qr/nano';

/** Modules of white around the code: the quiet zone ISO 18004 asks for. */
const QUIET = 4;

/**
 * The dark modules of `text`'s QR code as one SVG path (a rectangle per horizontal run), in a
 * square of `size` modules that includes the quiet zone; undefined when `text` does not fit
 * (version 40 at the lowest error correction: 2952 characters of a code).
 */
export function qrPath(text: string): { size: number; d: string } | undefined {
  let code;
  try {
    // The lowest level keeps codes as small as possible; lean-qr raises it when the version has room.
    code = generate(text, { minCorrectionLevel: correction.L });
    // jsQR, the decoder of many web scanners, misplaces version 23's alignment patterns (74 for
    // 78) and cannot read it: such codes go one version up.
    if (code.size === 17 + 4 * 23) code = generate(text, { minCorrectionLevel: correction.L, minVersion: 24 });
  } catch {
    return undefined;
  }
  const n = code.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!code.get(x, y)) continue;
      const start = x;
      while (x + 1 < n && code.get(x + 1, y)) x++;
      d += `M${start + QUIET} ${y + QUIET}h${x - start + 1}v1h${start - x - 1}z`;
    }
  }
  return { size: n + 2 * QUIET, d };
}

/**
 * The code as an inline SVG: dark modules on white whatever the theme (scanners need the
 * contrast), sized by CSS (`--rtc-qr-size`), labelled for screen readers. Undefined: too long.
 */
export function qrCode(text: string, label: string): TemplateResult | undefined {
  const qr = qrPath(text);
  if (!qr) return undefined;
  return html`<svg part="qr" class="qr" role="img" aria-label=${label} viewBox="0 0 ${qr.size} ${qr.size}" shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
    ${svg`<rect width="100%" height="100%" fill="#fff"/><path fill="#000" d=${qr.d}/>`}
  </svg>`;
}
