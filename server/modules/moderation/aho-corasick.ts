/**
 * One Aho–Corasick automaton over every keyword, so screening a text costs one pass over it however
 * many rules there are. Each keyword carries a severity; the automaton reports the most severe
 * keyword found (stopping early once nothing more severe is possible).
 */

export interface Keyword {
  readonly text: string;
  /** Higher is stricter. */
  readonly severity: number;
}

export interface KeywordMatch {
  readonly keyword: string;
  readonly severity: number;
}

export interface KeywordAutomaton {
  /**
   * The most severe keyword occurring in `text`, or null. `text` must already be in the keywords'
   * form, except for a per-code-unit `fold` the scan applies itself.
   */
  find(text: string, fold?: Uint16Array): KeywordMatch | null;
  readonly size: number;
}

/** Builds the automaton; matching works on UTF-16 code units, so keywords and text must share a normal form. */
export function buildAutomaton(keywords: readonly Keyword[]): KeywordAutomaton {
  const goto: Array<Map<number, number>> = [new Map()];
  const best: number[] = [-1]; // per state: index of the most severe keyword ending here (via suffix links)
  const list = keywords.filter((k) => k.text.length > 0);
  const maxSeverity = list.reduce((m, k) => Math.max(m, k.severity), -Infinity);

  list.forEach((k, index) => {
    let state = 0;
    for (let i = 0; i < k.text.length; i++) {
      const c = k.text.charCodeAt(i);
      let next = goto[state]!.get(c);
      if (next === undefined) {
        next = goto.length;
        goto.push(new Map());
        best.push(-1);
        goto[state]!.set(c, next);
      }
      state = next;
    }
    const current = best[state]!;
    if (current === -1 || list[current]!.severity < k.severity) best[state] = index;
  });

  // Breadth-first: failure links, and each state's best output folded in from its failure state.
  const fail = new Int32Array(goto.length);
  const queue: number[] = [];
  for (const child of goto[0]!.values()) queue.push(child);
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    for (const [c, child] of goto[state]!) {
      let f = fail[state]!;
      while (f !== 0 && !goto[f]!.has(c)) f = fail[f]!;
      const target = goto[f]!.get(c);
      fail[child] = target !== undefined && target !== child ? target : 0;
      const inherited = best[fail[child]!]!;
      const own = best[child]!;
      if (inherited !== -1 && (own === -1 || list[inherited]!.severity > list[own]!.severity)) best[child] = inherited;
      queue.push(child);
    }
  }

  return {
    size: list.length,
    find(text, fold) {
      let state = 0;
      let found = -1;
      for (let i = 0; i < text.length; i++) {
        const c = fold ? fold[text.charCodeAt(i)]! : text.charCodeAt(i);
        let next = goto[state]!.get(c);
        while (next === undefined && state !== 0) {
          state = fail[state]!;
          next = goto[state]!.get(c);
        }
        state = next ?? 0;
        const hit = best[state]!;
        if (hit !== -1 && (found === -1 || list[hit]!.severity > list[found]!.severity)) {
          found = hit;
          if (list[found]!.severity === maxSeverity) break;
        }
      }
      return found === -1 ? null : { keyword: list[found]!.text, severity: list[found]!.severity };
    },
  };
}
