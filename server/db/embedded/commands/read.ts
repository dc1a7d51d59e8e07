/** Queries: find, getMore, killCursors, count, distinct, aggregate. */
import { Long, type Document } from 'bson';
import { compareValues, idKey, isPlainObject, pathValues } from '../bson-values.js';
import type { Collection } from '../collection.js';
import type { ResultItem } from '../cursors.js';
import { badValue, ErrorCodes, MongoServerError } from '../errors.js';
import { compileFilter, project, runPipeline } from '../matcher.js';
import { compileFastProjection } from '../fast-projection.js';
import { parseSort } from '../query-planner.js';
import { cursorReply } from '../raw-bson.js';
import type { DocEntry } from '../types.js';
import { checkCollation, FIND_FIELDS, letVariables, rejectUnknown } from './options.js';
import { firstBatchReply, optInt, toCursorId, type CommandContext, type CommandHandler } from './context.js';

function collName(cmd: Document, key: string): string {
  const v: unknown = cmd[key];
  if (typeof v !== 'string' || v.length === 0)
    throw new MongoServerError(ErrorCodes.InvalidNamespace, `collection name has invalid type ${typeof v}`);
  return v;
}

function filterOf(v: unknown): Document | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v))
    throw new MongoServerError(ErrorCodes.TypeMismatch, "BSON field 'filter' is the wrong type, expected type 'object'");
  return v;
}

function projected(entries: DocEntry[], projection: unknown): ResultItem[] {
  if (isPlainObject(projection) && Object.keys(projection).length > 0) {
    const fast = compileFastProjection(projection);
    if (fast) return entries.map((e) => fast(e.doc));
    return project(
      entries.map((e) => e.doc),
      projection,
    );
  }
  return entries.map((e) => e.raw);
}

const find: CommandHandler = (cmd, ctx) => {
  const name = collName(cmd, 'find');
  rejectUnknown(cmd, 'find', FIND_FIELDS);
  checkCollation(cmd.collation);
  const variables = letVariables(cmd.let);
  const ns = `${ctx.db}.${name}`;
  const filter = filterOf(cmd.filter);
  const sort = parseSort(cmd.sort);
  const skip = optInt(cmd.skip, 'skip') ?? 0;
  let limit = optInt(cmd.limit, 'limit') ?? 0;
  let singleBatch = cmd.singleBatch === true;
  if (skip < 0) throw badValue('skip value must be non-negative');
  if (limit < 0) {
    limit = -limit;
    singleBatch = true;
  }
  const batchSize = optInt(cmd.batchSize, 'batchSize');
  const coll = ctx.engine.get(ctx.db, name);
  if (!coll) {
    compileFilter(filter, variables);
    return cursorReply('firstBatch', [], 0n, ns);
  }
  const { entries } = coll.find(filter, { sort, skip, limit, variables });
  const items = projected(entries, cmd.projection);
  return firstBatchReply(ctx, ns, items, limit > 0 && batchSize === undefined ? Math.max(limit, 1) : batchSize, singleBatch);
};

const getMore: CommandHandler = (cmd, ctx) => {
  const id = toCursorId(cmd.getMore);
  const cur = ctx.engine.cursors.get(id);
  if (!cur) throw new MongoServerError(ErrorCodes.CursorNotFound, `cursor id ${id} not found`);
  const batch = cur.nextBatch(optInt(cmd.batchSize, 'batchSize') ?? 0);
  let outId = id;
  if (cur.exhausted) {
    ctx.engine.cursors.kill(id);
    outId = 0n;
  }
  return cursorReply('nextBatch', batch, outId, cur.ns);
};

