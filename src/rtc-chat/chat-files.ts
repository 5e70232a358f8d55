/** <rtc-chat>'s file UI: the attach button, pasting and dropping files, and the file cards in the history (file-view.ts once loaded). */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ChatStrings } from '../core/strings-chat.js';
import type { FileTransfer } from './file-transfer.js';
import type { FileTransfers } from './file-transfers.js';

/** The element's public side that the file UI uses. */
export interface FilesHost extends ReactiveControllerHost, HTMLElement {
  readonly noFiles: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly fileTransfers: FileTransfers;
  sendFile(file: Blob): Promise<FileTransfer[]>;
  acceptFile(id: string, peer?: string): boolean;
  declineFile(id: string, peer?: string): boolean;
}

export class ChatFiles {
  /** Files are being dragged over the element. */
  dragging = false;
  /** The file cards are being fetched for an entry that came before any transfer (see render). */
  private viewLoading = false;
  private readonly actions = {
    cancel: (file: FileTransfer) => {
      this.host.fileTransfers.cancel(file.peer, file.id);
    },
    accept: (file: FileTransfer) => {
      this.host.acceptFile(file.id, file.peer);
    },
    decline: (file: FileTransfer) => {
      this.host.declineFile(file.id, file.peer);
    },
  };

  /** `loadFailed`: the file cards could not be loaded. */
  constructor(
    private readonly host: FilesHost,
    private readonly loadFailed: (error: unknown) => void,
  ) {}

  /** A file entry of the history. */
  render(file: FileTransfer, t: ChatStrings): TemplateResult {
    const view = this.host.fileTransfers.view;
    if (view) return view.renderFile(file, t, this.actions);
    // An entry from `persist` or `messages` before any transfer loaded the file cards.
    if (!this.viewLoading) {
      this.viewLoading = true;
      this.host.fileTransfers.loadView().then(() => this.host.requestUpdate(), this.loadFailed);
    }
    return html`<div part="file" class="file file--${file.status}"><div class="file-head"><span part="file-name" class="file-name">${file.name}</span></div></div>`;
  }

  /** The attach button and its hidden file input. */
  renderAttach(t: ChatStrings): TemplateResult {
    return html`
            <input type="file" multiple hidden id="file-input" @change=${this.onPicked}>
            <button part="attach-button" class="attach" type="button" aria-label=${t.attach} title=${t.attach}
              @click=${() => this.host.renderRoot.querySelector<HTMLInputElement>('#file-input')?.click()}>
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z"/></svg>
            </button>`;
  }

  private send(files: Iterable<File>): void {
    for (const file of files)
      this.host.sendFile(file).catch(() => {
        /* reported via rtc-error / rtc-file-cancel */
      });
  }

  private drag(on: boolean): void {
    if (this.dragging === on) return;
    this.dragging = on;
    this.host.requestUpdate();
  }

  readonly onPicked = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    if (input.files) this.send([...input.files]);
    input.value = '';
  };

  readonly onPaste = (event: ClipboardEvent): void => {
    if (this.host.noFiles) return;
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    this.send(files);
  };

  readonly onDragOver = (event: DragEvent): void => {
    if (this.host.noFiles || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.drag(true);
  };

  readonly onDragLeave = (event: DragEvent): void => {
    if (event.relatedTarget && this.host.renderRoot.contains(event.relatedTarget as Node)) return;
    this.drag(false);
  };

  readonly onDrop = (event: DragEvent): void => {
    this.drag(false);
    if (this.host.noFiles || !event.dataTransfer?.files.length) return;
    event.preventDefault();
    this.send([...event.dataTransfer.files]);
  };
}
