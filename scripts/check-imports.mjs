#!/usr/bin/env node
// Fails on import cycles between the modules of src/ (static imports and `import type` alike:
// a cycle of types still ties the modules together). Lazy `import()` is not a dependency edge.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const modules = walk(src).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
const edges = new Map(modules.map((file) => {
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  const targets = [...code.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"](\.[^'"]+)['"]/gms)]
    .map(([, spec]) => path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
  return [file, [...new Set(targets)]];
}));

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
    if (!info.has(next)) { visit(next); node.low = Math.min(node.low, info.get(next).low); }
    else if (info.get(next).onStack) node.low = Math.min(node.low, info.get(next).index);
  }
  if (node.low === node.index) {
    const component = [];
    let member;
    do { member = stack.pop(); info.get(member).onStack = false; component.push(member); } while (member !== file);
    if (component.length > 1) cycles.push(component.map((f) => path.relative(src, f)).sort());
  }
}
for (const file of modules) if (!info.has(file)) visit(file);

if (cycles.length) {
  console.error(`check-imports: ${cycles.length} import cycle(s) in src/:\n${cycles.map((c) => `- ${c.join(' <-> ')}`).join('\n')}`);
  process.exit(1);
}
console.log(`check-imports: ${modules.length} modules in src/, no import cycles`);
