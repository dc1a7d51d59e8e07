/**
 * Thin layer over mingo: query predicates, projections, update operators and aggregation
 * pipelines all come from mingo; this file only adapts inputs/outputs and errors.
 */
import { Aggregator, ProcessingMode, update as mingoUpdate } from 'mingo';
import { Context } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import type { Document } from 'bson';
import { isOperatorObject, isPlainObject } from './bson-values.js';
import { tryFastUpdate } from './fast-update.js';
import { badValue, ErrorCodes, MongoServerError, toServerError } from './errors.js';

export type Matcher = (doc: Document) => boolean;

const baseOptions = { idKey: '_id', scriptEnabled: false, useStrictMode: true } as const;

/** `_id` first, as MongoDB's projection puts it (mingo appends it after computed fields). */
function idFirst<T>(doc: T): T {
  if (!isPlainObject(doc) || !('_id' in doc) || Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest } as T;
}

type StageFn = (
  coll: { map(f: (x: unknown) => unknown): unknown },
  expr: unknown,
  opts: Options,
) => { map(f: (x: unknown) => unknown): unknown };
const mingoProject = pipelineOperators.$project as unknown as StageFn;
const $project: StageFn = (coll, expr, opts) => mingoProject(coll, expr, opts).map(idFirst) as ReturnType<StageFn>;

const FULL_CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: { ...pipelineOperators, $project } as unknown as typeof pipelineOperators,
  projection: projectionOperators,
  query: queryOperators,
  window: windowOperators,
});

/**
 * mingo copies its whole operator table (hundreds of entries) whenever a Query is built from
 * plain options, which dominated the cost of a point read. An instance of mingo's own
 * ComputeOptions class is reused as-is, so we build one once: the class is obtained from the
 * options object mingo hands to a query operator.
 */
function sharedQueryOptions(): Partial<Options> {
  const plain: Partial<Options> = { ...baseOptions, failOnError: true, processingMode: ProcessingMode.CLONE_OFF, context: FULL_CONTEXT };
  let ctor: (new (options: Partial<Options>, locals: object) => Partial<Options>) | undefined;
  try {
    const probe = Context.init().addQueryOps({
      $__captureOptions: (_sel: string, _val: unknown, opts: Options) => {
        ctor = opts.constructor as typeof ctor;
        return () => true;
      },
    });
    new Query({ x: { $__captureOptions: 1 } }, { context: probe });
    if (ctor) {
      const shared = new ctor(plain, {});
      // Sanity check: the shared instance must evaluate queries like the plain options do.
      if (new Query({ a: { $in: [1] } }, shared).test({ a: [1] })) return shared;
    }
  } catch {
    // fall through to plain options
  }
  return plain;
}

const queryOptions = sharedQueryOptions();

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$currentDate',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$bit',
  '$setOnInsert',
]);

/** Compiles a query filter; null for an empty filter (matches everything). Throws BadValue on bad operators. */
export function compileFilter(filter: unknown, variables?: Document): Matcher | null {
  if (filter === undefined || filter === null) return null;
  if (!isPlainObject(filter)) throw badValue('filter must be an object');
  let f = filter;
  if ('$comment' in f) {
    f = { ...f };
    delete f.$comment;
  }
  if (Object.keys(f).length === 0) return null;
  for (const k of Object.keys(f)) {
    if (k.startsWith('$') && !['$and', '$or', '$nor', '$expr', '$jsonSchema', '$where', '$text', '$comment'].includes(k)) {
      throw badValue(`unknown top level operator: ${k}`);
    }
  }
  if ('$where' in f) throw badValue('$where is not allowed in this context');
  if ('$text' in f) throw badValue('text index required for $text query');
  let q: Query;
  try {
    // `let` variables need their own options object (the shared one is built once, without variables).
    q = new Query(
      f,
      variables
        ? { ...baseOptions, failOnError: true, processingMode: ProcessingMode.CLONE_OFF, context: FULL_CONTEXT, variables }
        : queryOptions,
    );
  } catch (err) {
    throw toServerError(err);
  }
  return (doc) => {
    try {
      return q.test(doc);
    } catch (err) {
      throw toServerError(err);
    }
  };
}

/** Applies a find projection to documents (one mingo pass over the batch). */
export function project(docs: Document[], projection: Document): Document[] {
  try {
    return (new Query({}, queryOptions).find(docs, projection).all() as Document[]).map(idFirst);
  } catch (err) {
    throw toServerError(err);
  }
}

export function isReplacement(u: unknown): boolean {
  return isPlainObject(u) && !Object.keys(u).some((k) => k.startsWith('$'));
}

export function validateUpdate(u: unknown): void {
  if (Array.isArray(u)) return;
  if (!isPlainObject(u)) throw new MongoServerError(ErrorCodes.FailedToParse, 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length > 0 && ops.length !== keys.length) {
    const bad = keys.find((k) => !k.startsWith('$'));
    throw new MongoServerError(
      ErrorCodes.FailedToParse,
      `Unknown modifier: ${bad}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  }
  const seen: Array<[string, string]> = [];
  const claim = (path: string): void => {
    for (const [p] of seen) {
      if (p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`)) {
        throw new MongoServerError(
          ErrorCodes.ConflictingUpdateOperators,
          `Updating the path '${path}' would create a conflict at '${p.length < path.length ? p : path}'`,
        );
      }
    }
    seen.push([path, path]);
  };
  for (const op of ops) {
    const arg = u[op];
    if (isPlainObject(arg)) {
      for (const [path, v] of Object.entries(arg)) {
        claim(path);
        if (op === '$rename' && typeof v === 'string') claim(v);
      }
    }
  }
  for (const op of ops) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw new MongoServerError(
        ErrorCodes.FailedToParse,
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    const arg = u[op];
    if (!isPlainObject(arg)) {
      throw new MongoServerError(
        ErrorCodes.FailedToParse,
        `Modifiers operate on fields but we found type ${Array.isArray(arg) ? 'array' : typeof arg} instead. For example: {$mod: {<field>: ...}} not {$set: <value>}`,
      );
    }
  }
}

