/**
 * Command options the store checks like MongoDB 7.0 does: unknown fields are refused (code
 * 40415) instead of silently ignored, `let` variables are validated, and features the store
 * does not implement (collation) answer an error instead of a silently different result.
 */
import type { Document } from 'bson';
import { isPlainObject } from '../bson-values.js';
import { ErrorCodes, MongoServerError } from '../errors.js';
import { runPipeline } from '../matcher.js';

/** Fields any command may carry (sessions, concerns, API versioning, driver metadata). */
const GENERIC = new Set([
  'lsid',
  'txnNumber',
  'autocommit',
  'startTransaction',
  'readConcern',
  'writeConcern',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  'comment',
  'maxTimeMS',
  'maxTimeMSOpOnly',
  'stmtId',
  'stmtIds',
  'bypassDocumentValidation',
  'mayBypassWriteBlocking',
  'databaseVersion',
  'shardVersion',
  'clientOperationKey',
  'tenant',
  'expectPrefix',
  'readPreference',
  'isTimeseriesNamespace',
  'rawData',
]);

/** A field any command may carry ($db, $clusterTime, sessions, concerns …), as opposed to the command's own. */
export function isGenericField(name: string): boolean {
  return name.startsWith('$') || GENERIC.has(name);
}

export function unknownField(path: string): MongoServerError {
  return new MongoServerError(ErrorCodes.UnknownField, `BSON field '${path}' is an unknown field.`);
}

/** Throws 40415 for the first field of `doc` that is neither in `allowed` nor generic. */
export function rejectUnknown(doc: Document, where: string, allowed: ReadonlySet<string>, generic = true): void {
  for (const k of Object.keys(doc)) {
    if (allowed.has(k) || k.startsWith('$') || (generic && GENERIC.has(k))) continue;
    throw unknownField(`${where}.${k}`);
  }
}

export const FIND_FIELDS = new Set([
  'find',
  'filter',
  'projection',
  'sort',
  'hint',
  'skip',
  'limit',
  'batchSize',
  'singleBatch',
  'max',
  'min',
  'returnKey',
  'showRecordId',
  'tailable',
  'oplogReplay',
  'noCursorTimeout',
  'awaitData',
  'allowPartialResults',
  'collation',
  'allowDiskUse',
  'let',
  'readOnce',
  'allowSpeculativeMajorityRead',
  'requestResumeToken',
  'resumeAfter',
  'term',
]);
export const UPDATE_STATEMENT_FIELDS = new Set(['q', 'u', 'c', 'upsert', 'multi', 'arrayFilters', 'hint', 'collation', 'upsertSupplied']);
export const DELETE_STATEMENT_FIELDS = new Set(['q', 'limit', 'hint', 'collation']);

/** The `let` document of a command: constants by name (validated like MongoDB's variable names). */
export function letVariables(v: unknown): Document | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) throw new MongoServerError(ErrorCodes.TypeMismatch, "BSON field 'let' is the wrong type, expected type 'object'");
  for (const name of Object.keys(v)) {
    if (!/^[a-z\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*$/.test(name)) {
      throw new MongoServerError(ErrorCodes.FailedToParse, `'${name}' starts with an invalid character for a user variable name`);
    }
  }
  if (Object.keys(v).length === 0) return undefined;
  // Each value is an expression ({ $literal: '$x' }, { $add: [...] }), evaluated once per command.
  return runPipeline([{}], [{ $replaceWith: v }], () => [])[0] ?? {};
}

/**
 * Collation changes how strings compare; the store compares by code point only, so anything but
 * the "simple" collation is refused rather than answered with differently-matched documents.
 */
export function checkCollation(v: unknown): void {
  if (v === undefined || v === null) return;
  if (isPlainObject(v) && v.locale === 'simple') return;
  throw new MongoServerError(ErrorCodes.NotImplemented, 'collation is not supported by the embedded store (only { locale: "simple" })');
}
