/**
 * One Aho–Corasick automaton over every keyword, so screening a text costs one pass over it however
 * many rules there are. Each keyword carries a severity; the automaton reports the most severe
 * keyword found (stopping early once nothing more severe is possible). A caller may turn down an
 * occurrence (`accept`): the rules do when the gaps around a keyword's letters show it spans words.
 */

export interface Keyword {
  readonly text: string;
  /** Higher is stricter. */
  readonly severity: number;
}

export interface KeywordMatch {
  readonly keyword: string;
  readonly severity: number;
  /** The keyword's index in the list the automaton was built from. */
  readonly index: number;
}

/** Whether the occurrence of keyword `index` ending at code unit `end` (inclusive) counts. */
export type AcceptMatch = (index: number, end: number) => boolean;

export interface KeywordAutomaton {
  /**
   * The most severe keyword occurring in `text` (and accepted), or null. `text` must already be in
   * the keywords' form, except for a per-code-unit `fold` the scan applies itself.
   */
  find(text: string, fold?: Uint16Array, accept?: AcceptMatch): KeywordMatch | null;
  readonly size: number;
}

/** Builds the automaton; matching works on UTF-16 code units, so keywords and text must share a normal form. */
export function buildAutomaton(keywords: readonly Keyword[]): KeywordAutomaton {
  const goto: Array<Map<number, number>> = [new Map<number, number>()];
  const own: number[][] = [[]]; // per state: the keywords ending exactly here
  let size = 0;
  let maxSeverity = -Infinity;

  keywords.forEach((k, index) => {
    if (k.text.length === 0) return;
    size += 1;
    maxSeverity = Math.max(maxSeverity, k.severity);
    let state = 0;
    for (let i = 0; i < k.text.length; i++) {
      const c = k.text.charCodeAt(i);
      let next = goto[state]!.get(c);
      if (next === undefined) {
        next = goto.length;
        goto.push(new Map());
        own.push([]);
        goto[state]!.set(c, next);
      }
      state = next;
    }
    own[state]!.push(index);
  });

  // Breadth-first: failure links, and each state's outputs (its own plus its failure state's),
  // most severe first, so a scan can stop at the first accepted one.
  const fail = new Int32Array(goto.length);
  const outputs: Array<Int32Array | null> = new Array<Int32Array | null>(goto.length).fill(null);
  const bySeverity = (a: number, b: number) => keywords[b]!.severity - keywords[a]!.severity;
  const queue: number[] = [];
  for (const child of goto[0]!.values()) queue.push(child);
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    const inherited = outputs[fail[state]!];
    if (own[state]!.length > 0 || inherited) {
      outputs[state] = Int32Array.from([...own[state]!, ...(inherited ?? [])].sort(bySeverity));
    }
    for (const [c, child] of goto[state]!) {
      let f = fail[state]!;
      while (f !== 0 && !goto[f]!.has(c)) f = fail[f]!;
      const target = goto[f]!.get(c);
      fail[child] = target !== undefined && target !== child ? target : 0;
      queue.push(child);
    }
  }

  return {
    size,
    find(text, fold, accept) {
      let state = 0;
      let found = -1;
      let foundSeverity = -Infinity;
      for (let i = 0; i < text.length; i++) {
        const c = fold ? fold[text.charCodeAt(i)]! : text.charCodeAt(i);
        let next = goto[state]!.get(c);
        while (next === undefined && state !== 0) {
          state = fail[state]!;
          next = goto[state]!.get(c);
        }
        state = next ?? 0;
        const out = outputs[state];
        if (!out) continue;
        for (let o = 0; o < out.length; o++) {
          const k = out[o]!;
          const severity = keywords[k]!.severity;
          if (severity <= foundSeverity) break;
          if (!accept || accept(k, i)) {
            found = k;
            foundSeverity = severity;
            break;
          }
        }
        if (foundSeverity === maxSeverity) break;
      }
      return found === -1 ? null : { keyword: keywords[found]!.text, severity: foundSeverity, index: found };
    },
  };
}
