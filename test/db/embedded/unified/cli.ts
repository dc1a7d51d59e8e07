/**
 * Runs unified-format CRUD test files against the embedded store (started in a temp dir) or a
 * real MongoDB, printing pass/fail/skip totals and skip reasons:
 *   npm run conformance -- --specs DIR [--uri mongodb://host:port] [--grep TEXT] [--verbose] [--json FILE]
 * DIR holds *.json files (e.g. MongoDB's source/crud/tests/unified, fetched locally; they are
 * not vendored in this repository).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { cli, UsageError } from '../../../../scripts/cli-args.js';
import { parseUnified, runFile, serverInfo, type TestResult } from './runner.js';

const usage = `usage: npm run conformance -- --specs DIR [--uri mongodb://...] [--grep TEXT] [--verbose] [--json FILE]

Runs MongoDB's unified-format CRUD test files (*.json in DIR, e.g. source/crud/tests/unified of the
specifications repository, fetched locally) against the embedded store in a temp dir, or --uri.

  --specs DIR    the directory of *.json test files, required
  --uri URI      a running MongoDB-compatible server instead of a fresh embedded store
  --grep TEXT    only tests whose name contains TEXT
  --verbose      print every test, not only failures
  --json FILE    write every result as JSON
  -h, --help     this text`;

export async function runDirectory(dir: string, uri: string, grep?: string): Promise<TestResult[]> {
  const internal = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  await internal.connect();
  try {
    const info = await serverInfo(internal);
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    const out: TestResult[] = [];
    for (const f of files) {
      const file = parseUnified(fs.readFileSync(path.join(dir, f), 'utf8'));
      out.push(...(await runFile(f.replace(/\.json$/, ''), file, internal, info, { uri, grep, applySkipList: true })));
    }
    return out;
  } finally {
    await internal.close();
  }
}

export function summarize(results: TestResult[]): string {
  const count = (s: string): number => results.filter((r) => r.status === s).length;
  const pass = count('pass');
  const fail = count('fail');
  const reasons = new Map<string, number>();
  for (const r of results) if (r.status === 'skip') reasons.set(r.reason!, (reasons.get(r.reason!) ?? 0) + 1);
  const lines = [
    `tests: ${results.length}  in scope: ${pass + fail}  pass: ${pass}  fail: ${fail}  skip: ${count('skip')}  pass rate: ${pass + fail ? ((100 * pass) / (pass + fail)).toFixed(1) : '-'} %`,
    'skipped by reason:',
    ...[...reasons.entries()].sort((a, b) => b[1] - a[1]).map(([r, n]) => `  ${String(n).padStart(4)}  ${r}`),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const str = { type: 'string' } as const;
  const args = cli(
    {
      command: 'npm run conformance --',
      usage,
      options: { specs: str, uri: str, grep: str, verbose: { type: 'boolean' }, json: str },
    },
    ({ values }) => {
      if (!values.specs) throw new UsageError('--specs DIR is required');
      return { ...values, specs: values.specs };
    },
  );
  const { specs } = args;
  let uri = args.uri;
  let stop = async (): Promise<void> => {};
  if (!uri) {
    // Loaded only after the arguments are read: `--help` and a bad flag start nothing.
    const { startEmbeddedStore } = await import('../../../../server/db/embedded/index.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-conformance-'));
    const store = await startEmbeddedStore({ dir });
    uri = store.uri;
    stop = async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    const results = await runDirectory(specs, uri, args.grep);
    for (const r of results) {
      if (r.status === 'fail') console.log(`FAIL ${r.file}: ${r.test}\n     ${r.reason}`);
      else if (args.verbose) console.log(`${r.status.toUpperCase()} ${r.file}: ${r.test}${r.reason ? ` (${r.reason})` : ''}`);
    }
    console.log(`\ntarget: ${args.uri ? args.uri.replace(/\/\/[^@/]*@/, '//***@') : 'embedded store'}`);
    console.log(summarize(results));
    const json = args.json;
    if (json) fs.writeFileSync(json, JSON.stringify(results, null, 1));
    process.exitCode = results.some((r) => r.status === 'fail') ? 1 : 0;
  } finally {
    await stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
