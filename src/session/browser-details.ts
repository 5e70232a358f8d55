/**
 * Stands in for `webrtc-adapter` in the script-tag bundle (see rollup.config.mjs). PeerJS reads
 * only `browserDetails` from it, to refuse browsers it does not support; the adapter's shims are
 * for browsers older than the ones these elements need (Chromium 100+, Firefox 115+, Safari 16+).
 * Detection follows the adapter's own rules, so PeerJS decides exactly as it would with it.
 * Leaving the adapter (and the `sdp` parser under it) out saves about 11 KB gzipped.
 */
interface BrowserDetails {
  browser: string;
  version: number | null;
}

function detect(): BrowserDetails {
  if (typeof window === 'undefined' || !window.navigator?.userAgent) return { browser: 'Not a browser.', version: null };
  const nav = window.navigator as Navigator & {
    userAgentData?: { brands?: Array<{ brand: string; version: string }> };
    mozGetUserMedia?: unknown;
    webkitGetUserMedia?: unknown;
  };
  const ua = nav.userAgent;
  const chromium = nav.userAgentData?.brands?.find((b) => b.brand === 'Chromium');
  if (chromium && parseInt(chromium.version, 10) >= 90) return { browser: 'chrome', version: parseInt(chromium.version, 10) };
  const match = (pattern: RegExp, group: number) => {
    const found = ua.match(pattern);
    return found && found.length >= group ? parseInt(found[group] ?? '', 10) || null : null;
  };
  if (nav.mozGetUserMedia) return { browser: 'firefox', version: match(/Firefox\/(\d+)\./, 1) };
  const w = window as Window & { webkitRTCPeerConnection?: unknown };
  if (nav.webkitGetUserMedia || (window.isSecureContext === false && w.webkitRTCPeerConnection)) {
    return { browser: 'chrome', version: match(/Chrom(e|ium)\/(\d+)\./, 2) };
  }
  if (typeof RTCPeerConnection !== 'undefined' && /AppleWebKit\/(\d+)\./.test(ua)) return { browser: 'safari', version: match(/AppleWebKit\/(\d+)\./, 1) };
  return { browser: 'Not a supported browser.', version: null };
}

export default { browserDetails: detect() };
