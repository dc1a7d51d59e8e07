/**
 * No container engine runs here, so the image is kept correct by reading its Dockerfile: multi-stage,
 * production dependencies only, compiled server on plain node, /data owned by the run user, a
 * liveness HEALTHCHECK, a base on which the native uWS binary loads, and dependencies that are exactly
 * what the compiled server imports.
 */
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

interface Stage {
  readonly from: string;
  readonly name: string | undefined;
  readonly instructions: Array<{ readonly op: string; readonly args: string }>;
}

/** Dockerfile → stages of (instruction, arguments), continuation lines joined, comments dropped. */
function parseDockerfile(text: string): { args: Map<string, string>; stages: Stage[] } {
  const lines = text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op = '', rest = ''] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    const instruction = { op: op.toUpperCase(), args: rest };
    if (instruction.op === 'ARG' && stages.length === 0) {
      const [k, v] = rest.split('=');
      if (k && v) args.set(k, v);
    } else if (instruction.op === 'FROM') {
      const [, image = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(rest) ?? [];
      stages.push({ from: image.replace(/^\$\{(\w+)\}$/, (_, k: string) => args.get(k) ?? k), name, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

const dockerfile = await fs.readFile('deploy/Dockerfile', 'utf8');
const { stages } = parseDockerfile(dockerfile);
const run = stages.at(-1)!;
const all = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op).map((i) => i.args);

describe('deploy/Dockerfile', () => {
  it('is multi-stage: the image that runs is not the one that builds', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(all(run, 'RUN').join(' ')).not.toMatch(/npm run build|npm ci(?! --omit=dev)/);
    expect(all(run, 'COPY').some((c) => /--from=\w+ \/app\/dist/.test(c))).toBe(true);
  });

  it('installs production dependencies only for the image that runs', () => {
    const copied = all(run, 'COPY').find((c) => c.includes('node_modules'));
    expect(copied).toBeDefined();
    const source = stages.find((s) => copied!.includes(`--from=${s.name}`));
    expect(all(source!, 'RUN').join(' ')).toMatch(/npm ci --omit=dev/);
  });

  it('runs the compiled server on plain node: no tsx, no TypeScript at run time', () => {
    const cmd = all(run, 'CMD').at(-1)!;
    expect(JSON.parse(cmd)).toEqual(['node', 'dist/server/main.js', '--no-client-build']);
    expect(cmd).not.toContain('tsx');
    expect(
      all(
        stages.find((s) => s.name === 'build')!,
        'RUN',
      ).join(' '),
    ).toContain('npm run build:server');
  });

  it('runs as an unprivileged user who owns /data', () => {
    const user = all(run, 'USER').at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)$/);
    expect(all(run, 'RUN').join(' ')).toMatch(new RegExp(`chown ${user}(:${user})? /data`));
    expect(all(run, 'ENV').join(' ')).toContain('DATA_DIR=/data');
    // USER comes after the chown, so the chown ran as root.
    const ops = run.instructions.map((i) => i.op);
    expect(ops.lastIndexOf('USER')).toBeGreaterThan(ops.findIndex((op, i) => op === 'RUN' && run.instructions[i]!.args.includes('chown')));
  });

  it('checks liveness, not readiness, in its HEALTHCHECK', () => {
    const health = all(run, 'HEALTHCHECK').at(-1)!;
    expect(health).toContain('/api/livez');
    expect(health).not.toContain('/api/health');
  });

  it('uses a base where the native uWS binary of the package in use loads (Node 20: ABI 115; Debian 12)', async () => {
    for (const stage of stages) expect(stage.from).toBe('node:20-bookworm-slim');
    const binaries = await fs.readdir('node_modules/uWebSockets.js/binaries');
    expect(binaries).toContain('uws_linux_x64_115.node');
  });
});

/**
 * Packages the TypeScript under `dirs` imports at run time: every static `import … from` or
 * `export … from` of a bare specifier except `import type` / `export type`, which are erased
 * (verbatimModuleSyntax keeps `import { type A } from 'x'` as `import {} from 'x'`, so those count).
 * `require()`s through createRequire count too (a data file, a package's folder). Dynamic `import()`s
 * are left out: the one there is (vite, for `npm start` building the client) never runs in the image.
 */
