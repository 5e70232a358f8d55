/** Both elements ping rtc-elements peers this often over their data channels... */
export const HEARTBEAT_MS = 1000;
/** ...and treat a peer silent for this long as gone (closed tab, dead network), even if PeerJS says nothing. */
export const HEARTBEAT_TIMEOUT_MS = 5000;
