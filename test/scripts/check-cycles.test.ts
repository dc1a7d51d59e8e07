/** The layer check of `npm run lint` (scripts/check-cycles.ts) on small trees made for it, and on this repository. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkedFiles, importProblems } from '../../scripts/check-cycles.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A tree of .ts files from `{ path: source }`, in a fresh temporary directory. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-cycles-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('check-cycles', () => {
  it('names a cycle, type-only imports included, as a chain of files', () => {
    const dir = tree({
      'server/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
      'server/b.ts': "import type { C } from './c.js';\nexport const b = 1 as unknown as C;\n",
      'server/c.ts': "import { a } from './a.js';\nexport type C = typeof a;\n",
      'server/alone.ts': "import { b } from './b.js';\nexport const alone = b;\n",
    });
    const problems = importProblems(checkedFiles(dir), dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^import cycle: server\/(a|b|c)\.ts → .* → server\/\1\.ts$/);
  });

  it('refuses the web client importing server code, and allows shared/', () => {
    const dir = tree({
      'server/theme.ts': 'export const theme = 1;\n',
      'shared/limits.ts': 'export const limits = 1;\n',
      'client/src/view.ts':
        "import { theme } from '../../server/theme.js';\nimport { limits } from '../../shared/limits.js';\nexport const v = theme + limits;\n",
    });
    expect(importProblems(checkedFiles(dir), dir)).toEqual(['client imports server code: client/src/view.ts → server/theme.ts']);
  });

  it('finds nothing to refuse in this repository', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    expect(importProblems(checkedFiles(root), root)).toEqual([]);
  });
});
