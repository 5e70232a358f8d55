import { lazy } from '../shared/lazy.js';
import type * as LocalModule from './local-signaling.js';
import type * as ManualModule from './manual-pairing.js';

/**
 * The no-broker signaling (signaling="local" / "manual") loads on first use. PeerJS creates its
 * server socket in the Peer constructor, so the PeerController loads the module before it asks
 * the registry for such a session (see `signalingReady`).
 */
export let localSignaling: typeof LocalModule | undefined;
export let manualSignaling: typeof ManualModule | undefined;

const loadLocal = lazy(() => import('./local-signaling.js').then((module) => { localSignaling = module; }));
const loadManual = lazy(() => import('./manual-pairing.js').then((module) => { manualSignaling = module; }));

/** Undefined when sessions with this signaling can be created now; else a promise for when they can. */
export function signalingReady(signaling: 'broker' | 'local' | 'manual' | undefined): Promise<void> | undefined {
  if (signaling === 'local' && !localSignaling) return loadLocal();
  if (signaling === 'manual' && !manualSignaling) return loadManual();
  return undefined;
}
