/**
 * Lists the client's message ids that have no zh-CN translation, and translations no source uses.
 * `node --import tsx scripts/i18n-check.ts` (exit 1 when any id lacks a translation). The same check
 * runs in test/client/i18n.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli } from './cli-args.js';

export interface SourceMessage {
  readonly id: string;
  readonly file: string;
  /** How many ${…} values the English source has (0 for a plain string). */
  readonly values: number;
}

const msgCall = /msg\(\s*(str)?(`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*,\s*\{[^}]*?\bid:\s*'([^']+)'/g;

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'zh-CN') yield* files(full);
    } else if (entry.name.endsWith('.ts')) yield full;
  }
}

/** Every `msg(…, { id })` in the client's sources, with its number of interpolated values. */
export function sourceMessages(root = 'client/src'): SourceMessage[] {
  const found: SourceMessage[] = [];
  for (const file of files(root)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(msgCall)) {
      const literal = m[2] ?? '';
      const values = m[1] ? (literal.match(/\$\{/g) ?? []).length : 0;
      found.push({ id: m[3] ?? '', file: path.relative(process.cwd(), file), values });
    }
  }
  return found;
}

export interface CheckResult {
  readonly missing: SourceMessage[];
  readonly unused: string[];
  /** Ids whose English and zh-CN forms disagree on being a plain string or a str template. */
  readonly shapeMismatch: string[];
  readonly ids: number;
}

export async function check(root = 'client/src'): Promise<CheckResult> {
  const mod = (await import(pathToFileURL(path.resolve(root, 'i18n/zh-CN/index.ts')).href)) as {
    templates: Record<string, string | { strTag: true; values: number[] }>;
  };
  const sources = sourceMessages(root);
  const missing = sources.filter((s) => !(s.id in mod.templates));
  const used = new Set(sources.map((s) => s.id));
  const unused = Object.keys(mod.templates).filter((id) => !used.has(id));
  const shapeMismatch = sources
    .filter((s) => s.id in mod.templates)
    .filter((s) => {
      const t = mod.templates[s.id];
      return s.values > 0 ? typeof t === 'string' || (t?.values.length ?? 0) !== s.values : typeof t !== 'string';
    })
    .map((s) => s.id);
  return { missing, unused, shapeMismatch: [...new Set(shapeMismatch)], ids: used.size };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  cli(
    {
      command: 'scripts/i18n-check.ts',
      usage:
        'usage: node --import tsx scripts/i18n-check.ts\n\nLists message ids without a Chinese translation, unused ones and value-count mismatches; exit 1 on missing or mismatched.',
      options: {},
    },
    () => undefined,
  );
  const result = await check();
  for (const m of result.missing) console.log(`missing  ${m.id}  (${m.file})`);
  for (const id of result.unused) console.log(`unused   ${id}`);
  for (const id of result.shapeMismatch) console.log(`shape    ${id}`);
  console.log(
    `${result.ids} ids, ${result.missing.length} missing, ${result.unused.length} unused, ${result.shapeMismatch.length} shape mismatches`,
  );
  process.exitCode = result.missing.length || result.shapeMismatch.length ? 1 : 0;
}
