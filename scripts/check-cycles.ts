/**
 * `npm run lint` part two: no import cycles between our own modules, type-only imports included
 * (a type cycle still ties two files' designs together), and the web client never imports server/.
 * Prints each cycle as a chain of files; exits 1 when there is any.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cli } from './cli-args.js';

const roots = ['server', 'shared', 'client/src', 'scripts'];
const importPattern = /^\s*(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** `./x.js` written in a .ts file names `./x.ts` (NodeNext / bundler resolution). */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, path.join(base, 'index.ts')];
  return candidates.find((file) => file.endsWith('.ts') && fs.existsSync(file));
}

export function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const targets = new Set<string>();
    for (const match of text.matchAll(importPattern)) {
      const target = resolveImport(file, match[1] ?? match[2] ?? '');
      if (target) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Every elementary cycle found by a depth-first search, each reported once. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join('|');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...cycle, next]);
        }
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

/** Every cycle and every client → server import among `files`, as lines to print (none: all is well). */
export function importProblems(files: readonly string[], cwd: string): string[] {
  const graph = importGraph(files);
  const rel = (file: string) => path.relative(cwd, file);
  const problems: string[] = [];
  for (const cycle of findCycles(graph)) problems.push(`import cycle: ${cycle.map(rel).join(' → ')}`);
  for (const [file, targets] of graph) {
    if (!rel(file).startsWith('client/')) continue;
    for (const target of targets) {
      if (rel(target).startsWith('server/')) problems.push(`client imports server code: ${rel(file)} → ${rel(target)}`);
    }
  }
  return problems;
}

/** The source files under `roots` (of `cwd`) that the check reads. */
export function checkedFiles(cwd: string): string[] {
  return roots.flatMap((root) => sourceFiles(path.join(cwd, root)));
}

function main(): void {
  cli(
    {
      command: 'scripts/check-cycles.ts',
      usage:
        'usage: node --import tsx scripts/check-cycles.ts\n\nFails (exit 1) on an import cycle in server/, shared/, client/src/ or scripts/, or a client/ → server/ import.',
      options: {},
    },
    () => undefined,
  );
  const cwd = process.cwd();
  const files = checkedFiles(cwd);
  const problems = importProblems(files, cwd);
  for (const problem of problems) console.error(problem);
  if (problems.length) process.exit(1);
  console.log(`no import cycles in ${files.length} files; the client imports no server code`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