async function runtimeImports(dirs: readonly string[]): Promise<Set<string>> {
  const names = new Set<string>();
  for (const dir of dirs) {
    for (const file of await fs.readdir(dir, { recursive: true })) {
      if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
      const text = await fs.readFile(`${dir}/${file}`, 'utf8');
      const specifiers = [
        ...[...text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)]
          .filter((m) => !m[1])
          .map((m) => m[2]!),
        ...[...text.matchAll(/\brequire(?:\.resolve)?\(['"]([^'"]+)['"]\)/g)].map((m) => m[1]!),
      ];
      for (const specifier of specifiers) {
        if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
        const [scope = '', name = ''] = specifier.split('/');
        names.add(scope.startsWith('@') ? `${scope}/${name}` : scope);
      }
    }
  }
  return names;
}

const pkg = JSON.parse(await fs.readFile('package.json', 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

describe('what the running image carries', () => {
  it('no build tools among the runtime dependencies (the build stage installs dev dependencies, the run stage omits them)', () => {
    for (const tool of ['typescript', 'vite', 'tsx', 'esbuild', 'rolldown', 'lightningcss', 'vitest']) {
      expect(Object.keys(pkg.dependencies), tool).not.toContain(tool);
    }
    // `npm install && npm start` still works: npm install brings the devDependencies npm start needs.
    for (const tool of ['tsx', 'vite', 'typescript']) expect(Object.keys(pkg.devDependencies)).toContain(tool);
    expect(pkg.scripts.start).toContain('tsx');
    expect(
      all(
        stages.find((st) => st.name === 'build')!,
        'RUN',
      ).join(' '),
    ).toMatch(/npm ci(?! --omit)/);
  });

  it('has every package the compiled server imports among its dependencies, and nothing it does not import', async () => {
    const imported = await runtimeImports(['server', 'shared']);
    const dependencies = Object.keys(pkg.dependencies);
    // A package reached only through another one's folder (hoisted) is absent from `npm ci --omit=dev` when that
    // one is a dev dependency, or nested elsewhere: the compiled server then fails at its first import.
    expect([...imported].filter((name) => !dependencies.includes(name)).sort()).toEqual([]);
    // Whatever the server never imports (client libraries, test and script tools) is a dev dependency.
    expect(dependencies.filter((name) => !imported.has(name)).sort()).toEqual([]);
  });

  it('keeps only the uWS binary its own Node loads', () => {
    const deps = stages.find((st) => st.name === 'deps')!;
    const prune = all(deps, 'RUN').join(' ');
    expect(prune).toContain('node_modules/uWebSockets.js/binaries');
    expect(prune).toContain("'uws_'+process.platform+'_'+process.arch+'_'+process.versions.modules+'.node'");
    expect(prune).toContain('fs.rmSync');
  });

  it('has ffmpeg (videos are probed and cut with it)', () => {
    expect(all(run, 'RUN').join(' ')).toMatch(/apt-get install -y --no-install-recommends ffmpeg/);
    const ops = run.instructions.map((i) => i.op);
    expect(ops.lastIndexOf('USER')).toBeGreaterThan(ops.findIndex((op, i) => op === 'RUN' && run.instructions[i]!.args.includes('ffmpeg')));
  });
});

describe('deploy/nginx.conf', () => {
  it('may open a file for each side of every connection it accepts', async () => {
    const conf = await fs.readFile('deploy/nginx.conf', 'utf8');
    const connections = Number(/worker_connections\s+(\d+);/.exec(conf)?.[1]);
    const files = Number(/worker_rlimit_nofile\s+(\d+);/.exec(conf)?.[1]);
    expect(connections).toBeGreaterThan(0);
    expect(files).toBeGreaterThanOrEqual(2 * connections);
    const compose = await fs.readFile('compose.yaml', 'utf8');
    expect(compose).toContain(`nofile: { soft: ${files}, hard: ${files} }`);
  });
});

describe('.dockerignore', () => {
  it('keeps local dependencies, builds, data and history out of the build context', async () => {
    const ignored = (await fs.readFile('.dockerignore', 'utf8')).split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', 'data', '.git']) expect(ignored).toContain(entry);
  });
});
