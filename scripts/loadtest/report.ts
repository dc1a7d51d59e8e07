/** The HTML report of a run: the summary and its timelines as inline SVG charts (no scripts, works offline). */
import type { RampStageResult } from './ramp.js';
import type { LoadTestSummary, TimelinePoint } from './summary.js';

interface Series {
  readonly name: string;
  readonly color: string;
  readonly values: readonly number[];
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

const fmt = (v: number) => (v >= 1e6 ? `${+(v / 1e6).toFixed(1)}M` : v >= 1e3 ? `${+(v / 1e3).toFixed(1)}k` : `${+v.toFixed(2)}`);

/** A line chart over the run's seconds, with phase bands behind it. */
export function lineChart(
  title: string,
  unit: string,
  xs: readonly number[],
  series: readonly Series[],
  phases: readonly TimelinePoint['phase'][],
): string {
  const w = 720;
  const h = 240;
  const m = { l: 56, r: 16, t: 28, b: 36 };
  const iw = w - m.l - m.r;
  const ih = h - m.t - m.b;
  const xMax = Math.max(1, ...xs);
  const yMax = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const x = (v: number) => m.l + (v / xMax) * iw;
  const y = (v: number) => m.t + ih - (v / yMax) * ih;
  const parts: string[] = [];
  const bandColor: Record<string, string> = { connect: '#eef3fb', load: '#fff', drain: '#f6f6f6', hold: '#f3faf1' };
  for (let i = 0; i < xs.length; i++) {
    const x0 = x(i === 0 ? 0 : xs[i - 1]!);
    parts.push(
      `<rect x="${x0.toFixed(1)}" y="${m.t}" width="${Math.max(0, x(xs[i]!) - x0).toFixed(1)}" height="${ih}" fill="${bandColor[phases[i]!] ?? '#fff'}"/>`,
    );
  }
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    parts.push(`<line x1="${m.l}" x2="${w - m.r}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${m.l - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${fmt(v)}</text>`);
  }
  for (let i = 0; i <= 5; i++) {
    const v = (xMax * i) / 5;
    parts.push(`<text x="${x(v).toFixed(1)}" y="${h - m.b + 16}" text-anchor="middle">${+v.toFixed(1)}s</text>`);
  }
  series.forEach((s, si) => {
    const pts = s.values.map((v, i) => `${x(xs[i] ?? 0).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts}"/>`);
    parts.push(`<rect x="${m.l + si * 180}" y="${h - 14}" width="10" height="10" fill="${s.color}"/>`);
    parts.push(`<text x="${m.l + si * 180 + 14}" y="${h - 5}">${esc(s.name)}</text>`);
  });
  return `<figure><svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(title)}" font-family="sans-serif" font-size="11">
<text x="${m.l}" y="16" font-size="13" font-weight="bold">${esc(title)}</text><text x="${w - m.r}" y="16" text-anchor="end" fill="#666">${esc(unit)}</text>
${parts.join('\n')}
<rect x="${m.l}" y="${m.t}" width="${iw}" height="${ih}" fill="none" stroke="#999"/></svg></figure>`;
}

/** One `--ramp` stage, as the printed summary and the report show it. */
export function rampStageText(stage: RampStageResult): string {
  return `to ${stage.users} users over ${+(stage.ms / 1000).toFixed(3)}s (ends at ${+stage.endsAtSeconds.toFixed(3)}s): ${stage.connected} connected by then`;
}