/**
 * Applies an operator update (or pipeline) to `doc` in place and returns the new document.
 * `$setOnInsert` is applied only when `inserting`.
 */
export function applyUpdate(
  doc: Document,
  u: Document | Document[],
  opts: { arrayFilters?: Document[]; filter?: Document; inserting: boolean; variables?: Document },
): Document {
  if (Array.isArray(u)) return applyPipelineUpdate(doc, u, opts.variables);
  try {
    let mod: Document = u;
    if ('$setOnInsert' in u) {
      mod = { ...u };
      const soi = mod.$setOnInsert as Document;
      delete mod.$setOnInsert;
      if (opts.inserting) mod.$set = { ...(mod.$set as Document | undefined), ...soi };
    }
    if (Object.keys(mod).length === 0) return doc;
    if (!opts.arrayFilters && tryFastUpdate(doc, mod)) return doc;
    const cond = opts.filter && Object.keys(opts.filter).length > 0 ? opts.filter : undefined;
    mingoUpdate(doc, mod, opts.arrayFilters, cond, {
      cloneMode: 'copy',
      queryOptions: opts.variables ? { ...baseOptions, variables: opts.variables } : baseOptions,
    });
    return doc;
  } catch (err) {
    if (err instanceof MongoServerError) throw err;
    const e = toServerError(err);
    throw e.code === ErrorCodes.BadValue ? new MongoServerError(ErrorCodes.BadValue, e.message) : e;
  }
}

const PIPELINE_UPDATE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

/**
 * A pipeline-style update runs as an aggregation over the one document (mingo's own updater
 * tracks modified paths and cannot name a top-level field holding a dot or `$`). Like MongoDB,
 * a result without `_id` keeps the original one.
 */
function applyPipelineUpdate(doc: Document, stages: Document[], variables: Document | undefined): Document {
  for (const s of stages) {
    const name = isPlainObject(s) ? (Object.keys(s)[0] ?? '') : '';
    if (!PIPELINE_UPDATE_STAGES.has(name)) {
      throw new MongoServerError(ErrorCodes.InvalidOptions, `${name || 'stage'} is not allowed to be used within an update`);
    }
  }
  const out = runPipeline([doc], stages, () => [], variables)[0];
  if (!isPlainObject(out)) throw new MongoServerError(ErrorCodes.BadValue, 'the update pipeline did not produce a document');
  if (out._id === undefined && doc._id !== undefined) return { _id: doc._id as unknown, ...out };
  return out;
}

/** Seed document for an upsert: the equality conditions of the filter. */
export function upsertSeed(filter: Document | undefined): Document {
  const out: Document = {};
  const visit = (f: Document): void => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const sub of v) if (isPlainObject(sub)) visit(sub);
        continue;
      }
      if (k.startsWith('$')) continue;
      let val: unknown = v;
      if (isOperatorObject(v)) {
        if ('$eq' in v) val = v.$eq;
        else continue;
      }
      if (val instanceof RegExp) continue;
      setPath(out, k, val);
    }
  };
  if (filter) visit(filter);
  return out;
}

function setPath(doc: Document, path: string, v: unknown): void {
  const parts = path.split('.');
  let cur: Document = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i]!;
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p] as Document;
  }
  cur[parts[parts.length - 1]!] = v;
}

export const SAFE_NO_CLONE_STAGES = new Set(['$match', '$sort', '$limit', '$skip', '$group', '$count', '$project', '$sortByCount']);

const SUPPORTED_STAGES = new Set([
  '$addFields',
  '$bucket',
  '$bucketAuto',
  '$count',
  '$densify',
  '$facet',
  '$fill',
  '$graphLookup',
  '$group',
  '$limit',
  '$lookup',
  '$match',
  '$project',
  '$redact',
  '$replaceRoot',
  '$replaceWith',
  '$sample',
  '$set',
  '$setWindowFields',
  '$skip',
  '$sort',
  '$sortByCount',
  '$unionWith',
  '$unset',
  '$unwind',
]);

/** Runs an aggregation pipeline with mingo. `resolve` supplies other collections for $lookup/$unionWith. */
export function runPipeline(
  docs: Document[],
  pipeline: Document[],
  resolve: (name: string) => Document[],
  variables?: Document,
): Document[] {
  let cloneNeeded = false;
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0] ?? '';
    if (!SUPPORTED_STAGES.has(name)) {
      throw new MongoServerError(ErrorCodes.UnrecognizedPipelineStage, `Unrecognized pipeline stage name: '${name}'`);
    }
    if (!SAFE_NO_CLONE_STAGES.has(name)) cloneNeeded = true;
  }
  try {
    const agg = new Aggregator(pipeline, {
      ...baseOptions,
      processingMode: cloneNeeded ? ProcessingMode.CLONE_INPUT : ProcessingMode.CLONE_OFF,
      collectionResolver: resolve,
      context: FULL_CONTEXT,
      ...(variables ? { variables } : {}),
    });
    return agg.run<Document>(docs);
  } catch (err) {
    throw toServerError(err);
  }
}
