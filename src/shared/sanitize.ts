const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A received JSON value without prototype-ish keys (dropped at any depth, deeper than 64 levels
 * cut to null), so page code that merges it (Object.assign, spread into defaults) cannot be
 * polluted. A value with nothing to drop (nearly every message) is returned as it is: checking
 * costs no allocation, copying every message did.
 */
export function sanitizeValue(value: unknown): unknown {
  return isClean(value, 0) ? value : copyClean(value, 0);
}

/** True if copyClean() would return an equal value: plain objects and arrays, no forbidden key, not too deep. */
function isClean(value: unknown, depth: number): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value !== 'object') return true;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!isClean(item, depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN.has(key) || !isClean((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

function copyClean(value: unknown, depth: number): unknown {
  if (depth > 64) return null;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map((v) => copyClean(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (FORBIDDEN.has(key)) continue;
    out[key] = copyClean((value as Record<string, unknown>)[key], depth + 1);
  }
  return out;
}
