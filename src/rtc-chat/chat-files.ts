/**
 * <rtc-chat>'s file UI: files from the user (picker, paste, drop), the file cards in the history
 * and their buttons, and the consent calls behind `acceptFile()` / `declineFile()` /
 * `cancelFile()`. The transfers themselves are FileTransfers' (file-transfers.ts).
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { RtcErrorType } from '../core/errors.js';
import type { ChatStrings } from '../core/strings-chat.js';
import type { FileTransfer, TransferHost } from './file-transfer.js';
import { FileTransfers } from './file-transfers.js';
import type { FileActions, FileEntryHost } from './file-view.js';
import { DEFAULT_CONFIRM_FILE_SIZE, DEFAULT_MAX_FILE_SIZE } from './chat-limits.js';
import { RtcFileCancelEvent, RtcFileEvent, RtcFileOfferEvent } from './rtc-chat.events.js';

/** The element's public side that the file UI reads and drives. */
export interface FilesElement extends ReactiveControllerHost, HTMLElement {
  readonly noFiles: boolean;
  readonly maxFileSize: number;
  readonly confirmFileSize: number;
  readonly renderRoot: HTMLElement | DocumentFragment;
  sendFile(file: Blob): Promise<unknown>;
}

/** What the transfers need of the element besides its public side. */
export interface FilesHooks extends Pick<TransferHost, 'sendControl' | 'openFileChannel'> {
  /** Where file entries go in the history. */
  entries(): FileEntryHost;
  /** A peer's bad file traffic (reported at most once a second, like its other bad traffic). */
  problem(message: string, peer: string): void;
  error(type: RtcErrorType, message: string, peer?: string): void;
  loadFailed(error: unknown): void;
}

/** A size attribute's value, or its default when it is not a usable number. */
const size = (value: number, fallback: number): number => (Number.isFinite(value) && value >= 0 ? value : fallback);

export class ChatFiles {
  /** Files are dragged over the element: the drop zone shows. */
  dragging = false;
  /** The file cards are being fetched for an entry that came before any transfer (see render). */
  private viewLoading = false;

  /** File transfers in both directions (the element's `fileTransfers`). */
  readonly transfers: FileTransfers;

  constructor(
    private readonly el: FilesElement,
    private readonly hooks: FilesHooks,
  ) {
    this.transfers = new FileTransfers({
      sendControl: hooks.sendControl,
      openFileChannel: hooks.openFileChannel,
      maxFileSize: () => size(el.maxFileSize, DEFAULT_MAX_FILE_SIZE),
      confirmFileSize: () => size(el.confirmFileSize, DEFAULT_CONFIRM_FILE_SIZE),
      offer: (t, confirm) => {
        const accepted = el.dispatchEvent(new RtcFileOfferEvent({ id: t.id, from: t.peer, name: t.name, size: t.size, type: t.type, confirm }));
        if (accepted) this.transfers.view?.addFileEntry(hooks.entries(), t);
        return accepted;
      },
      update: (t) => this.transfers.view?.fileUpdated(hooks.entries(), t),
      received: (t) => {
        el.dispatchEvent(new RtcFileEvent({ id: t.id, from: t.peer, name: t.name, type: t.type, size: t.size, blob: t.blob! }));
      },
      cancelled: (t, by) => {
        el.dispatchEvent(new RtcFileCancelEvent({ id: t.id, peer: t.peer, direction: t.direction, by, reason: t.reason ?? 'cancelled' }));
      },
      error: (error, peer) => (error.type === 'invalid-data' ? hooks.problem(error.message, peer) : hooks.error(error.type, error.message, peer)),
    });
  }

  /** Cancels the transfers (either direction) with this id; `peer` narrows it when several match. */
  cancel(id: string, peer?: string): boolean {
    let any = false;
    for (const transfer of this.transfers.active) {
      if (transfer.id === id && (!peer || transfer.peer === peer)) any = this.transfers.cancel(transfer.peer, id) || any;
    }
    return any;
  }

  /** Accepts the incoming files with this id that wait for consent. */
  accept(id: string, peer?: string): boolean {
    return this.awaitingConsent(id, peer).reduce((any, t) => this.transfers.accept(t.peer, t.id) || any, false);
  }

  /** Declines them: the sender's `sendFile()` rejects with `file-refused`. */
  decline(id: string, peer?: string): boolean {
    return this.awaitingConsent(id, peer).reduce((any, t) => this.transfers.decline(t.peer, t.id) || any, false);
  }

  private awaitingConsent(id: string, peer: string | undefined): FileTransfer[] {
    return this.transfers.active.filter((t) => t.id === id && (!peer || t.peer === peer) && t.direction === 'receive' && t.status === 'offered');
  }

  private readonly actions: FileActions = {
    cancel: (file) => {
      this.transfers.cancel(file.peer, file.id);
    },
    accept: (file) => {
      this.accept(file.id, file.peer);
    },
    decline: (file) => {
      this.decline(file.id, file.peer);
    },
  };

  /** A file entry of the history. */
  render(file: FileTransfer, t: ChatStrings): TemplateResult {
    const view = this.transfers.view;
    if (view) return view.renderFile(file, t, this.actions);
    // An entry from `persist` or `messages` before any transfer loaded the file cards.
    if (!this.viewLoading) {
      this.viewLoading = true;
      this.transfers.loadView().then(() => this.el.requestUpdate(), this.hooks.loadFailed);
    }
    return html`<div part="file" class="file file--${file.status}"><div class="file-head"><span part="file-name" class="file-name">${file.name}</span></div></div>`;
  }

  private sendAll(files: Iterable<File>): void {
    for (const file of files)
      this.el.sendFile(file).catch(() => {
        /* reported via rtc-error / rtc-file-cancel */
      });
  }

  private drag(on: boolean): void {
    if (this.dragging === on) return;
    this.dragging = on;
    this.el.requestUpdate();
  }

  readonly picked = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    if (input.files) this.sendAll([...input.files]);
    input.value = '';
  };

  readonly paste = (event: ClipboardEvent): void => {
    if (this.el.noFiles) return;
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    this.sendAll(files);
  };

  readonly dragOver = (event: DragEvent): void => {
    if (this.el.noFiles || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.drag(true);
  };

  readonly dragLeave = (event: DragEvent): void => {
    if (event.relatedTarget && this.el.renderRoot.contains(event.relatedTarget as Node)) return;
    this.drag(false);
  };

  readonly drop = (event: DragEvent): void => {
    this.drag(false);
    if (this.el.noFiles || !event.dataTransfer?.files.length) return;
    event.preventDefault();
    this.sendAll([...event.dataTransfer.files]);
  };
}
