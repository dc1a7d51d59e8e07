/**
 * `npm run bench -- moderation [--seconds S]`: keyword screening throughput and p99 latency with
 * 10, 1000 and 5000 rules on 2 KB texts — the Aho–Corasick automaton the hub uses against a naive
 * loop over the rules (the baseline), measured in the same run on the same texts.
 */
import { normalizeForMatch, prepareForMatch } from '../../server/modules/moderation/normalize.js';
import {
  compileRules,
  gapsAllow,
  severityOf,
  toKeyword,
  type CompiledRule,
  type Keyword,
} from '../../server/modules/moderation/rule-set.js';
import type { ModerationAction } from '../../shared/dto.js';
import { parseCli, UsageError } from '../cli-args.js';

const actions: readonly ModerationAction[] = ['review', 'hold', 'block'];
const latin = 'abcdefghijklmnopqrstuvwxyz';
const han =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单手';

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

function word(next: () => number, alphabet: string, min: number, max: number): string {
  const n = min + Math.floor(next() * (max - min + 1));
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

function makeRules(count: number, next: () => number): CompiledRule[] {
  const seen = new Set<string>();
  const rules: CompiledRule[] = [];
  while (rules.length < count) {
    const pattern = next() < 0.5 ? `${word(next, latin, 5, 10)}` : word(next, han, 3, 5);
    const normalized = normalizeForMatch(pattern);
    if (seen.has(normalized)) continue;
    seen.add(normalized);
    rules.push({ pattern, normalized, action: actions[Math.floor(next() * actions.length)]! });
  }
  return rules;
}

/** ~2 KB of mixed Latin and Chinese; every tenth text carries a random rule's keyword. */
function makeTexts(count: number, rules: readonly CompiledRule[], next: () => number): string[] {
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    let t = '';
    while (Buffer.byteLength(t) < 2048) t += next() < 0.5 ? `${word(next, latin, 2, 8)} ` : `${word(next, han, 2, 6)}，`;
    if (i % 10 === 0) {
      const r = rules[Math.floor(next() * rules.length)]!;
      const at = Math.floor(next() * t.length);
      t = t.slice(0, at) + r.pattern + t.slice(at);
    }
    texts.push(t);
  }
  return texts;
}

/** The baseline: every rule's every occurrence checked against the (normalised) text, strictest kept. */
function naiveScreen(rules: readonly CompiledRule[], keywords: readonly Keyword[], text: string): string {
  const prepared = prepareForMatch(text);
  let best = 0;
  let action = 'allow';
  rules.forEach((r, i) => {
    const s = severityOf[r.action];
    if (s <= best) return;
    const k = keywords[i]!;
    for (let at = prepared.letters.indexOf(k.letters); at !== -1; at = prepared.letters.indexOf(k.letters, at + 1)) {
      if (gapsAllow(k, prepared, at + k.letters.length - 1)) {
        best = s;
        action = r.action;
        return;
      }
    }
  });
  return action;
}

interface Measure {
  readonly perSecond: number;
  readonly mbPerSecond: number;
  readonly p50us: number;
  readonly p99us: number;
}

function measure(texts: readonly string[], seconds: number, screen: (text: string) => string): Measure {
  for (let i = 0; i < Math.min(200, texts.length); i++) screen(texts[i]!); // warm-up
  const samples: number[] = [];
  let bytes = 0;
  const deadline = performance.now() + seconds * 1000;
  const start = performance.now();
  for (let i = 0; performance.now() < deadline; i++) {
    const text = texts[i % texts.length]!;
    const t0 = performance.now();
    screen(text);
    samples.push(performance.now() - t0);
    bytes += text.length * 2;
  }
  const elapsed = (performance.now() - start) / 1000;
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]! * 1000;
  return { perSecond: samples.length / elapsed, mbPerSecond: bytes / 1e6 / elapsed, p50us: at(0.5), p99us: at(0.99) };
}

export const benchCli = {
  usage: `usage: npm run bench -- moderation [--seconds S]

Keyword screening throughput and p99 with 10, 1000 and 5000 rules: the automaton against a naive loop.

  --seconds S   seconds to measure each case (default 1)`,
  options: { seconds: { type: 'string' } },
} as const;

export function run(args: string[]): void {
  const { values } = parseCli(benchCli, args);
  const seconds = values.seconds === undefined ? 1 : Number(values.seconds);
  if (!(seconds > 0)) throw new UsageError(`--seconds must be a number above 0, not "${values.seconds}"`);
  const rows: string[] = [];
  for (const count of [10, 1000, 5000]) {
    const next = rng(count);
    const rules = makeRules(count, next);
    const texts = makeTexts(500, rules, next);
    const compiled = compileRules(rules);
    const keywords = rules.map((r) => toKeyword(r.pattern));
    for (const t of texts) {
      const a = compiled.screen(t).action;
      const b = naiveScreen(rules, keywords, t);
      if (a !== b) throw new Error(`automaton and baseline disagree (${a} vs ${b}) with ${count} rules`);
    }
    const auto = measure(texts, seconds, (t) => compiled.screen(t).action);
    const naive = measure(texts, seconds, (t) => naiveScreen(rules, keywords, t));
    rows.push(
      [
        String(count).padStart(5),
        `${auto.perSecond.toFixed(0).padStart(8)}/s ${auto.p99us.toFixed(0).padStart(6)} µs`,
        `${naive.perSecond.toFixed(0).padStart(8)}/s ${naive.p99us.toFixed(0).padStart(6)} µs`,
        `${(auto.perSecond / naive.perSecond).toFixed(1).padStart(6)}×`,
      ].join(' | '),
    );
  }
  process.stdout.write('screening 2 KB texts (normalisation included); throughput and p99 per text\n');
  process.stdout.write('rules | automaton               | naive loop (baseline)   | speed-up\n');
  for (const r of rows) process.stdout.write(`${r}\n`);
}
