/**
 * <rtc-chat>'s file UI: files from the user (picker, paste, drop), the file cards in the history
 * and their buttons, and the consent calls behind `acceptFile()` / `declineFile()` /
 * `cancelFile()`. The transfers themselves are FileTransfers' (file-transfers.ts).
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ChatStrings } from '../core/strings-chat.js';
import type { FileTransfer } from './file-transfer.js';
import type { FileTransfers } from './file-transfers.js';
import type { FileActions } from './file-view.js';

/** The element's public side that the file UI reads and drives. */
export interface FilesElement extends ReactiveControllerHost, HTMLElement {
  readonly noFiles: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
  sendFile(file: Blob): Promise<unknown>;
}

export class ChatFiles {
  /** Files are dragged over the element: the drop zone shows. */
  dragging = false;
  /** The file cards are being fetched for an entry that came before any transfer (see render). */
  private viewLoading = false;

  constructor(
    private readonly el: FilesElement,
    private readonly transfers: FileTransfers,
    private readonly loadFailed: (error: unknown) => void,
  ) {}

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
      this.transfers.loadView().then(() => this.el.requestUpdate(), this.loadFailed);
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
