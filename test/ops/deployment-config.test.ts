/** One place of truth: server/config.ts. The README table and compose.yaml must agree with it. */
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { configVariables } from '../../server/config.js';

describe('deployment configuration', () => {
  it('documents every configuration variable in the README table, and nothing else', async () => {
    const readme = await fs.readFile('README.md', 'utf8');
    const documented = new Set(
      [...readme.matchAll(/^\| `([A-Z_]+)`(?: \/ `([A-Z_]+)`)? \|/gm)].flatMap((m) => [m[1], m[2]]).filter(Boolean),
    );
    expect([...documented].sort()).toEqual([...configVariables].sort());
  });

  it('gives the hub nodes in compose.yaml only variables the hub reads', async () => {
    const compose = await fs.readFile('compose.yaml', 'utf8');
    const hubEnv = compose.slice(
      compose.indexOf('environment: &hub-env'),
      compose.indexOf('  volumes:', compose.indexOf('environment: &hub-env')),
    );
    const names = [...hubEnv.matchAll(/^ {4}([A-Z_]+):/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(configVariables).toContain(name);
    for (const node of ['hub1', 'hub2', 'hub3']) expect(compose).toContain(`environment: { <<: *hub-env, NODE_ID: ${node} }`);
    expect(configVariables).toContain('NODE_ID');
  });

  it('gates on readiness in compose and the proxy, liveness in the image', async () => {
    const compose = await fs.readFile('compose.yaml', 'utf8');
    expect(compose).toMatch(/healthcheck:\s*\n\s*test: \[[^\]]*\/api\/readyz/);
    expect(compose).toContain('dockerfile: deploy/Dockerfile');
    const nginx = await fs.readFile('deploy/nginx.conf', 'utf8');
    expect(nginx).toMatch(/location \/ \{[^}]*proxy_next_upstream[^;]*http_503/s);
    expect(await fs.readFile('deploy/Dockerfile', 'utf8')).toMatch(/HEALTHCHECK[^\n]*\\\n[^\n]*\/api\/livez/);
  });

  it('routes /socket.io/ and /api through the proxy to every hub', async () => {
    const nginx = await fs.readFile('deploy/nginx.conf', 'utf8');
    expect(nginx).toMatch(/location \/socket\.io\/ \{[^}]*proxy_set_header Upgrade/s);
    for (const node of ['hub1', 'hub2', 'hub3']) {
      expect(nginx).toContain(`server ${node}:3000`);
      expect(nginx).toContain(`server ${node}:3001`);
    }
  });
});