function table(rows: ReadonlyArray<readonly [string, string]>): string {
  return `<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

export function renderReport(s: LoadTestSummary): string {
  const tl = s.timeline;
  const xs = tl.map((p) => p.t);
  const phases = tl.map((p) => p.phase);
  const l = s.latencyMs;
  const charts = [
    lineChart(
      'Post 201 → friend latency (per second)',
      'ms',
      xs,
      [
        { name: 'p50', color: '#2b8a3e', values: tl.map((p) => p.latencyMs.p50) },
        { name: 'p95', color: '#e67700', values: tl.map((p) => p.latencyMs.p95) },
        { name: 'p99', color: '#c92a2a', values: tl.map((p) => p.latencyMs.p99) },
      ],
      phases,
    ),
    lineChart(
      'POST sent → friend latency (per second)',
      'ms',
      xs,
      [
        { name: 'p50', color: '#2b8a3e', values: tl.map((p) => p.fromSendLatencyMs.p50) },
        { name: 'p95', color: '#e67700', values: tl.map((p) => p.fromSendLatencyMs.p95) },
        { name: 'p99', color: '#c92a2a', values: tl.map((p) => p.fromSendLatencyMs.p99) },
      ],
      phases,
    ),
    lineChart(
      'Deliveries and posts',
      'per second',
      xs,
      [
        { name: 'feed:post deliveries/s', color: '#1971c2', values: tl.map((p) => p.deliveriesPerSec) },
        { name: 'posts/s', color: '#862e9c', values: tl.map((p) => p.postsPerSec) },
      ],
      phases,
    ),
    lineChart(
      'Connections',
      'sockets',
      xs,
      [
        { name: 'connected', color: '#1971c2', values: tl.map((p) => p.connected) },
        { name: 'connects/s', color: '#2b8a3e', values: tl.map((p) => p.connectsPerSec) },
      ],
      phases,
    ),
    lineChart(
      'Server memory',
      'MB RSS (hub processes)',
      xs,
      [{ name: 'RSS', color: '#5f3dc4', values: tl.map((p) => p.serverRssBytes / 2 ** 20) }],
      phases,
    ),
    lineChart(
      'Busy-ness',
      'ms / %',
      xs,
      [
        { name: 'hub loop p99 ms', color: '#c92a2a', values: tl.map((p) => p.hubEventLoopP99Ms ?? 0) },
        { name: 'generator busy %', color: '#868e96', values: tl.map((p) => p.generatorBusy * 100) },
      ],
      phases,
    ),
  ];
  const rows: Array<readonly [string, string]> = [
    ['target', s.setup.target],
    ['users / friends each', `${s.users} / ${s.setup.friends}`],
    ['post rate', String(s.setup.postRate)],
    ['connected', `${s.connected} (${s.connectFailures} failed), ${s.connectsPerSec}/s`],
    ['posts acknowledged', `${s.posts.acked} (${s.posts.perSec}/s)`],
    ['deliveries', `${s.deliveries} (${s.deliveriesPerSec}/s, peak ${s.peakDeliveriesPerSec}/s)`],
    ['missing / duplicates / not-friends', `${s.missing} / ${s.duplicates} / ${s.unexpected}`],
    ['latency p50 / p95 / p99 / max', `${l.p50} / ${l.p95} / ${l.p99} / ${l.max} ms`],
    ['from send p50 / p99', `${s.fromSendLatencyMs.p50} / ${s.fromSendLatencyMs.p99} ms`],
    ['server RSS', `${(s.serverRssBytes / 2 ** 20).toFixed(1)} MB; ${(s.bytesPerSocket / 1024).toFixed(2)} KB per socket`],
    ['hub event loop p99 (max)', `${s.hubEventLoop.p99MaxMs ?? '-'} ms (${s.hubEventLoop.source})`],
    ['generator', `${s.generator.workers} workers, busiest ${Math.round(s.generator.maxBusy * 100)}%, ${s.generator.cpuCores} cores`],
  ];
  rows.push(['hub CPU per post (kernel)', `${s.hubCpu.msPerPost ?? '-'} ms (${s.hubCpu.systemMsPerPost ?? '-'} ms)`]);
  for (const n of s.nodes ?? [])
    rows.push([
      `node ${n.node}: local + remote deliveries, CPU per 1 000`,
      `${n.localDeliveries} + ${n.remoteDeliveries}, ${n.msPerKDelivery ?? '-'} ms (${n.cpuMs ?? '-'} ms CPU, kernel ${n.systemMs ?? '-'})`,
    ]);
  if (s.crossNodeLatencyMs) rows.push(['cross-node p50 / p99', `${s.crossNodeLatencyMs.p50} / ${s.crossNodeLatencyMs.p99} ms`]);
  if (s.redis) rows.push(['Redis per delivery', `${s.redis.outputBytesPerDelivery} bytes out, ${s.redis.commandsPerDelivery} commands`]);
  if (s.redis)
    rows.push([
      'Busiest Redis process',
      `${s.redis.busiestServer.percentOfCore}% of a core, ${s.redis.busiestServer.cpuMsPerKDelivery ?? '-'} ms CPU per 1 000 deliveries (of ${s.redis.servers})`,
    ]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kongjian load test</title>
<style>body{font-family:sans-serif;margin:2rem;color:#222;max-width:800px}table{border-collapse:collapse;margin:1rem 0}th,td{padding:.2rem .8rem;border-bottom:1px solid #eee;text-align:left}th{color:#555;font-weight:normal}.warn{color:#c92a2a}figure{margin:1.5rem 0}</style>
</head><body>
<h1>Kongjian load test</h1>
<p>Bands: blue = connecting, white = load, grey = drain, green = holding idle sockets.</p>
${s.warnings.map((w) => `<p class="warn">⚠ ${esc(w)}</p>`).join('\n')}
${s.rampStages?.length ? `<h2>Ramp stages</h2>\n${table(s.rampStages.map((stage, i) => [`stage ${i + 1}`, rampStageText(stage)]))}` : ''}
${s.thresholds?.length ? `<h2>Thresholds</h2>\n${table(s.thresholds.map((t) => [t.text, `${t.ok ? 'ok' : 'BREACHED'}: measured ${t.actual ?? 'nothing'}`]))}` : ''}
${table(rows)}
${charts.join('\n')}
<details><summary>Raw summary (JSON)</summary><pre>${esc(JSON.stringify({ ...s, timeline: undefined }, null, 2))}</pre></details>
</body></html>
`;
}
