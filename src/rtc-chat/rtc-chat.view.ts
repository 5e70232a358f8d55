/** Template pieces of <rtc-chat>: the message list, the status line's text, the header's extras, the connect form, the composer. */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { guard } from 'lit/directives/guard.js';
import { format } from '../core/strings.js';
import type { ChatStrings } from '../core/strings-chat.js';
import type { ConnectionStatus } from '../shared/rtc-base-element.js';
import type { FileTransfer } from './file-transfer.js';
import type { ChatMessage } from './rtc-chat.events.js';
import { MAX_ROOM_SIZE } from '../session/room-loader.js';
import type { ChatView } from './chat-view.js';
import type { ChatFiles } from './chat-files.js';
import type { ChatActions } from './chat-actions.js';
import type { TextDrawer } from './chat-rich.js';

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** Hours and minutes in the language of the element's nearest `lang` (one formatter per language). */
export function timeFormatFor(el: Element): Intl.DateTimeFormat {
  const lang = el.closest('[lang]')?.getAttribute('lang') || '';
  let format = timeFormats.get(lang);
  if (!format) timeFormats.set(lang, (format = new Intl.DateTimeFormat(lang || undefined, { hour: '2-digit', minute: '2-digit' })));
  return format;
}

/**
 * Once earlier messages are open, they are drawn in blocks of this many (by lasting position, so a
 * block keeps its messages as more open or arrive): the browser skips layout and paint of blocks
 * out of view, tracking ~100 boxes for it rather than thousands.
 */
const BLOCK = 100;

/** The newest messages, behind a "Show N earlier" button when `hidden` older ones are not drawn. */
export function renderHistory(
  view: ChatView,
  t: ChatStrings,
  timeFormat: Intl.DateTimeFormat,
  renderFile: (file: FileTransfer) => TemplateResult,
  text: TextDrawer,
  acts?: ChatActions,
): TemplateResult {
  const { shown, hidden, long } = view.window();
  const key = (m: ChatMessage) => m.id + (m.self ? ':self' : `:${m.from}`);
  // Messages are immutable objects: guard() skips re-rendering the ones that did not change.
  const list = (ms: ChatMessage[]) =>
    repeat(ms, key, (m) => guard([m, t, timeFormat, text.key(m), acts?.stamp], () => renderMessage(m, t, timeFormat, renderFile, text, acts)));
  const blocks: ChatMessage[][] = [];
  let at = view.dropped + hidden;
  if (long) for (const m of shown) (at++ % BLOCK && blocks.length ? blocks[blocks.length - 1] : blocks[blocks.push([]) - 1]).push(m);
  return html`${hidden ? html`<button part="show-earlier" class="show-earlier" type="button" @click=${() => view.showEarlier()}>${format(t.showEarlier, { count: hidden })}</button>` : nothing}
    ${
      long
        ? repeat(
            blocks,
            (b) => key(b[0]),
            (b) => html`<div class="log block">${list(b)}</div>`,
          )
        : list(shown)
    }`;
}

/** `acts` (chat-actions.ts, once loaded) frames the text: a reply's quote above, "edited", reactions and the actions below. */
function renderMessage(
  m: ChatMessage,
  t: ChatStrings,
  timeFormat: Intl.DateTimeFormat,
  renderFile: (file: FileTransfer) => TemplateResult,
  text: TextDrawer,
  acts?: ChatActions,
) {
  const body = m.file ? renderFile(m.file) : html`<div part="text" class="text">${typeof m.data === 'string' ? text.draw(m) : describe(m.data, t)}</div>`;
  return html`
      <div part="message ${m.self ? 'message-self' : 'message-remote'}" class="message ${m.self ? 'self' : 'remote'}">
        <div class="meta">
          <span part="sender" class="sender">${m.self ? t.you : m.from}</span>
          ${renderTime(m.time, timeFormat)}
          ${m.self && m.status ? html`<span part="delivery" class="delivery delivery--${m.status}">${t[m.status]}</span>` : nothing}
        </div>
        ${acts ? acts.frame(m, body) : body}
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

/** The room's member list in the header, own id first. */
export function renderMembers(t: ChatStrings, room: string, members: string[]): TemplateResult {
  return html`<span part="members" class="members" aria-label=${format(t.roomMembers, { room, count: members.length, max: MAX_ROOM_SIZE })}>
            ${members.map((peer, i) => html`<span part="member" class="member">${i === 0 ? t.you : peer}</span>`)}</span>`;
}

/** The safety code of the connection to `peer` in the header. */
export function renderCode(t: ChatStrings, peer: string, code: string, mark: unknown): TemplateResult {
  return html`<span part="verification" class="verification"
            title=${format(t.safetyCodeHelp, { peer })}>${format(t.safetyCode, { code })} ${mark}</span>`;
}

/** The form to connect to a peer id. */
export function renderConnect(t: ChatStrings, submit: (event: SubmitEvent) => void): TemplateResult {
  return html`
          <form part="connect-form" class="connect" @submit=${submit}>
            <label class="sr-only" for="connect-input">${t.connectLabel}</label>
            <input part="connect-input" id="connect-input" autocomplete="off" spellcheck="false" placeholder=${t.connectPlaceholder}>
            <button part="connect-button" type="submit">${t.connect}</button>
          </form>`;
}

/** Enter sends, Shift+Enter starts a new line (not while an IME composes). */
function submitOnEnter(event: KeyboardEvent): void {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    (event.target as HTMLTextAreaElement).form?.requestSubmit();
  }
}

/** The composer: the attach button (unless `no-files`), the message input and the send button. */
export function renderComposer(
  t: ChatStrings,
  files: ChatFiles | undefined,
  submit: (event: SubmitEvent) => void,
  typing: (text: string) => void,
): TemplateResult {
  return html`
        <form part="composer" class="composer" @submit=${submit}>
          ${
            files
              ? html`
            <input type="file" multiple hidden id="file-input" @change=${files.picked}>
            <button part="attach-button" class="attach" type="button" aria-label=${t.attach} title=${t.attach}
              @click=${(e: Event) => ((e.target as Element).getRootNode() as ShadowRoot).querySelector<HTMLInputElement>('#file-input')?.click()}>
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z"/></svg>
            </button>`
              : nothing
          }
          <label class="sr-only" for="input">${t.inputLabel}</label>
          <textarea part="input" id="input" rows="1" placeholder=${t.inputPlaceholder} @keydown=${submitOnEnter} @paste=${files?.paste}
            @input=${(e: InputEvent) => typing((e.target as HTMLTextAreaElement).value)}></textarea>
          <button part="send-button" type="submit">${t.send}</button>
        </form>`;
}
