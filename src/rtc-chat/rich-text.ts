/**
 * The chat's formatting subset as pure data: text → tokens, no DOM. `**bold**`, `*italic*` and
 * `_italic_`, `` `code` ``, fenced ``` code blocks ``` (an optional language word on the opening
 * line becomes a label) and autolinked http:// and https:// URLs; nothing else. Received text is
 * hostile: every step is a forward scan (indexOf and binary searches over precomputed marker
 * positions, no backtracking regex), so a 64 KiB adversarial message takes linear-ish time, and a
 * message yields at most MAX_TOKENS tokens and MAX_LINKS links (the rest stays plain text).
 */

export type RichToken =
  | { type: 'text'; text: string }
  | { type: 'bold' | 'italic'; children: RichToken[] }
  | { type: 'code'; text: string }
  | { type: 'block'; text: string; lang?: string }
  | { type: 'link'; text: string; href: string };

/** Tokens per message; past it the rest of the message is one text token. */
export const MAX_TOKENS = 400;
/** Links per message; past it URLs stay text. */
export const MAX_LINKS = 40;
/** Bold inside italic inside bold is as deep as it goes. */
const MAX_DEPTH = 3;

interface Budget {
  tokens: number;
  links: number;
}

/** `raw` as an http(s) URL string (built by the URL parser, so what is linked is what it parsed), else undefined. */
export function safeHref(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function tokenize(text: string): RichToken[] {
  const out: RichToken[] = [];
  const budget: Budget = { tokens: MAX_TOKENS, links: MAX_LINKS };
  // Fenced blocks first: nothing inside them is formatted.
  let at = 0;
  while (at < text.length) {
    const open = budget.tokens > 2 ? text.indexOf('```', at) : -1;
    const close = open < 0 ? -1 : text.indexOf('```', open + 3);
    if (close < 0) break;
    spans(text.slice(at, open), out, budget);
    let body = text.slice(open + 3, close);
    const lang = /^([\w+#.-]{1,20})\n/.exec(body);
    body = lang ? body.slice(lang[0].length) : body.replace(/^\n/, '');
    push(out, budget, { type: 'block', text: body.replace(/\n$/, ''), ...(lang ? { lang: lang[1] } : {}) });
    at = close + 3;
  }
  spans(text.slice(at), out, budget);
  return out;
}

/** Inline code, then links, then emphasis. */
function spans(text: string, out: RichToken[], budget: Budget): void {
  let at = 0;
  while (at < text.length) {
    const open = budget.tokens > 2 ? text.indexOf('`', at) : -1;
    const close = open < 0 ? -1 : text.indexOf('`', open + 1);
    if (close < 0) break;
    if (close === open + 1) {
      // `` is no code span: keep both backticks as text.
      links(text.slice(at, close + 1), out, budget);
    } else {
      links(text.slice(at, open), out, budget);
      push(out, budget, { type: 'code', text: text.slice(open + 1, close) });
    }
    at = close + 1;
  }
  links(text.slice(at), out, budget);
}

const URL_START = /https?:\/\//gi;
/** Where a URL ends: whitespace, quotes and angle brackets never belong to one. */
const URL_STOP = /[\s<>"'`]/;
/** Punctuation that ends a sentence rather than the URL. */
const TRAILING = /[.,;:!?*_]/;

function links(text: string, out: RichToken[], budget: Budget): void {
  let at = 0;
  URL_START.lastIndex = 0;
  for (let m = URL_START.exec(text); m && budget.links > 0 && budget.tokens > 2; m = URL_START.exec(text)) {
    const start = m.index;
    // A scheme glued to a word ("xhttp://") is not a link start.
    if (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1])) continue;
    let end = start + m[0].length;
    while (end < text.length && !URL_STOP.test(text[end])) end++;
    end = trimUrl(text, start + m[0].length, end);
    const href = end > start + m[0].length ? safeHref(text.slice(start, end)) : undefined;
    URL_START.lastIndex = Math.max(end, start + 1);
    if (!href) continue;
    emphasis(text.slice(at, start), out, budget, 0);
    push(out, budget, { type: 'link', text: text.slice(start, end), href });
    budget.links--;
    at = end;
  }
  emphasis(text.slice(at), out, budget, 0);
}

/** Drops trailing punctuation, and closing brackets that have no opening one inside the URL (counted once: linear). */
function trimUrl(text: string, min: number, end: number): number {
  const balance: Record<string, number> = { ')': 0, ']': 0, '}': 0 };
  for (let i = min; i < end; i++) {
    const c = text[i];
    if (c in balance) balance[c]--;
    else if (c === '(' || c === '[' || c === '{') balance[c === '(' ? ')' : c === '[' ? ']' : '}']++;
  }
  while (end > min) {
    const c = text[end - 1];
    if (TRAILING.test(c)) end--;
    else if (c in balance && balance[c] < 0) {
      balance[c]++;
      end--;
    } else break;
  }
  return end;
}

const SPACE = /\s/;
const WORD = /[\p{L}\p{N}]/u;
const MARKER = /[*_]/g;

/** Sorted positions of `*` and `_` in `text`. */
function markers(text: string): number[] {
  const found: number[] = [];
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) found.push(m.index);
  return found;
}

/** The first of the sorted `list` that is >= `from` (binary search), or -1. */
function firstFrom(list: number[], from: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length ? list[lo] : -1;
}

/**
 * `**bold**`, `*italic*`, `_italic_`. An opening marker is followed by a non-space, a closing one
 * preceded by one; `_` only at word edges (snake_case stays as it is). Closers are found by binary
 * search over positions computed once per call, so an opener without a closer costs O(log n), and
 * the scan jumps from marker to marker.
 */
function emphasis(text: string, out: RichToken[], budget: Budget, depth: number): void {
  if (!text) return;
  const all = depth < MAX_DEPTH && budget.tokens > 2 ? markers(text) : [];
  if (!all.length) {
    push(out, budget, { type: 'text', text });
    return;
  }
  const n = text.length;
  const ch = (i: number) => (i >= 0 && i < n ? text[i] : '');
  const solid = (i: number) => i >= 0 && i < n && !SPACE.test(text[i]);
  const doubles: number[] = [];
  const singles: number[] = [];
  const unders: number[] = [];
  for (const i of all) {
    if (text[i] === '*') {
      if (ch(i - 1) === '*' || !solid(i - 1)) continue;
      (ch(i + 1) === '*' ? doubles : singles).push(i);
    } else if (solid(i - 1) && !WORD.test(ch(i + 1)) && ch(i + 1) !== '_') unders.push(i);
  }
  let from = 0;
  let next = 0;
  while (next < all.length) {
    const i = all[next];
    if (i < from) {
      next++;
      continue;
    }
    const c = text[i];
    let kind: 'bold' | 'italic' | undefined;
    let close = -1;
    let width = 1;
    if (c === '*' && ch(i + 1) === '*' && ch(i + 2) !== '*' && ch(i - 1) !== '*' && solid(i + 2)) {
      close = firstFrom(doubles, i + 3);
      kind = 'bold';
      width = 2;
    } else if (c === '*' && ch(i + 1) !== '*' && ch(i - 1) !== '*' && solid(i + 1)) {
      close = firstFrom(singles, i + 2);
      kind = 'italic';
    } else if (c === '_' && !WORD.test(ch(i - 1)) && ch(i - 1) !== '_' && ch(i + 1) !== '_' && solid(i + 1)) {
      close = firstFrom(unders, i + 2);
      kind = 'italic';
    }
    next++;
    if (!kind || close < 0 || budget.tokens <= 2) continue;
    if (i > from) push(out, budget, { type: 'text', text: text.slice(from, i) });
    const children: RichToken[] = [];
    push(out, budget, { type: kind, children });
    emphasis(text.slice(i + width, close), children, budget, depth + 1);
    from = close + width;
  }
  if (from < n) push(out, budget, { type: 'text', text: text.slice(from) });
}

/** Adds `token`; the last token of the budget takes the text as plain text instead. */
function push(out: RichToken[], budget: Budget, token: RichToken): void {
  budget.tokens--;
  const last = out[out.length - 1];
  if (token.type === 'text' && last?.type === 'text') last.text += token.text;
  else out.push(token);
}

/** The text a token list stands for, without markers (tests; search highlights work on it). */
export function plainText(tokens: RichToken[]): string {
  return tokens.map((t) => ('children' in t ? plainText(t.children) : t.text)).join('');
}
