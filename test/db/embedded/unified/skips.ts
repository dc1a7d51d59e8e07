/**
 * Published tests the embedded store sets aside on purpose, with the reason. Applied only when
 * the target is the embedded store (buildInfo.gitVersion 'kongjian-embedded'); against a real
 * MongoDB every in-scope test runs. Keys: "<file>: <test description>" or "<file>: *".
 */
const COLLATION = 'collation not implemented (store answers 238 NotImplemented)';
const OUT_MERGE = '$out/$merge not implemented (store answers 40324 UnrecognizedPipelineStage)';

const LIST: Array<[pattern: string, reason: string]> = [
  ...[
    'aggregate',
    'bulkWrite',
    'count',
    'deleteMany',
    'deleteOne',
    'distinct',
    'find',
    'findOneAndDelete',
    'findOneAndReplace',
    'findOneAndUpdate',
    'replaceOne',
    'updateMany',
    'updateOne',
  ].map((op) => [`${op}-collation: *`, COLLATION] as [string, string]),
  ['aggregate-out: *', OUT_MERGE],
  ['aggregate-merge: *', OUT_MERGE],
  ['aggregate-merge-errorResponse: *', OUT_MERGE],
  ['aggregate-let: Aggregate to collection with let option', OUT_MERGE],
  [
    'estimatedDocumentCount: estimatedDocumentCount works correctly on views',
    'views not implemented (create with viewOn answers 115 CommandNotSupported)',
  ],
  [
    'findOneAndUpdate-errorResponse: findOneAndUpdate document validation errInfo is accessible',
    'validators not enforced (collMod answers 59 CommandNotFound)',
  ],
];

/**
 * Tests the Node driver itself cannot pass, whatever the server: applied to every target.
 * (mongodb 7.x's insert helpers give a document whose `_id` is null a fresh ObjectId.)
 */
const DRIVER: Array<[pattern: string, reason: string]> = [['create-null-ids: *', 'driver: the Node driver replaces a null _id']];

export function driverSkip(file: string, test: string): string | undefined {
  return lookup(DRIVER, file, test);
}

export function embeddedSkip(file: string, test: string): string | undefined {
  return lookup(LIST, file, test);
}

function lookup(list: ReadonlyArray<[string, string]>, file: string, test: string): string | undefined {
  const base = file.replace(/^.*\//, '').replace(/\.json$/, '');
  for (const [pattern, reason] of list) {
    const [f, t] = pattern.split(': ') as [string, string];
    if (f === base && (t === '*' || t === test)) return reason;
  }
  return undefined;
}

export const skipList: ReadonlyArray<readonly [string, string]> = LIST;
