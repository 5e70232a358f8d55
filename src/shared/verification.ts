import { Sha256 } from './sha256.js';

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
 * The code for a connection, from the local and remote descriptions: 15 digits in three groups
 * (about 50 bits; both sides sort the two fingerprints, so they compute the same code).
 * Returns undefined when either SDP has no fingerprint.
 */
export function verificationCode(localSdp: string | undefined, remoteSdp: string | undefined): string | undefined {
  const local = fingerprints(localSdp ?? '');
  const remote = fingerprints(remoteSdp ?? '');
  if (!local.length || !remote.length) return undefined;
  const both = [local.join(','), remote.join(',')].sort().join('|');
  const hex = new Sha256().update(new TextEncoder().encode(`rtc-elements-verify-v1|${both}`)).hex();
  // 56 bits -> 15 decimal digits (reduction bias is negligible at this size)
  const value = BigInt(`0x${hex.slice(0, 14)}`) % 1_000_000_000_000_000n;
  const digits = value.toString().padStart(15, '0');
  return `${digits.slice(0, 5)} ${digits.slice(5, 10)} ${digits.slice(10)}`;
}

/** The code of a live RTCPeerConnection, once both descriptions are set. */
export function connectionCode(pc: RTCPeerConnection | undefined): string | undefined {
  return pc ? verificationCode(pc.localDescription?.sdp, pc.remoteDescription?.sdp) : undefined;
}
