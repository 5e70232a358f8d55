/**
 * How a file entry in the chat history looks: its card (name, size, preview, progress, consent
 * buttons, download link, outcome) and the in-place progress update. Loaded with the file
 * transfer code (file-transfer.ts re-exports it), because a file entry only exists once that code
 * ran: pages that never see a file download neither.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { format } from '../core/strings.js';
import type { ChatStrings } from '../core/strings-chat.js';
import { isPreviewable } from './chat-protocol.js';
import type { FileTransfer } from './file-types.js';
import type { ChatView } from './chat-view.js';
import { RtcFileProgressEvent } from './rtc-chat.events.js';

/** What a file card's buttons do. */
export interface FileActions {
  cancel(file: FileTransfer): void;
  accept(file: FileTransfer): void;
  decline(file: FileTransfer): void;
}

export function filePercent(file: FileTransfer): number {
  return file.size ? Math.round((file.bytes / file.size) * 100) : 100;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

function fileFoot(file: FileTransfer, t: ChatStrings): string {
  return file.status === 'offered' ? t.fileWaiting : `${filePercent(file)}% · ${formatBytes(file.bytes)} · ${formatBytes(file.speed)}/s`;
}

export function renderFile(file: FileTransfer, t: ChatStrings, actions: FileActions): TemplateResult {
  const percent = filePercent(file);
  const consent = file.direction === 'receive' && file.status === 'offered';
  const running = !consent && (file.status === 'offered' || file.status === 'transferring' || file.status === 'verifying');
  const showPreview = file.status === 'done' && isPreviewable(file.type) && file.url;
  return html`
    <div part="file" class="file file--${file.status}" data-id=${file.id} data-peer=${file.peer}>
      <div class="file-head">
        <span part="file-name" class="file-name">${file.name}</span>
        <span class="file-size">${formatBytes(file.size)}</span>
      </div>
      ${showPreview ? html`<img part="file-preview" class="file-preview" src=${file.url!} alt=${format(t.filePreview, { name: file.name })}>` : nothing}
      ${
        running
          ? html`
        <progress part="file-progress" max="100" .value=${percent} aria-label=${format(t.fileProgress, { name: file.name })}></progress>
        <div class="file-foot">
          <span>${fileFoot(file, t)}</span>
          <button part="file-cancel" class="file-cancel" type="button" @click=${() => actions.cancel(file)}
            aria-label=${format(t.fileCancel, { name: file.name })}>${t.cancel}</button>
        </div>`
          : nothing
      }
      ${
        consent
          ? html`
        <div class="file-foot">
          <span>${t.fileConfirm}</span>
          <button part="file-accept" class="file-accept" type="button" @click=${() => actions.accept(file)}
            aria-label=${format(t.fileAcceptLabel, { name: file.name })}>${t.fileAccept}</button>
          <button part="file-decline" class="file-cancel" type="button" @click=${() => actions.decline(file)}
            aria-label=${format(t.fileDeclineLabel, { name: file.name })}>${t.fileDecline}</button>
        </div>`
          : nothing
      }
      ${
        file.status === 'done' && file.direction === 'receive' && file.url
          ? html`
        <a part="file-link" class="file-link" href=${file.url} download=${file.name} rel="noopener">${format(t.fileDownload, { name: file.name })}</a>`
          : nothing
      }
      ${file.status === 'done' && file.direction === 'send' ? html`<span class="file-state">${t.fileSent}</span>` : nothing}
      ${file.status === 'cancelled' || file.status === 'failed' ? html`<span class="file-state file-state--bad">${file.status === 'cancelled' ? t.fileCancelled : t.fileFailed}${file.reason ? `: ${file.reason}` : ''}</span>` : nothing}
    </div>`;
}

/**
 * A running transfer's new byte count, drawn into its card under `root` without a Lit update:
 * the progress bar's value and the text node Lit rendered (its data, never the span's children).
 */
export function showProgress(root: ParentNode, shown: FileTransfer, t: ChatStrings): void {
  for (const node of root.querySelectorAll<HTMLElement>('.file--transferring')) {
    if (node.dataset.id !== shown.id || node.dataset.peer !== shown.peer) continue;
    const bar = node.querySelector('progress');
    if (bar) bar.value = filePercent(shown);
    const text = [...(node.querySelector('.file-foot > span')?.childNodes ?? [])].find((n): n is Text => n.nodeType === Node.TEXT_NODE);
    if (text) text.data = fileFoot(shown, t);
  }
}

/** The element's side that file entries live in. */
export interface FileEntryHost {
  readonly view: ChatView;
  /** Own peer id (the sender of own files). */
  readonly self: string;
  /** `max-messages`. */
  readonly max: number;
  readonly root: ParentNode;
  readonly t: ChatStrings;
  fire(event: Event): void;
}

/** Adds a history entry for a transfer (an accepted offer, or an own file being sent). */
export function addFileEntry(host: FileEntryHost, transfer: FileTransfer): void {
  const send = transfer.direction === 'send';
  host.view.append(
    {
      id: transfer.id,
      from: send ? host.self : transfer.peer,
      data: null,
      time: Date.now(),
      self: send,
      file: { ...transfer },
      ...(send ? { to: [transfer.peer] } : {}),
    },
    host.max,
  );
}

/** A transfer changed: its entry follows (progress in place, without a Lit update), and `rtc-file-progress` fires. */
export function fileUpdated(host: FileEntryHost, transfer: FileTransfer): void {
  // Own images get a preview too; the URL lives as long as the history entry.
  if (transfer.direction === 'send' && transfer.status === 'done' && !transfer.url && transfer.blob && isPreviewable(transfer.type)) {
    transfer.url = URL.createObjectURL(transfer.blob);
  }
  const history = host.view.history;
  const index = history.findIndex((m) => m.file && m.file.id === transfer.id && m.file.peer === transfer.peer);
  const shown = history[index]?.file;
  if (!shown) {
    if (transfer.direction === 'send') addFileEntry(host, transfer);
  } else if (transfer.status === 'transferring' && shown.status === 'transferring') {
    // Only bytes and speed changed: no new messages array.
    shown.bytes = transfer.bytes;
    shown.speed = transfer.speed;
    showProgress(host.root, shown, host.t);
  } else {
    history[index] = { ...history[index], file: { ...transfer } };
    host.view.changed();
  }
  if (transfer.status === 'transferring' || transfer.status === 'verifying' || transfer.status === 'done') {
    host.fire(new RtcFileProgressEvent({ id: transfer.id, peer: transfer.peer, direction: transfer.direction, bytes: transfer.bytes, total: transfer.size }));
  }
}