const killCursors: CommandHandler = (cmd, ctx) => {
  const killed: Long[] = [];
  const notFound: Long[] = [];
  for (const raw of Array.isArray(cmd.cursors) ? cmd.cursors : []) {
    const id = toCursorId(raw);
    (ctx.engine.cursors.kill(id) ? killed : notFound).push(Long.fromBigInt(id));
  }
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

const count: CommandHandler = (cmd, ctx) => {
  checkCollation(cmd.collation);
  const coll = ctx.engine.get(ctx.db, collName(cmd, 'count'));
  const filter = filterOf(cmd.query);
  if (!coll) {
    compileFilter(filter);
    return { n: 0, ok: 1 };
  }
  const skip = optInt(cmd.skip, 'skip') ?? 0;
  const limit = Math.abs(optInt(cmd.limit, 'limit') ?? 0);
  let n = coll.count(filter);
  n = Math.max(0, n - skip);
  if (limit > 0) n = Math.min(n, limit);
  return { n, ok: 1 };
};

const distinct: CommandHandler = (cmd, ctx) => {
  const key: unknown = cmd.key;
  if (typeof key !== 'string')
    throw new MongoServerError(ErrorCodes.TypeMismatch, "BSON field 'distinct.key' is missing or the wrong type");
  checkCollation(cmd.collation);
  const coll = ctx.engine.get(ctx.db, collName(cmd, 'distinct'));
  const filter = filterOf(cmd.query);
  if (!coll) {
    compileFilter(filter);
    return { values: [], ok: 1 };
  }
  const seen = new Map<string, unknown>();
  const path = key.split('.');
  for (const e of coll.find(filter).entries) {
    for (const v of pathValues(e.doc, path)) {
      const vals = Array.isArray(v) ? v : [v];
      for (const x of vals) {
        if (x === undefined) continue;
        const k = idKey(x);
        if (!seen.has(k)) seen.set(k, x);
      }
    }
  }
  return { values: [...seen.values()].sort(compareValues), ok: 1 };
};

/** Executes a leading $match [+ $sort] [+ $skip] [+ $limit] with the query planner. */
function pushDown(coll: Collection, pipeline: Document[], variables: Document | undefined): { docs: Document[]; rest: Document[] } {
  let i = 0;
  let filter: Document | undefined;
  if (isPlainObject(pipeline[0]?.$match)) {
    filter = pipeline[0].$match;
    i = 1;
  }
  let sort: ReturnType<typeof parseSort> = [];
  let skip = 0;
  let limit = 0;
  if (isPlainObject(pipeline[i]?.$sort)) {
    sort = parseSort(pipeline[i]!.$sort);
    i++;
  }
  // $skip then $limit (countDocuments' shape) commute with the match; a $limit before a $skip does not fold.
  if (pipeline[i]?.$skip !== undefined) skip = optInt(pipeline[i++]!.$skip, '$skip') ?? 0;
  if (pipeline[i]?.$limit !== undefined) limit = optInt(pipeline[i++]!.$limit, '$limit') ?? 0;
  if (skip < 0 || limit < 0) throw badValue('invalid argument to $skip/$limit stage: must be non-negative');
  if (limit === 0 && pipeline[i - 1]?.$limit !== undefined) throw badValue('the limit must be positive');
  const { entries } = coll.find(filter, { sort, skip, limit, variables });
  return { docs: entries.map((e) => e.doc), rest: pipeline.slice(i) };
}

/** `{ $group: { _id: <constant>, n: { $sum: 1 } } }` as issued by countDocuments. */
function isCountGroup(stage: Document | undefined): { id: unknown; field: string } | undefined {
  const g: unknown = stage?.$group;
  if (!isPlainObject(g)) return undefined;
  const keys = Object.keys(g);
  if (keys.length !== 2 || keys[0] !== '_id') return undefined;
  const id = g._id;
  if (typeof id === 'string' || isPlainObject(id) || Array.isArray(id)) return undefined;
  const acc = g[keys[1]!];
  if (!isPlainObject(acc) || Object.keys(acc).length !== 1 || acc.$sum !== 1) return undefined;
  return { id, field: keys[1]! };
}

const aggregate: CommandHandler = (cmd, ctx: CommandContext) => {
  const pipeline: unknown = cmd.pipeline;
  if (!Array.isArray(pipeline)) throw new MongoServerError(ErrorCodes.TypeMismatch, "'pipeline' option must be specified as an array");
  if (cmd.explain) throw new MongoServerError(ErrorCodes.IllegalOperation, 'explain is not supported by the embedded store');
  if (!isPlainObject(cmd.cursor))
    throw new MongoServerError(ErrorCodes.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
  const stages = pipeline as Document[];
  for (const s of stages) {
    if (!isPlainObject(s) || Object.keys(s).length !== 1)
      throw new MongoServerError(40323, 'A pipeline stage specification object must contain exactly one field.');
  }
  checkCollation(cmd.collation);
  const variables = letVariables(cmd.let);
  if (cmd.aggregate === 1) return dbAggregate(cmd, ctx, stages, variables);
  const name = typeof cmd.aggregate === 'string' ? cmd.aggregate : null;
  if (name === null) throw new MongoServerError(ErrorCodes.InvalidNamespace, "BSON field 'aggregate' must be a collection name or 1");
  const ns = `${ctx.db}.${name}`;
  const coll = ctx.engine.get(ctx.db, name);
  let docs: Document[] = [];
  let rest = stages;
  if (coll) ({ docs, rest } = pushDown(coll, stages, variables));
  else if (isPlainObject(stages[0]?.$match)) compileFilter(stages[0].$match, variables);
  let out: Document[];
  const countGroup = rest.length === 1 ? isCountGroup(rest[0]) : undefined;
  if (countGroup) out = docs.length > 0 ? [{ _id: countGroup.id ?? null, [countGroup.field]: docs.length }] : [];
  else {
    const resolve = (other: string): Document[] => {
      const c = ctx.engine.get(ctx.db, other);
      return c ? [...c.docs.values()].map((e) => e.doc) : [];
    };
    out = runPipeline(docs, rest, resolve, variables);
  }
  const batchSize = optInt((cmd.cursor as Document).batchSize, 'batchSize');
  return firstBatchReply(ctx, ns, out, batchSize);
};

/**
 * `db.aggregate()`: a pipeline with no collection, which must start with a stage that produces
 * documents by itself. `$documents` gives its literal documents; `$listLocalSessions` lists none
 * (sessions are accepted and not tracked), answering one placeholder only so later stages run.
 */
function dbAggregate(cmd: Document, ctx: CommandContext, stages: Document[], variables: Document | undefined): Uint8Array {
  const first = stages[0] ?? {};
  const name = Object.keys(first)[0] ?? '';
  let docs: Document[];
  if (name === '$documents') {
    const v: unknown = first.$documents;
    if (!Array.isArray(v) || !v.every(isPlainObject))
      throw new MongoServerError(5858203, 'an array of documents must be specified to $documents');
    docs = v;
  } else if (name === '$listLocalSessions') {
    docs = [{ _id: { id: ((ctx.req.body.lsid as Document | undefined)?.id as unknown) ?? null }, user: null, lastUse: new Date() }];
  } else if (name === '$currentOp' || name === '$changeStream' || name === '$querySettings') {
    throw new MongoServerError(ErrorCodes.NotImplemented, `${name} is not supported by the embedded store`);
  } else {
    throw new MongoServerError(ErrorCodes.InvalidNamespace, `{aggregate: 1} is not valid for '${name}'; a collection is required.`);
  }
  const resolve = (other: string): Document[] => {
    const c = ctx.engine.get(ctx.db, other);
    return c ? [...c.docs.values()].map((e) => e.doc) : [];
  };
  const out = runPipeline(docs, stages.slice(1), resolve, variables);
  return firstBatchReply(ctx, `${ctx.db}.$cmd.aggregate`, out, optInt((cmd.cursor as Document).batchSize, 'batchSize'));
}

export const readCommands: Record<string, CommandHandler> = { find, getMore, killCursors, count, distinct, aggregate };
