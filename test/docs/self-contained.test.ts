import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** Every markdown file git tracks; outside a git checkout (an unpacked tarball), every one in the tree. */
function markdownFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z', '*.md'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    const skip = new Set(['node_modules', '.git', 'dist', 'data', 'coverage']);
    const walk = (dir: string): string[] =>
      fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
        const rel = path.join(dir, entry.name);
        if (entry.isDirectory()) return skip.has(entry.name) ? [] : walk(rel);
        return entry.name.endsWith('.md') ? [rel] : [];
      });
    return walk('');
  }
}
const docs = markdownFiles();

/** Relative link targets of a markdown file: `[text](target)` outside code, without a fragment. */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!.split('#')[0]!)
    .filter((target) => target !== '' && !/^[a-z]+:/i.test(target));
}

describe('the repository carries its own documentation', () => {
  it('checks every markdown file, the README and the contract among them', () => {
    expect(docs).toEqual(expect.arrayContaining(['README.md', 'docs/contract.md', 'docs/api.md', 'server/db/embedded/README.md']));
  });

  it.each(docs)('%s sends no reader outside the repository, and every relative link resolves', (file) => {
    const text = read(file);
    // The contract's source of record lived beside the repository once; readers of the repository never see it.
    expect(text).not.toMatch(/\.\.\/shared\/|shared\/API\.md/);
    // No link to a path of some machine (`](/work/…)`, `](file://…)`).
    expect(text).not.toMatch(/\]\((\/|file:)/);
    for (const target of relativeLinks(text)) {
      const resolved = path.resolve(root, path.dirname(file), target);
      expect(resolved.startsWith(root + path.sep) || resolved === root, `${file} → ${target}`).toBe(true);
      expect(fs.existsSync(resolved), `${file} → ${target} exists`).toBe(true);
    }
  });

  it('the README links the contract, its generated list and the licence; the licence is the MIT one package.json names', () => {
    const readme = read('README.md');
    expect(readme).toContain('(docs/contract.md)');
    expect(readme).toContain('(docs/api.md)');
    expect(readme).toContain('(LICENSE)');
    expect((JSON.parse(read('package.json')) as { license: string }).license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 Kongjian contributors\n/);
  });

  it('the contract names every error code the hub answers with', async () => {
    const { errorStatus } = await import('../../shared/errors.js');
    const contract = read('docs/contract.md');
    for (const [code, status] of Object.entries(errorStatus)) expect(contract, code).toContain(`| \`${code}\` | ${status} |`);
  });

  it('the README quick start sets the secret compose requires', () => {
    const compose = read('compose.yaml');
    const required = [...compose.matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]!);
    expect(required.length).toBeGreaterThan(0);
    const readme = read('README.md');
    for (const name of required) expect(readme, name).toMatch(new RegExp(`export ${name}=`));
    expect(readme).toContain('docker compose up');
  });
  it("the contract's table of who receives which event names only events the hub sends", async () => {
    const { serverEvents } = await import('../../shared/schemas/events.js');
    const contract = read('docs/contract.md');
    const section = contract.slice(contract.indexOf('## Who receives which event'), contract.indexOf('## Chat (v1.2)'));
    const rows = [...section.matchAll(/^\| (`[^|]+`) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([\w:]+)`/g)].map((e) => e[1]!));
    expect(rows.length).toBeGreaterThan(10);
    for (const name of rows) expect(Object.keys(serverEvents), name).toContain(name);
  });
});
