/**
 * Published tests the embedded store sets aside on purpose, with the reason. Applied only when
 * the target is the embedded store (buildInfo.gitVersion 'kongjian-embedded'); against a real
 * MongoDB every in-scope test runs. Keys: "<file>: <test description>" or "<file>: *".
 */
const LIST: Array<[pattern: string, reason: string]> = [];

export function embeddedSkip(file: string, test: string): string | undefined {
  const base = file.replace(/^.*\//, '').replace(/\.json$/, '');
  for (const [pattern, reason] of LIST) {
    const [f, t] = pattern.split(': ') as [string, string];
    if (f === base && (t === '*' || t === test)) return reason;
  }
  return undefined;
}

export const skipList: ReadonlyArray<readonly [string, string]> = LIST;
