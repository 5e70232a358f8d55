/**
 * Deep-copies a received JSON value into fresh objects whose prototype-ish keys are dropped,
 * so page code that merges it (Object.assign, spread into defaults) cannot be polluted.
 */
export function sanitizeValue(value: unknown, depth = 0): unknown {
  if (depth > 64) return null;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map((v) => sanitizeValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = sanitizeValue((value as Record<string, unknown>)[key], depth + 1);
  }
  return out;
}
