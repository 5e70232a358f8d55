import { lazyModule } from '../core/lazy.js';

/**
 * The no-broker signaling (signaling="local" / "manual") loads on first use. PeerJS creates its
 * server socket in the Peer constructor, so the PeerController loads the module before it asks
 * the registry for such a session (see `signalingReady`).
 */
export const loadLocalSignaling = lazyModule(() => import('./local-signaling.js'));
export const loadManualSignaling = lazyModule(() => import('./manual-pairing.js'));

/** Undefined when sessions with this signaling can be created now; else a promise for when they can. */
export function signalingReady(signaling: 'broker' | 'local' | 'manual' | undefined): Promise<void> | undefined {
  if (signaling === 'local' && !loadLocalSignaling.loaded) return loadLocalSignaling().then(() => undefined);
  if (signaling === 'manual' && !loadManualSignaling.loaded) return loadManualSignaling().then(() => undefined);
  return undefined;
}
