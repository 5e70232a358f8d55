/**
 * A short safety code both ends of one WebRTC connection can compare out of band (read it aloud,
 * compare screens). It is derived from the two DTLS certificate fingerprints in the SDP, which
 * are what actually encrypts the connection: a broker that swapped the signaling to sit in the
 * middle would leave the two users with different codes.
 */
const FINGERPRINT = /^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/gm;

/** All fingerprints of one SDP, normalized ("sha-256 AB:CD:…"), deduplicated and sorted. */
export function fingerprints(sdp: string): string[] {
  const found = new Set<string>();
  for (const match of sdp.matchAll(FINGERPRINT)) found.add(`${match[1].toLowerCase()} ${match[2].toUpperCase()}`);
  return [...found].sort();
}

/**
 * SHA-256 in hex: WebCrypto where the page is a secure context, else (plain http on a LAN) the
 * JavaScript implementation, loaded on first use so pages that have WebCrypto never download it.
 */
async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  if (globalThis.crypto?.subtle) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  const { Sha256 } = await import('./sha256.js');
  return new Sha256().update(bytes).hex();
}

/**
 * The code for a connection, from the local and remote descriptions: 15 digits in three groups
 * (about 50 bits; both sides sort the two fingerprints, so they compute the same code).
 * Resolves to undefined when either SDP has no fingerprint.
 */
export async function verificationCode(localSdp: string | undefined, remoteSdp: string | undefined): Promise<string | undefined> {
  const local = fingerprints(localSdp ?? '');
  const remote = fingerprints(remoteSdp ?? '');
  if (!local.length || !remote.length) return undefined;
  const both = [local.join(','), remote.join(',')].sort().join('|');
  const hex = await sha256Hex(new TextEncoder().encode(`rtc-elements-verify-v1|${both}`));
  // 56 bits -> 15 decimal digits (reduction bias is negligible at this size)
  const value = BigInt(`0x${hex.slice(0, 14)}`) % 1_000_000_000_000_000n;
  const digits = value.toString().padStart(15, '0');
  return `${digits.slice(0, 5)} ${digits.slice(5, 10)} ${digits.slice(10)}`;
}

/** The code of a live RTCPeerConnection, once both descriptions are set; never rejects. */
export async function connectionCode(pc: RTCPeerConnection | undefined): Promise<string | undefined> {
  try {
    // Firefox throws InvalidStateError from the descriptions of a connection closing meanwhile.
    return pc && (await verificationCode(pc.localDescription?.sdp, pc.remoteDescription?.sdp));
  } catch {
    return undefined;
  }
}
