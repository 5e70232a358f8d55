/** Template pieces of <rtc-chat>: the message list and the status line's text. */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { guard } from 'lit/directives/guard.js';
import { format } from '../core/strings.js';
import type { ChatStrings } from '../core/strings-chat.js';
import type { ConnectionStatus } from '../shared/rtc-base-element.js';
import type { FileTransfer } from './file-transfer.js';
import type { ChatMessage } from './rtc-chat.events.js';
import type { ChatView } from './chat-view.js';

/** The newest messages, behind a "Show N earlier" button when `hidden` older ones are not drawn. */
export function renderHistory(
  view: ChatView,
  t: ChatStrings,
  timeFormat: Intl.DateTimeFormat,
  renderFile: (file: FileTransfer) => TemplateResult,
): TemplateResult {
  const { shown, hidden } = view.window();
  return html`${hidden ? html`<button part="show-earlier" class="show-earlier" type="button" @click=${() => view.showEarlier()}>${format(t.showEarlier, { count: hidden })}</button>` : nothing}
    ${repeat(
      shown,
      (m) => m.id + (m.self ? ':self' : `:${m.from}`),
      // Messages are immutable objects: guard() skips re-rendering the ones that did not change.
      (m) => guard([m, t, timeFormat], () => renderMessage(m, t, timeFormat, renderFile)),
    )}`;
}

function renderMessage(m: ChatMessage, t: ChatStrings, timeFormat: Intl.DateTimeFormat, renderFile: (file: FileTransfer) => TemplateResult) {
  return html`
      <div part="message ${m.self ? 'message-self' : 'message-remote'}" class="message ${m.self ? 'self' : 'remote'}">
        <div class="meta">
          <span part="sender" class="sender">${m.self ? t.you : m.from}</span>
          ${renderTime(m.time, timeFormat)}
          ${m.self && m.status ? html`<span part="delivery" class="delivery delivery--${m.status}">${t[m.status]}</span>` : nothing}
        </div>
        ${m.file ? renderFile(m.file) : html`<div part="text" class="text">${describe(m.data, t)}</div>`}
      </div>`;
}

function describe(data: unknown, t: ChatStrings): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return format(t.binaryData, { size: data.byteLength });
  try {
    return JSON.stringify(data) ?? String(data);
  } catch {
    return String(data);
  }
}

/** A message's time; a page may assign any `messages`, so one that is no valid date renders as nothing, never throws. */
function renderTime(time: number, timeFormat: Intl.DateTimeFormat) {
  const date = new Date(time);
  if (!Number.isFinite(date.getTime())) return nothing;
  return html`<time part="time" datetime=${date.toISOString()}>${timeFormat.format(date)}</time>`;
}

/** The status line. `peers`: connected peers; `dialing`: the peer being dialled. */
export function statusText(t: ChatStrings, status: ConnectionStatus, peers: string[], dialing: string, error: string): string {
  switch (status) {
    case 'connected':
      return format(t.statusConnected, { peer: peers.join(', ') });
    case 'dialing':
      return format(t.statusDialing, { peer: dialing });
    case 'reconnecting':
      return t.statusReconnecting;
    case 'error':
      return format(t.statusError, { message: error });
    case 'ready':
      return t.statusReady;
    case 'connecting':
      return t.statusConnecting;
    case 'closed':
      return t.statusClosed;
    default:
      return t.statusIdle;
  }
}
