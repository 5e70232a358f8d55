/** What a file transfer looks like to the element, its events and its file cards (file-view.ts). */
export type TransferDirection = 'send' | 'receive';
/**
 * `offered`: sent, waiting for the receiver's answer; received, waiting for the user's consent
 * (over `confirm-file-size`: `acceptFile()` / `declineFile()`; smaller ones are accepted at once).
 */
export type TransferStatus = 'offered' | 'transferring' | 'verifying' | 'done' | 'cancelled' | 'failed';

/** A file transfer as the element shows it and as events describe it. */
export interface FileTransfer {
  id: string;
  peer: string;
  direction: TransferDirection;
  /** Sanitized file name. */
  name: string;
  size: number;
  /** The declared MIME type (validated, not trusted). */
  type: string;
  bytes: number;
  status: TransferStatus;
  /** Bytes per second since the transfer started. */
  speed: number;
  startedAt: number;
  /** Received and verified (or sent) file. */
  blob?: Blob;
  /** Object URL of `blob` for the download link; revoked when the entry leaves the history. */
  url?: string;
  /** Why it was cancelled or failed. */
  reason?: string;
}
