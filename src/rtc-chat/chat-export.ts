/**
 * <rtc-chat>'s `exportHistory()` (loaded on first use): the history as JSON (everything but file
 * bytes) or as a readable text file, one line per message.
 */
import type { ChatMessage } from './rtc-chat.events.js';

/** The JSON export's format version. */
export const EXPORT_VERSION = 1;

export interface ExportedMessage {
  id: string;
  from: string;
  to?: string[];
  time: number;
  self: boolean;
  status?: string;
  /** Text or JSON value; binary data becomes `{ binary: byteLength }`. */
  data: unknown;
  /** File transfers: what was sent, never the bytes. */
  file?: { name: string; size: number; type: string; status: string };
}

const isBinary = (data: unknown): data is ArrayBuffer | ArrayBufferView => data instanceof ArrayBuffer || ArrayBuffer.isView(data);

function entry(m: ChatMessage): ExportedMessage {
  const out: ExportedMessage = { id: m.id, from: m.from, time: m.time, self: m.self, data: isBinary(m.data) ? { binary: m.data.byteLength } : m.data };
  if (m.to) out.to = [...m.to];
  if (m.status) out.status = m.status;
  if (m.file) out.file = { name: m.file.name, size: m.file.size, type: m.file.type, status: m.file.status };
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date and time as "2026-12-03 14:05" (sorts, and reads the same in any language). */
function stamp(time: number): string {
  const d = new Date(time);
  if (!Number.isFinite(d.getTime())) return '????-??-?? ??:??';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function body(m: ChatMessage): string {
  if (m.file) return `[file: ${m.file.name}, ${m.file.size} bytes]`;
  if (typeof m.data === 'string') return m.data;
  if (isBinary(m.data)) return `[binary data, ${m.data.byteLength} bytes]`;
  try {
    return JSON.stringify(m.data) ?? String(m.data);
  } catch {
    return String(m.data);
  }
}

/** `history` as a file: JSON (`format` 'json') or one line per message ('text'; later lines of a message indented). */
export function exportHistory(history: readonly ChatMessage[], own: string, format: 'json' | 'text'): Blob {
  if (format === 'text') {
    const lines = history.map((m) => `[${stamp(m.time)}] ${m.self ? `${m.from || 'me'} (me)` : m.from}: ${body(m).replace(/\r\n?|\n/g, '\n    ')}`);
    return new Blob([lines.join('\n') + (lines.length ? '\n' : '')], { type: 'text/plain;charset=utf-8' });
  }
  const json = { version: EXPORT_VERSION, id: own, exported: new Date().toISOString(), messages: history.map(entry) };
  return new Blob([JSON.stringify(json, null, 2)], { type: 'application/json' });
}

/** "chat-<peer>-<date>.<ext>", the peer id reduced to characters safe in any file system. */
export function fileName(peer: string, ext: string): string {
  const safe =
    peer
      .replace(/[^\w-]+/g, '_')
      .replace(/^[_-]+|[_-]+$/g, '')
      .slice(0, 64) || 'history';
  const d = new Date();
  return `chat-${safe}-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.${ext}`;
}

/** Saves `blob` as `name` through a temporary download link. */
export function download(root: Node, blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.hidden = true;
  (root instanceof ShadowRoot ? root : document.body).append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
