#!/usr/bin/env node
// Fails on import cycles between the modules of src/ (static imports and `import type` alike:
// a cycle of types still ties the modules together; lazy `import()` is not a cycle edge), and on
// any import (lazy ones included) from a lower layer to a higher one. The layers, bottom up
// (ARCHITECTURE.md): core/ imports nothing of ours; session/ imports core/; shared/ (element-level
// controllers and view pieces) imports both; rtc-chat/ and rtc-call/ import the three below and
// never each other; the entry points (index.ts, strings.ts, react/) sit on top.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const modules = walk(src).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
const allEdges = new Map();
const edges = new Map(
  modules.map((file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
    const targets = [...code.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"](\.[^'"]+)['"]/gms)].map(([, spec]) =>
      path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')),
    );
    const lazyTargets = [...code.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map(([, spec]) =>
      path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')),
    );
    allEdges.set(file, [...new Set([...targets, ...lazyTargets])]);
    return [file, [...new Set(targets)]];
  }),
);

// Tarjan's strongly connected components: any component with more than one module is a cycle.
let index = 0;
const stack = [];
const info = new Map();
const cycles = [];
function visit(file) {
  const node = { index, low: index, onStack: true };
  index++;
  info.set(file, node);
  stack.push(file);
  for (const next of edges.get(file) ?? []) {
    if (!edges.has(next)) continue;
    if (!info.has(next)) {
      visit(next);
      node.low = Math.min(node.low, info.get(next).low);
    } else if (info.get(next).onStack) node.low = Math.min(node.low, info.get(next).index);
  }
  if (node.low === node.index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      info.get(member).onStack = false;
      component.push(member);
    } while (member !== file);
    if (component.length > 1) cycles.push(component.map((f) => path.relative(src, f)).sort());
  }
}
for (const file of modules) if (!info.has(file)) visit(file);

const LAYERS = { core: 0, session: 1, shared: 2, 'rtc-chat': 3, 'rtc-call': 3 };
const TOP = 4;
const layerOf = (file) => {
  const first = path.relative(src, file).split(path.sep)[0];
  return first in LAYERS ? { name: first, rank: LAYERS[first] } : { name: 'entry points', rank: TOP };
};
const upward = [];
for (const [file, targets] of allEdges) {
  const from = layerOf(file);
  for (const target of targets) {
    if (!allEdges.has(target)) continue;
    const to = layerOf(target);
    const sideways = from.rank === to.rank && from.name !== to.name;
    if (to.rank > from.rank || (sideways && from.rank !== TOP))
      upward.push(`- ${path.relative(src, file)} (${from.name}) imports ${path.relative(src, target)} (${to.name})`);
  }
}

let failed = false;
if (cycles.length) {
  console.error(`check-imports: ${cycles.length} import cycle(s) in src/:\n${cycles.map((c) => `- ${c.join(' <-> ')}`).join('\n')}`);
  failed = true;
}
if (upward.length) {
  console.error(
    `check-imports: ${upward.length} import(s) against the layers (core < session < shared < rtc-chat | rtc-call < entry points):\n${upward.join('\n')}`,
  );
  failed = true;
}
if (failed) process.exit(1);
console.log(`check-imports: ${modules.length} modules in src/, no import cycles, every import goes down the layers`);
