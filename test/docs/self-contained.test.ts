import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const docs = [
  'README.md',
  'ARCHITECTURE.md',
  'BENCHMARKS.md',
  ...fs
    .readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Relative link targets of a markdown file: `[text](target)` outside code, without a fragment. */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!.split('#')[0]!)
    .filter((target) => target !== '' && !/^[a-z]+:/i.test(target));
}

describe('the repository carries its own documentation', () => {
  it.each(docs)('%s sends no reader outside the repository, and every relative link resolves', (file) => {
    const text = read(file);
    expect(text).not.toMatch(/\.\.\/shared\/API\.md|shared\/API\.md/);
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
});
