/**
 * The order test files start in: the slowest first, so that the run does not end with one worker
 * busy on a long file while the other has nothing left (two workers on two cores; the longest files
 * take 40–100 s, most take 1–10 s).
 *
 * Vitest orders a project's files by their durations from its cache (node_modules/.vite/vitest), or,
 * in a fresh clone with no cache, by file size, which says little about duration (a 200-line failover
 * test runs 80 s, a 900-line input table 3 s). So the files below, measured slowest, go first in the
 * order listed; every other file keeps vitest's order after them. Projects still run one after the
 * other (browser, then server), as vitest does, so a worker keeps its loaded modules from one
 * server file to the next (the server project's `isolate: false`) — except the slowest server file,
 * which starts second, beside the browser file that builds the web client.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Measured slowest first (vitest --reporter=verbose, 2 workers on 2 cores); a file renamed here only loses its place. */
export const slowestFiles: readonly string[] = [
  'test/e2e/i18n-a11y.test.ts',
  'test/e2e/app.test.ts',
  'test/e2e/albums.test.ts',
  'test/cluster/failover-resumption.test.ts',
  'test/hardening/faults/cluster-faults.test.ts',
  'test/cluster/cluster.test.ts',
  'test/cluster/connect-race.test.ts',
  'test/hardening/faults/reconnect-storm.test.ts',
  'test/process/cluster.test.ts',
  'test/modules/chat/cluster.test.ts',
  'test/hardening/faults/store-restart.test.ts',
  'test/hardening/faults/slow-consumer.test.ts',
];

export default class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = slowestFiles.findIndex((f) => spec.moduleId.endsWith(f));
      return at === -1 ? slowestFiles.length : at;
    };
    const order = new Map(sorted.map((spec, i) => [spec, i]));
    // Stable: projects keep vitest's order; within one, the listed files first, then vitest's order.
    const ordered = [...sorted].sort((a, b) =>
      a.project.name !== b.project.name ? order.get(a)! - order.get(b)! : rank(a) - rank(b) || order.get(a)! - order.get(b)!,
    );
    // The first browser file builds the web client (test/e2e/client-once.ts) while the other browser
    // files wait for it: the slowest listed server file runs beside it instead of a second waiting one.
    const firstServer = ordered.findIndex((spec) => spec.project.name === 'server');
    if (firstServer > 1 && ordered[0]!.project.name === 'browser' && rank(ordered[firstServer]!) < slowestFiles.length) {
      const [server] = ordered.splice(firstServer, 1);
      ordered.splice(1, 0, server!);
    }
    return ordered;
  }
}
