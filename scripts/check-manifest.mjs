#!/usr/bin/env node
// Checks that custom-elements.json is complete and current, and that the README documents it:
//  1. the checked-in manifest equals a fresh analyzer run (else: run `npm run analyze`);
//  2. every rtc-* event class in src/ is declared on an element in the manifest, and vice versa,
//     with that class as its type;
//  3. every attribute, property, event, slot, CSS part and custom property has a description;
//  4. README.md names every one of them (in `backticks`).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const problems = [];
const read = (f) => readFileSync(path.join(root, f), 'utf8');

// 1. current?
// The analyzer resolves --outdir against the working directory.
const outRelative = path.join('node_modules', '.cache', `cem-check-${process.pid}`);
const out = path.join(root, outRelative);
try {
  execFileSync(process.execPath, [path.join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--outdir', outRelative], {
    cwd: root,
    stdio: 'pipe',
  });
  const fresh = readFileSync(path.join(out, 'custom-elements.json'), 'utf8');
  if (JSON.stringify(JSON.parse(fresh)) !== JSON.stringify(JSON.parse(read('custom-elements.json')))) {
    problems.push('custom-elements.json is out of date: run `npm run analyze` and commit it.');
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

// 1b. generated editor/framework typings current?
const genOut = path.join(root, 'node_modules', '.cache', `editor-data-${process.pid}`);
try {
  execFileSync(process.execPath, [path.join(root, 'scripts/generate-editor-data.mjs'), genOut], { cwd: root, stdio: 'pipe' });
  for (const file of [
    'types/elements.d.ts',
    'types/jsx.d.ts',
    'types/preact.d.ts',
    'types/vue.d.ts',
    'types/svelte.d.ts',
    'types/vscode.html-custom-data.json',
    'web-types.json',
  ]) {
    let current = '';
    try {
      current = read(file);
    } catch {
      /* missing */
    }
    if (readFileSync(path.join(genOut, file), 'utf8') !== current) problems.push(`${file} is out of date: run \`npm run analyze\` and commit it.`);
  }
} finally {
  rmSync(genOut, { recursive: true, force: true });
}

const manifest = JSON.parse(read('custom-elements.json'));
const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName));

// 2. events in code <-> manifest
function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const codeEvents = new Set();
const eventClass = new Map(); // event name -> the class that fires it
for (const file of walk(path.join(root, 'src'))) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/super\('(rtc-[a-z-]+)'/g)) codeEvents.add(match[1]);
  for (const match of text.matchAll(/class (\w+) extends CustomEvent<[\s\S]*?super\('(rtc-[a-z-]+)'/g)) eventClass.set(match[2], match[1]);
}
// 2b. each event's manifest type (from `@event {Class} name`) is the class that fires it: the
// framework typings (types/*.d.ts) type handlers with it.
for (const el of elements) {
  for (const ev of el.events ?? []) {
    const expected = eventClass.get(ev.name);
    if (expected && ev.type?.text !== expected)
      problems.push(
        `<${el.tagName}> event ${ev.name} is typed ${ev.type?.text ?? '(nothing)'} in the manifest; write \`@event {${expected}} ${ev.name} - ...\` in the element's JSDoc.`,
      );
  }
}
const manifestEvents = new Set(elements.flatMap((e) => (e.events ?? []).map((ev) => ev.name)));
for (const name of codeEvents)
  if (!manifestEvents.has(name)) problems.push(`event ${name} is defined in src/ but no element declares it (@event in the class JSDoc).`);
for (const name of manifestEvents) if (!codeEvents.has(name)) problems.push(`event ${name} is in the manifest but no event class in src/ fires it.`);

// 3 + 4. descriptions and README
const readme = read('README.md');
// `privacy: 'public'` (fields declared next to `static properties`) or none: public.
const isPublic = (m) => !m.privacy || m.privacy === 'public';
for (const el of elements) {
  const groups = {
    attribute: (el.attributes ?? []).map((a) => a.name),
    property: (el.members ?? []).filter((m) => m.kind === 'field' && isPublic(m) && !m.static).map((m) => m.name),
    method: (el.members ?? []).filter((m) => m.kind === 'method' && isPublic(m) && !m.static).map((m) => m.name),
    event: (el.events ?? []).map((e) => e.name),
    slot: (el.slots ?? []).map((s) => s.name).filter(Boolean),
    'CSS part': (el.cssParts ?? []).map((p) => p.name),
    'CSS custom property': (el.cssProperties ?? []).map((p) => p.name),
  };
  const described = [
    ...(el.attributes ?? []),
    ...(el.members ?? []).filter((m) => isPublic(m) && !m.static),
    ...(el.events ?? []),
    ...(el.slots ?? []),
    ...(el.cssParts ?? []),
    ...(el.cssProperties ?? []),
  ];
  for (const item of described)
    if (!item.description && !item.summary) problems.push(`<${el.tagName}> ${item.name || '(default slot)'} has no description in the manifest.`);
  for (const [kind, names] of Object.entries(groups)) {
    for (const name of names)
      if (!readme.includes(`\`${name}\``) && !readme.includes(`\`${name}(`))
        problems.push(`README.md does not document the ${kind} \`${name}\` of <${el.tagName}>.`);
  }
}

if (problems.length) {
  console.error(`check-manifest: ${problems.length} problem(s)\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`check-manifest: ${elements.map((e) => `<${e.tagName}>`).join(', ')} complete and documented (${manifestEvents.size} events).`);
