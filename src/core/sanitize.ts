/**
 * A received JSON value without prototype-ish keys (dropped at any depth, deeper than 64 levels
 * cut to null), so page code that merges it (Object.assign, spread into defaults) cannot be
 * polluted. Copy on write: only the objects and arrays on the way to something dropped are
 * copied, so a value with nothing to drop (nearly every message) is returned as it is.
 */
export function sanitizeValue(value: unknown, depth = 0): unknown {
  if (depth > 64) return null;
  if (value === null || typeof value !== 'object' || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return value;
  const record = value as Record<string, unknown>;
  // Anything but a plain object or array is copied into one, as JSON would give.
  let copy: Record<string, unknown> | undefined = Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype ? undefined : {};
  const keys = Object.keys(record);
  keys.forEach((key, index) => {
    const forbidden = key === '__proto__' || key === 'constructor' || key === 'prototype';
    const clean = forbidden ? undefined : sanitizeValue(record[key], depth + 1);
    if (!copy && !forbidden && clean === record[key]) return;
    // First change: take over the keys before this one unchanged.
    copy ??= Array.isArray(value)
      ? (value.slice(0, index) as unknown as Record<string, unknown>)
      : Object.fromEntries(keys.slice(0, index).map((k) => [k, record[k]]));
    if (!forbidden) copy[key] = clean;
  });
  return copy ?? value;
}
