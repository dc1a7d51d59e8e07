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
import { firstBatchReply, optInt, toCursorId, type CommandContext, type CommandHandler } from './context.js';

function collName(cmd: Document, key: string): string {
  const v = cmd[key];
  if (typeof v !== 'string' || v.length === 0) throw new MongoServerError(ErrorCodes.InvalidNamespace, `collection name has invalid type ${typeof v}`);
  return v;
}

function filterOf(v: unknown): Document | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) throw new MongoServerError(ErrorCodes.TypeMismatch, "BSON field 'filter' is the wrong type, expected type 'object'");
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
    compileFilter(filter);
    return cursorReply('firstBatch', [], 0n, ns);
  }
  const { entries } = coll.find(filter, { sort, skip, limit });
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
  const key = cmd.key;
  if (typeof key !== 'string') throw new MongoServerError(ErrorCodes.TypeMismatch, "BSON field 'distinct.key' is missing or the wrong type");
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

/** Executes a leading $match [+ $sort [+ $skip] [+ $limit]] with the query planner. */
function pushDown(coll: Collection, pipeline: Document[]): { docs: Document[]; rest: Document[] } {
  let i = 0;
  let filter: Document | undefined;
  if (isPlainObject(pipeline[0]?.$match)) {
    filter = pipeline[0]!.$match as Document;
    i = 1;
  }
  let sort: ReturnType<typeof parseSort> = [];
  let skip = 0;
  let limit = 0;
  if (isPlainObject(pipeline[i]?.$sort)) {
    sort = parseSort(pipeline[i]!.$sort);
    i++;
    if (pipeline[i]?.$skip !== undefined) skip = optInt(pipeline[i++]!.$skip, '$skip') ?? 0;
    if (pipeline[i]?.$limit !== undefined) limit = optInt(pipeline[i++]!.$limit, '$limit') ?? 0;
  }
  const { entries } = coll.find(filter, { sort, skip, limit });
  return { docs: entries.map((e) => e.doc), rest: pipeline.slice(i) };
}

/** `{ $group: { _id: <constant>, n: { $sum: 1 } } }` as issued by countDocuments. */
function isCountGroup(stage: Document | undefined): { id: unknown; field: string } | undefined {
  const g = stage?.$group;
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
  const pipeline = cmd.pipeline;
  if (!Array.isArray(pipeline)) throw new MongoServerError(ErrorCodes.TypeMismatch, "'pipeline' option must be specified as an array");
  if (cmd.explain) throw new MongoServerError(ErrorCodes.IllegalOperation, 'explain is not supported by the embedded store');
  if (!isPlainObject(cmd.cursor)) throw new MongoServerError(ErrorCodes.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
  const stages = pipeline as Document[];
  for (const s of stages) {
    if (!isPlainObject(s) || Object.keys(s).length !== 1) throw new MongoServerError(40323, 'A pipeline stage specification object must contain exactly one field.');
  }
  const name = typeof cmd.aggregate === 'string' ? cmd.aggregate : null;
  if (name === null) throw new MongoServerError(ErrorCodes.InvalidNamespace, 'collection-less aggregate is not supported by the embedded store');
  const ns = `${ctx.db}.${name}`;
  const coll = ctx.engine.get(ctx.db, name);
  let docs: Document[] = [];
  let rest = stages;
  if (coll) ({ docs, rest } = pushDown(coll, stages));
  else if (isPlainObject(stages[0]?.$match)) compileFilter(stages[0]!.$match);
  let out: Document[];
  const countGroup = rest.length === 1 ? isCountGroup(rest[0]) : undefined;
  if (countGroup) out = docs.length > 0 ? [{ _id: countGroup.id ?? null, [countGroup.field]: docs.length }] : [];
  else {
    const resolve = (other: string): Document[] => {
      const c = ctx.engine.get(ctx.db, other);
      return c ? [...c.docs.values()].map((e) => e.doc) : [];
    };
    out = runPipeline(docs, rest, resolve);
  }
  const batchSize = optInt((cmd.cursor as Document).batchSize, 'batchSize');
  return firstBatchReply(ctx, ns, out, batchSize);
};

export const readCommands: Record<string, CommandHandler> = { find, getMore, killCursors, count, distinct, aggregate };
