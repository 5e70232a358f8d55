/**
 * `remember-devices`: the lobby's device choice in localStorage (per origin). What is read back is
 * hostile until checked: anything but short printable device ids is ignored, and a storage that
 * throws (disabled, sandboxed, full) is treated as empty.
 */
import type { DeviceSelection } from './media.js';

export const STORE_KEY = 'rtc-elements:call-devices';
const KINDS = ['audioInput', 'videoInput', 'audioOutput'] as const;
/** Device ids are short (Chromium: 64 hex digits); a stored value beyond this is not ours. */
const MAX_STORED = 2048;
const DEVICE_ID = /^[\x21-\x7e]{1,256}$/;

/** The stored choice, validated field by field; `{}` when there is none or it is unusable. */
export function readDevices(storage: Pick<Storage, 'getItem'> | undefined = safeStorage()): DeviceSelection {
  const selection: DeviceSelection = {};
  try {
    const raw = storage?.getItem(STORE_KEY);
    if (!raw || raw.length > MAX_STORED) return selection;
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return selection;
    for (const kind of KINDS) {
      const id: unknown = (value as Record<string, unknown>)[kind];
      if (typeof id === 'string' && DEVICE_ID.test(id)) selection[kind] = id;
    }
  } catch {
    // unreadable or not JSON: nothing remembered
  }
  return selection;
}

/** Stores the choice (defaults are left out); a storage that refuses is ignored. */
export function writeDevices(selection: DeviceSelection, storage: Pick<Storage, 'setItem'> | undefined = safeStorage()): void {
  const value: DeviceSelection = {};
  for (const kind of KINDS) {
    const id = selection[kind];
    if (id && DEVICE_ID.test(id)) value[kind] = id;
  }
  try {
    storage?.setItem(STORE_KEY, JSON.stringify(value));
  } catch {
    // quota or disabled storage: the choice is simply not remembered
  }
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
