// The README's framework snippets: fenced code blocks preceded by a `<!-- snippet: NAME -->` line
// (NAME: react, preact, vue, svelte or angular). scripts/examples.mjs writes each into a project
// with that framework's toolchain and type-checks it there (see SNIPPET_TARGETS).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where each framework's snippets are checked: a folder of a project whose own type-check covers it
 * (the examples' `npm run typecheck`; Preact has no example, so the root's test/types with tsc).
 */
export const SNIPPET_TARGETS = {
  react: { dir: 'examples/react/src/snippets', ext: 'tsx', lang: ['tsx', 'jsx'] },
  preact: { dir: 'test/types/snippets', ext: 'tsx', lang: ['tsx', 'jsx'], prefix: '/** @jsxImportSource preact */\n' },
  vue: { dir: 'examples/vue/src/snippets', ext: 'vue', lang: ['vue'] },
  svelte: { dir: 'examples/svelte/src/snippets', ext: 'svelte', lang: ['svelte'] },
  angular: { dir: 'examples/angular/src/snippets', ext: 'ts', lang: ['ts', 'typescript'] },
};

/** Every marked block of `markdown`: { name, lang, code, line }. */
export function readSnippets(markdown) {
  const lines = markdown.split('\n');
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    const mark = /^<!--\s*snippet:\s*([a-z]+)\s*-->\s*$/.exec(lines[i]);
    if (!mark) continue;
    const fence = /^(```+)\s*([\w-]*)/.exec(lines[i + 1] ?? '');
    if (!fence) throw new Error(`README.md:${i + 1}: <!-- snippet: ${mark[1]} --> must be followed by a fenced code block`);
    const end = lines.findIndex((l, j) => j > i + 1 && l.startsWith(fence[1]) && l.trim() === fence[1]);
    if (end < 0) throw new Error(`README.md:${i + 2}: unclosed code block`);
    found.push({ name: mark[1], lang: fence[2], code: `${lines.slice(i + 2, end).join('\n')}\n`, line: i + 3 });
    i = end;
  }
  return found;
}

/**
 * The same code with its first `.detail.<field>` access renamed to a field no event has: the check
 * of a snippet edited like this must fail (scripts/examples.mjs --mutate proves it does).
 */
export function mutate(code) {
  const out = code.replace(/\.detail\.([A-Za-z_$][\w$]*)/, '.detail.noSuchField');
  if (out === code) throw new Error('snippet has no `.detail.<field>` access to break');
  return out;
}

/**
 * Writes the README's snippets into their targets (emptying those folders first) and returns
 * [{ name, file, line }]. Fails when a framework has no snippet or a block's language is off.
 */
export function writeSnippets(root, { mutated = false } = {}) {
  const snippets = readSnippets(readFileSync(path.join(root, 'README.md'), 'utf8'));
  const written = [];
  for (const [name, target] of Object.entries(SNIPPET_TARGETS)) {
    const dir = path.join(root, target.dir);
    rmSync(dir, { recursive: true, force: true });
    const mine = snippets.filter((s) => s.name === name);
    if (!mine.length) throw new Error(`README.md has no <!-- snippet: ${name} --> block`);
    mkdirSync(dir, { recursive: true });
    mine.forEach((s, n) => {
      if (!target.lang.includes(s.lang)) throw new Error(`README.md:${s.line}: a ${name} snippet must be a \`\`\`${target.lang[0]} block, not \`\`\`${s.lang}`);
      // Angular: the component's class name must be unique per file; Vue/Svelte: the file is the component.
      const file = path.join(dir, `readme-${n + 1}.${target.ext}`);
      const header = `${target.ext === 'vue' || target.ext === 'svelte' ? '' : `// README.md line ${s.line} (extracted by scripts/examples.mjs; do not edit)\n`}`;
      writeFileSync(file, `${target.prefix ?? ''}${header}${mutated ? mutate(s.code) : s.code}`);
      written.push({ name, file: path.relative(root, file), line: s.line });
    });
  }
  const unknown = snippets.filter((s) => !SNIPPET_TARGETS[s.name]);
  if (unknown.length)
    throw new Error(`README.md:${unknown[0].line}: unknown snippet kind "${unknown[0].name}" (known: ${Object.keys(SNIPPET_TARGETS).join(', ')})`);
  return written;
}
