/**
 * Draws a message's text (loaded on first use: the first message with a marker character, or the
 * search): the formatting tokens of rich-text.ts as Lit templates (never innerHTML: every piece of
 * received text is a text binding), links that open in a new tab without an opener, code blocks
 * with a copy button, and the search's matches as `<mark part="match">`.
 */
import { css, html, type TemplateResult } from 'lit';
import type { RichStrings } from '../core/strings-rich.js';
import { tokenize, type RichToken } from './rich-text.js';

/** Marks per message: a one-letter search over a 16 KB message would otherwise draw thousands. */
const MAX_MARKS = 200;
/** How long the copy button says "Copied". */
const COPIED_MS = 2000;

export interface DrawOptions {
  t: RichStrings;
  /** Format the text (false: `no-format`, the raw text). */
  format: boolean;
  /** The search's pattern (global); its matches are marked. */
  match?: RegExp;
  /** This message holds the search's current match. */
  current?: boolean;
}

/** `text` drawn: formatted (unless `format` is off) with the search's matches marked. */
export function renderText(text: string, o: DrawOptions): unknown {
  const marks = { left: MAX_MARKS };
  const mark = (s: string) => highlight(s, o, marks);
  return o.format ? tokenize(text).map((token) => node(token, o, mark)) : mark(text);
}

function node(token: RichToken, o: DrawOptions, mark: (s: string) => unknown): unknown {
  switch (token.type) {
    case 'text':
      return mark(token.text);
    case 'bold':
      return html`<strong>${token.children.map((child) => node(child, o, mark))}</strong>`;
    case 'italic':
      return html`<em>${token.children.map((child) => node(child, o, mark))}</em>`;
    case 'code':
      return html`<code part="code">${mark(token.text)}</code>`;
    case 'link':
      return html`<a part="link" href=${token.href} target="_blank" rel="noopener noreferrer">${mark(token.text)}</a>`;
    case 'block':
      return html`<div class="code-block"><div class="code-head"><span class="code-lang">${token.lang ?? ''}</span><button
        part="copy-code" class="copy-code" type="button" @click=${(e: Event) => copy(e, o.t)}><span class="copy-label">${o.t.copyCode}</span><span
        class="copied-label">${o.t.codeCopied}</span></button><span class="copy-status sr-only" role="status"></span></div><pre part="code-block"><code>${mark(token.text)}</code></pre></div>`;
  }
}

function highlight(text: string, o: DrawOptions, marks: { left: number }): unknown {
  const pattern = o.match;
  if (!pattern || marks.left <= 0) return text;
  const parts: Array<string | TemplateResult> = [];
  let at = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m && m[0] && marks.left > 0; m = pattern.exec(text)) {
    marks.left--;
    parts.push(text.slice(at, m.index), html`<mark part=${o.current ? 'match current-match' : 'match'}>${m[0]}</mark>`);
    at = m.index + m[0].length;
  }
  if (!parts.length) return text;
  parts.push(text.slice(at));
  return parts;
}

const copyTimers = new WeakMap<Element, ReturnType<typeof setTimeout>>();

/**
 * Puts a code block's text on the clipboard; where the clipboard API is missing or refused, selects
 * the code instead (the user copies it with the keyboard). Either way announced politely.
 */
async function copy(event: Event, t: RichStrings): Promise<void> {
  const button = event.currentTarget as HTMLButtonElement;
  const block = button.closest('.code-block');
  const code = block?.querySelector('code');
  const status = block?.querySelector('.copy-status');
  if (!code || !status) return;
  let copied = false;
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
    await navigator.clipboard.writeText(code.textContent ?? '');
    copied = true;
  } catch {
    getSelection()?.selectAllChildren(code);
  }
  button.toggleAttribute('data-copied', copied);
  status.textContent = copied ? t.codeCopied : t.copyCodeFallback;
  clearTimeout(copyTimers.get(button));
  copyTimers.set(
    button,
    setTimeout(() => {
      button.removeAttribute('data-copied');
      status.textContent = '';
    }, COPIED_MS),
  );
}

const adopted = new WeakSet<ShadowRoot>();

/** Adds these styles to the element's shadow root (once): they load with this module, not with the chat. */
export function adopt(root: Node): void {
  const sheet = styles.styleSheet;
  if (!(root instanceof ShadowRoot) || adopted.has(root) || !sheet) return;
  adopted.add(root);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

const styles = css`
  .text code { font-family: ui-monospace, monospace; font-size: 0.9em; }
  .text :not(pre) > code {
    padding: 0.05em 0.3em; border-radius: 0.3em; background: color-mix(in srgb, currentColor 13%, transparent);
  }
  .text a { color: inherit; text-decoration: underline; text-underline-offset: 0.15em; }
  .code-block {
    margin: 0.3em 0; border-radius: calc(var(--_radius) * 0.5); overflow: hidden;
    background: color-mix(in srgb, currentColor 10%, transparent);
  }
  .code-head { display: flex; align-items: center; justify-content: space-between; gap: 0.5em; padding: 0.2em 0.4em 0 0.7em; font-size: 0.75em; }
  .code-lang { opacity: 0.8; }
  .copy-code { padding: 0.1em 0.6em; background: transparent; color: inherit; border-color: currentColor; font-weight: 500; }
  .copy-code[data-copied] .copy-label, .copy-code:not([data-copied]) .copied-label { display: none; }
  .code-block pre { margin: 0; padding: 0.4em 0.7em 0.6em; overflow-x: auto; white-space: pre; }
  mark { background: #ffe27a; color: #1b1b1b; border-radius: 0.15em; }
  mark[part~='current-match'] { background: #ff9f43; outline: 2px solid #b35c00; }
  .search-button { margin-inline-start: auto; margin-block: -0.25em; padding: 0.15em 0.45em; display: grid; background: transparent; color: var(--_muted); border-color: var(--_border); }
  .search-button:hover { color: var(--_accent); }
  .search { flex-basis: 100%; min-width: 0; display: flex; flex-wrap: wrap; align-items: center; gap: 0.4em; }
  .search input { flex: 1 1 4em; min-width: 0; padding: 0.3em 0.5em; }
  .search button { padding: 0.3em 0.6em; }
  .search-count { color: var(--_muted); white-space: nowrap; min-width: 3.5em; }
  .search .quiet { background: transparent; color: var(--_text); border-color: var(--_border); }
`;
