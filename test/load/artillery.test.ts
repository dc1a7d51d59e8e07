/**
 * The Artillery scenario cannot run here (Artillery is not installed), so this checks what can be
 * checked without it: the file's shape, and that every event it emits or awaits is a real event.
 * No YAML parser is installed either: a small line-based reading is enough for this file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const yml = fs.readFileSync(path.join(root, 'test/load/artillery.yml'), 'utf8');
const eventsSource = fs.readFileSync(path.join(root, 'shared/events.ts'), 'utf8');

/** The event names declared in one of the typed event maps of shared/events.ts. */
function eventNames(mapName: string): Set<string> {
  const start = eventsSource.indexOf(`export interface ${mapName} {`);
  expect(start).toBeGreaterThanOrEqual(0);
  const body = eventsSource.slice(start, eventsSource.indexOf('\n}', start));
  return new Set([...body.matchAll(/^\s{2}'?([\w:]+)'?\s*:/gm)].map((m) => m[1]!));
}

/** Lines without comments, with their indentation. */
const lines = yml
  .split('\n')
  .map((l) => l.replace(/\s+#.*$/, '').replace(/^\s*#.*$/, ''))
  .filter((l) => l.trim() !== '');

describe('the Artillery scenario (test/load/artillery.yml)', () => {
  it('is indented with spaces only and has the top-level sections Artillery needs', () => {
    for (const l of lines) expect(l).not.toMatch(/^\t/);
    const top = lines.filter((l) => /^\S/.test(l)).map((l) => l.replace(/:.*$/, ''));
    expect(top).toEqual(['config', 'scenarios']);
    for (const key of ['target', 'phases', 'socketio']) expect(lines).toContain(lines.find((l) => l.startsWith(`  ${key}:`)));
  });

  it('uses the socketio engine over websockets with the token in the handshake auth', () => {
    expect(lines.some((l) => l.trim() === 'engine: socketio')).toBe(true);
    expect(yml).toMatch(/transports: \["websocket"\]/);
    expect(yml).toMatch(/auth:\n\s+token: /);
  });

  it('gives every phase a duration and an arrival rate', () => {
    const phases = yml.slice(yml.indexOf('  phases:'), yml.indexOf('  socketio:'));
    const items = phases.split('\n    - ').slice(1);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item).toMatch(/duration: \d+/);
      expect(item).toMatch(/arrivalRate: \d+/);
    }
  });

  it('emits only client → server events of shared/events.ts, each with an acknowledgement', () => {
    const clientEvents = eventNames('ClientToServerEvents');
    const emitted = [...yml.matchAll(/channel: "([^"]+)"/g)].map((m) => m[1]!);
    expect(emitted.length).toBeGreaterThan(0);
    for (const e of emitted) expect(clientEvents, `unknown event ${e}`).toContain(e);
    const emits = yml.split('- emit:').slice(1);
    for (const e of emits) expect(e.split('\n      - ')[0]).toMatch(/acknowledge:/);
  });
});
