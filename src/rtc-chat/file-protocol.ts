/**
 * The file transfer part of <rtc-chat>'s wire format, checked where it is used: only the file
 * transfer code (a chunk loaded on first use) imports this, so a chat that never sees a file does
 * not load it. classify() (chat-protocol.ts) has already checked a file-* envelope's type and id.
 */
import { MAX_FILE_NAME, MAX_MIME } from './chat-limits.js';
import { isPreviewable, type FileControlEnvelope, type FileEndEnvelope, type FileOfferEnvelope, type ReceivedFileEnvelope } from './chat-protocol.js';

export type CheckedFileEnvelope = FileOfferEnvelope | FileControlEnvelope | FileEndEnvelope;

/** The envelope with every field checked and cleaned, or why it is invalid. Never trusts the sender. */
export function checkFileEnvelope(received: ReceivedFileEnvelope): CheckedFileEnvelope | { invalid: string } {
  const { t, id, fields } = received;
  switch (t) {
    case 'file-offer': {
      const size = fields.size;
      if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return { invalid: 'file-offer field "size" is not a whole number of bytes' };
      if (fields.name !== undefined && !(typeof fields.name === 'string' && fields.name.length <= MAX_FILE_NAME))
        return { invalid: `file-offer field "name" is not a string of at most ${MAX_FILE_NAME} characters` };
      if (fields.mime !== undefined && !(typeof fields.mime === 'string' && fields.mime.length <= MAX_MIME))
        return { invalid: `file-offer field "mime" is not a string of at most ${MAX_MIME} characters` };
      const name = sanitizeFileName(typeof fields.name === 'string' ? fields.name : '');
      return { $rtc: 1, t, id, name, size, mime: safeMime(fields.mime) };
    }
    case 'file-end':
      if (typeof fields.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(fields.sha256)) return { invalid: 'file-end field "sha256" is not a SHA-256 in hex' };
      return { $rtc: 1, t, id, sha256: fields.sha256 };
    default: {
      const reason = typeof fields.reason === 'string' ? fields.reason.replace(CONTROL_CHARS, '').slice(0, 200) : undefined;
      return { $rtc: 1, t, id, ...(reason ? { reason } : {}) };
    }
  }
}

// C0/C1 controls and bidi overrides (which can disguise "gpj.exe" as "exe.jpg").
// eslint-disable-next-line no-control-regex -- control and bidi characters are what this strips from file names
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes a remote file name safe to show and to offer as a download name: no folders, no control
 * or bidi characters, no characters Windows forbids, no leading dots, at most 200 characters.
 */
export function sanitizeFileName(raw: string): string {
  let name = raw.replace(CONTROL_CHARS, '');
  name = name.split(/[\\/]/).pop() ?? '';
  name = name
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (name.length > 200) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name = name.slice(0, 200 - ext.length) + ext;
  }
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(name)) name = `_${name}`;
  return name || 'file';
}

/** A remote MIME type, if it looks like one; else application/octet-stream. */
export function safeMime(raw: unknown): string {
  if (typeof raw !== 'string') return 'application/octet-stream';
  const mime = raw.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,127}$/.test(mime) ? mime : 'application/octet-stream';
}

/** The type a received file's Blob gets: previewable raster images keep theirs, everything else is octet-stream. */
export function blobTypeFor(mime: string): string {
  return isPreviewable(mime) ? mime : 'application/octet-stream';
}
