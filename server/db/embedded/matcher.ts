/**
 * Thin layer over mingo: query predicates, projections, update operators and aggregation
 * pipelines all come from mingo; this file only adapts inputs/outputs and errors.
 */
import { Aggregator, ProcessingMode, update as mingoUpdate, updateOne as mingoUpdateOne } from 'mingo';
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
import { badValue, ErrorCodes, MongoServerError, toServerError } from './errors.js';

export type Matcher = (doc: Document) => boolean;

const baseOptions = { idKey: '_id', scriptEnabled: false, useStrictMode: true } as const;

const FULL_CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: pipelineOperators,
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
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$currentDate', '$push', '$pull', '$pullAll',
  '$addToSet', '$pop', '$bit', '$setOnInsert',
]);

/** Compiles a query filter; null for an empty filter (matches everything). Throws BadValue on bad operators. */
export function compileFilter(filter: unknown): Matcher | null {
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
    q = new Query(f, queryOptions);
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
    return new Query({}, queryOptions).find(docs, projection).all() as Document[];
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
    throw new MongoServerError(ErrorCodes.FailedToParse, `Unknown modifier: ${bad}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
  for (const op of ops) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw new MongoServerError(ErrorCodes.FailedToParse, `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    const arg = u[op];
    if (!isPlainObject(arg)) {
      throw new MongoServerError(ErrorCodes.FailedToParse, `Modifiers operate on fields but we found type ${Array.isArray(arg) ? 'array' : typeof arg} instead. For example: {$mod: {<field>: ...}} not {$set: <value>}`);
    }
  }
}

/**
 * Applies an operator update (or pipeline) to `doc` in place and returns the new document.
 * `$setOnInsert` is applied only when `inserting`.
 */
export function applyUpdate(doc: Document, u: Document | Document[], opts: { arrayFilters?: Document[]; filter?: Document; inserting: boolean }): Document {
  try {
    if (Array.isArray(u)) {
      const arr = [doc];
      mingoUpdateOne(arr, {}, u as Parameters<typeof mingoUpdateOne>[2], {}, baseOptions);
      return arr[0]!;
    }
    let mod: Document = u;
    if ('$setOnInsert' in u) {
      mod = { ...u };
      const soi = mod.$setOnInsert as Document;
      delete mod.$setOnInsert;
      if (opts.inserting) mod.$set = { ...(mod.$set as Document | undefined), ...soi };
    }
    if (Object.keys(mod).length === 0) return doc;
    const cond = opts.filter && Object.keys(opts.filter).length > 0 ? opts.filter : undefined;
    mingoUpdate(doc, mod, opts.arrayFilters, cond, { cloneMode: 'copy', queryOptions: baseOptions });
    return doc;
  } catch (err) {
    if (err instanceof MongoServerError) throw err;
    const e = toServerError(err);
    throw e.code === ErrorCodes.BadValue ? new MongoServerError(ErrorCodes.BadValue, e.message) : e;
  }
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
  '$addFields', '$bucket', '$bucketAuto', '$count', '$densify', '$facet', '$fill', '$graphLookup', '$group', '$limit',
  '$lookup', '$match', '$project', '$redact', '$replaceRoot', '$replaceWith', '$sample', '$set', '$setWindowFields',
  '$skip', '$sort', '$sortByCount', '$unionWith', '$unset', '$unwind',
]);

/** Runs an aggregation pipeline with mingo. `resolve` supplies other collections for $lookup/$unionWith. */
export function runPipeline(docs: Document[], pipeline: Document[], resolve: (name: string) => Document[]): Document[] {
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
    });
    return agg.run(docs) as Document[];
  } catch (err) {
    throw toServerError(err);
  }
}
