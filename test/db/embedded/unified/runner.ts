/**
 * A runner for the unified test format (CRUD subset), written from the format's description
 * (mongodb/specifications, source/unified-test-format). It drives the official `mongodb` driver
 * against one deployment, the embedded store or a real MongoDB, and reports each test as pass,
 * fail or skip-with-reason. Command-monitoring expectations (`expectEvents`) check what the
 * driver sends, not what the server does, so they are not evaluated: a test whose only
 * assertions are events is skipped as "events-only".
 */
import { EJSON, type Document } from 'bson';
import { MongoClient, MongoServerError, type Db, type Collection as DriverCollection, type ClientSession } from 'mongodb';
import { assertMatches, isDocument, MatchError, type MatchContext } from './match.js';
import { driverSkip, embeddedSkip } from './skips.js';
import { runOperation, UnsupportedOperation, type Entities } from './operations.js';

export interface UnifiedFile {
  description: string;
  schemaVersion: string;
  runOnRequirements?: Requirement[];
  createEntities?: Document[];
  initialData?: Array<{ collectionName: string; databaseName: string; documents: Document[]; createOptions?: Document }>;
  tests: UnifiedTest[];
}

export interface UnifiedTest {
  description: string;
  runOnRequirements?: Requirement[];
  skipReason?: string;
  operations: Operation[];
  expectEvents?: unknown[];
  outcome?: Array<{ collectionName: string; databaseName: string; documents: Document[] }>;
}

export interface Operation {
  name: string;
  object: string;
  arguments?: Document;
  expectError?: Document;
  expectResult?: unknown;
  saveResultAsEntity?: string;
  ignoreResultAndError?: boolean;
}

interface Requirement {
  minServerVersion?: string;
  maxServerVersion?: string;
  topologies?: string[];
  serverless?: 'require' | 'forbid' | 'allow';
  auth?: boolean;
  csfle?: unknown;
  serverParameters?: Document;
}

export interface ServerInfo {
  version: number[];
  topology: 'single' | 'replicaset' | 'sharded';
  embedded: boolean;
}

export type Status = 'pass' | 'fail' | 'skip';

export interface TestResult {
  file: string;
  test: string;
  status: Status;
  /** Skip reason (a short category) or failure message. */
  reason?: string;
}

export function parseUnified(text: string): UnifiedFile {
  // Canonical mode keeps int32/int64/double distinct, as the files spell them.
  return EJSON.parse(text, { relaxed: false }) as UnifiedFile;
}

function versionOf(s: string): number[] {
  return s.split('.').map((x) => Number(x) || 0);
}

function cmpVersion(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export async function serverInfo(client: MongoClient): Promise<ServerInfo> {
  const admin = client.db('admin');
  const build = await admin.command({ buildInfo: 1 });
  const hello = await admin.command({ hello: 1 });
  const topology = hello.msg === 'isdbgrid' ? 'sharded' : hello.setName ? 'replicaset' : 'single';
  return { version: versionOf(String(build.version)), topology, embedded: build.gitVersion === 'kongjian-embedded' };
}

/** Why no requirement in the list is met (undefined when one is). */
export function unmetRequirement(reqs: Requirement[] | undefined, info: ServerInfo): string | undefined {
  if (!reqs || reqs.length === 0) return undefined;
  let why = '';
  for (const r of reqs) {
    if (r.minServerVersion && cmpVersion(info.version, versionOf(r.minServerVersion)) < 0) why ||= 'server version out of range';
    else if (
      r.maxServerVersion &&
      cmpVersion(info.version.slice(0, versionOf(r.maxServerVersion).length), versionOf(r.maxServerVersion)) > 0
    )
      why ||= 'server version out of range';
    else if (r.topologies && !r.topologies.includes(info.topology)) why ||= 'replica-set/sharded topology';
    else if (r.serverless === 'require') why ||= 'serverless';
    else if (r.auth === true) why ||= 'auth';
    else if (r.csfle !== undefined) why ||= 'csfle';
    else if (r.serverParameters) why ||= 'server parameters';
    else return undefined;
  }
  return why;
}

function eventsOnly(t: UnifiedTest): boolean {
  if (t.outcome && t.outcome.length > 0) return false;
  return !t.operations.some((o) => o.expectResult !== undefined || o.expectError !== undefined || o.object === 'testRunner');
}

/** What, in a test, makes it unrunnable here regardless of the server (a skip category), if anything. */
function structuralSkip(file: UnifiedFile, t: UnifiedTest): string | undefined {
  if (t.skipReason) return 'skipped by the file';
  if (t.operations.some((o) => o.name === 'failPoint' || o.name === 'targetedFailPoint')) return 'fail points';
  if (eventsOnly(t)) return 'events-only';
  for (const e of file.createEntities ?? []) {
    if ('clientEncryption' in e || 'bucket' in e || 'thread' in e) return 'entity type not in the CRUD subset';
  }
  return undefined;
}

async function setUpInitialData(internal: MongoClient, file: UnifiedFile): Promise<void> {
  for (const d of file.initialData ?? []) {
    const db = internal.db(d.databaseName);
    await db
      .collection(d.collectionName)
      .drop()
      .catch(() => undefined);
    if (d.documents.length > 0) {
      await db.collection(d.collectionName).insertMany(d.documents.map((x) => ({ ...x })));
    } else {
      await db.createCollection(d.collectionName, d.createOptions ?? {});
    }
  }
}

function clientOptions(spec: Document): Document {
  const out: Document = {};
  for (const [k, v] of Object.entries((spec.uriOptions as Document | undefined) ?? {}))
    out[k] = v instanceof Object && 'valueOf' in v ? (v as { valueOf(): unknown }).valueOf() : v;
  return out;
}

/** readConcern/writeConcern/readPreference as the driver takes them. */
function collOptions(spec: Document | undefined): Document {
  if (!spec) return {};
  const out: Document = { ...spec };
  if (isDocument(spec.readPreference)) out.readPreference = (spec.readPreference as Document).mode;
  if (isDocument(spec.writeConcern)) out.writeConcern = normalizeNumbers(spec.writeConcern);
  return out;
}

/** Unwraps Int32/Double wrappers into plain numbers where the driver wants JS numbers. */
export function normalizeNumbers<T>(v: T): T {
  if (Array.isArray(v)) return v.map(normalizeNumbers) as T;
  if (v && typeof v === 'object') {
    const tag = (v as { _bsontype?: string })._bsontype;
    if (tag === 'Int32' || tag === 'Double') return (v as { valueOf(): number }).valueOf() as T;
    if (isDocument(v)) {
      const out: Document = {};
      for (const [k, x] of Object.entries(v)) out[k] = normalizeNumbers(x);
      return out as T;
    }
  }
  return v;
}

async function createEntities(uri: string, file: UnifiedFile, entities: Entities, clients: MongoClient[]): Promise<void> {
  for (const e of file.createEntities ?? []) {
    const [kind, spec] = Object.entries(e)[0]! as [string, Document];
    const id = String(spec.id);
    if (kind === 'client') {
      const c = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000, ...clientOptions(spec) });
      await c.connect();
      clients.push(c);
      entities.set(id, c);
    } else if (kind === 'database') {
      const c = entities.get(String(spec.client)) as MongoClient;
      entities.set(id, c.db(String(spec.databaseName), collOptions(spec.databaseOptions as Document | undefined)));
    } else if (kind === 'collection') {
      const db = entities.get(String(spec.database)) as Db;
      entities.set(id, db.collection(String(spec.collectionName), collOptions(spec.collectionOptions as Document | undefined)));
    } else if (kind === 'session') {
      const c = entities.get(String(spec.client)) as MongoClient;
      entities.set(id, c.startSession((spec.sessionOptions as Document | undefined) ?? {}));
    } else {
      throw new UnsupportedOperation(`entity ${kind}`);
    }
  }
}

function errorMessages(err: unknown): string[] {
  const out: string[] = [];
  if (err instanceof Error) out.push(err.message);
  const e = err as { writeErrors?: Array<{ errmsg?: string; message?: string }>; errorResponse?: Document };
  if (Array.isArray(e.writeErrors)) for (const w of e.writeErrors) out.push(String(w.errmsg ?? w.message ?? ''));
  if (e.errorResponse && typeof e.errorResponse.errmsg === 'string') out.push(e.errorResponse.errmsg);
  return out;
}

function codesOf(err: unknown): { codes: number[]; names: string[] } {
  const e = err as {
    code?: unknown;
    codeName?: unknown;
    writeErrors?: Array<{ code?: number; codeName?: string; err?: { code?: number } }>;
    errorResponse?: Document;
  };
  const codes: number[] = [];
  const names: string[] = [];
  if (typeof e.code === 'number') codes.push(e.code);
  if (typeof e.codeName === 'string') names.push(e.codeName);
  if (e.errorResponse && typeof e.errorResponse.codeName === 'string') names.push(e.errorResponse.codeName);
  for (const w of e.writeErrors ?? []) {
    if (typeof w.code === 'number') codes.push(w.code);
    if (typeof w.codeName === 'string') names.push(w.codeName);
  }
  return { codes, names };
}

function checkError(expected: Document, err: unknown, ctx: MatchContext, resultOf: (x: unknown) => unknown): void {
  const isServer = err instanceof MongoServerError;
  if (expected.isClientError === true && isServer)
    throw new MatchError(`expected a client error, got server error: ${(err as Error).message}`);
  if (expected.isClientError === false && !isServer) throw new MatchError(`expected a server error, got: ${String(err)}`);
  if (typeof expected.errorContains === 'string') {
    const needle = expected.errorContains.toLowerCase();
    if (!errorMessages(err).some((m) => m.toLowerCase().includes(needle))) {
      throw new MatchError(`error message does not contain "${expected.errorContains}": ${errorMessages(err).join(' | ')}`);
    }
  }
  const { codes, names } = codesOf(err);
  if (expected.errorCode !== undefined) {
    const want = Number(expected.errorCode.valueOf());
    if (!codes.includes(want))
      throw new MatchError(`expected error code ${want}, got ${codes.join(',') || 'none'}: ${errorMessages(err)[0]}`);
  }
  if (typeof expected.errorCodeName === 'string') {
    const want = expected.errorCodeName.toLowerCase();
    if (!names.some((n) => n.toLowerCase() === want))
      throw new MatchError(`expected code name ${expected.errorCodeName}, got ${names.join(',') || 'none'}: ${errorMessages(err)[0]}`);
  }
  const labeled = err as { hasErrorLabel?(l: string): boolean };
  for (const l of (expected.errorLabelsContain as string[] | undefined) ?? []) {
    if (!labeled.hasErrorLabel?.(l)) throw new MatchError(`missing error label ${l}`);
  }
  for (const l of (expected.errorLabelsOmit as string[] | undefined) ?? []) {
    if (labeled.hasErrorLabel?.(l)) throw new MatchError(`unexpected error label ${l}`);
  }
  if (expected.errorResponse !== undefined) {
    const resp = (err as { errorResponse?: Document }).errorResponse;
    assertMatches(expected.errorResponse, resp, true, ctx, 'errorResponse');
  }
  if (expected.expectResult !== undefined) {
    const r = (err as { result?: unknown }).result;
    assertMatches(expected.expectResult, r === undefined ? undefined : resultOf(r), true, ctx, 'error.result');
  }
}

async function checkOutcome(internal: MongoClient, t: UnifiedTest, ctx: MatchContext): Promise<void> {
  for (const o of t.outcome ?? []) {
    const docs = await internal
      .db(o.databaseName)
      .collection(o.collectionName)
      .find({}, { sort: { _id: 1 } })
      .toArray();
    assertMatches(o.documents, docs, false, ctx, `outcome ${o.collectionName}`);
  }
}

export interface RunOptions {
  uri: string;
  /** Only tests whose "file: description" contains this. */
  grep?: string;
  /** Apply the embedded store's skip list (only when the target is the store). */
  applySkipList?: boolean;
}

export async function runFile(
  name: string,
  file: UnifiedFile,
  internal: MongoClient,
  info: ServerInfo,
  opts: RunOptions,
): Promise<TestResult[]> {
  const out: TestResult[] = [];
  const fileUnmet = unmetRequirement(file.runOnRequirements, info);
  for (const t of file.tests) {
    const label = { file: name, test: t.description };
    if (opts.grep && !`${name}: ${t.description}`.includes(opts.grep)) continue;
    const unmet = fileUnmet ?? unmetRequirement(t.runOnRequirements, info) ?? structuralSkip(file, t);
    if (unmet) {
      out.push({ ...label, status: 'skip', reason: unmet });
      continue;
    }
    const listed = driverSkip(name, t.description) ?? (opts.applySkipList && info.embedded ? embeddedSkip(name, t.description) : undefined);
    if (listed) {
      out.push({ ...label, status: 'skip', reason: listed });
      continue;
    }
    out.push({ ...label, ...(await runTest(file, t, internal, opts.uri)) });
  }
  return out;
}

export async function runTest(
  file: UnifiedFile,
  t: UnifiedTest,
  internal: MongoClient,
  uri: string,
): Promise<{ status: Status; reason?: string }> {
  const entities: Entities = new Map();
  const clients: MongoClient[] = [];
  const ctx: MatchContext = { entities };
  try {
    await setUpInitialData(internal, file);
    await createEntities(uri, file, entities, clients);
    for (const [i, op] of t.operations.entries()) {
      const where = `operation ${i} (${op.object}.${op.name})`;
      let result: unknown;
      let error: unknown;
      let resultOf: (x: unknown) => unknown = (x) => x;
      try {
        const r = await runOperation(op, entities, internal);
        result = r.value;
        resultOf = r.convert ?? resultOf;
        if (op.expectResult !== undefined) {
          if (r.iterable && Array.isArray(op.expectResult)) {
            // Elements of an iterable result (find, aggregate, ...) are root-level documents.
            if (!Array.isArray(result) || result.length !== op.expectResult.length) {
              throw new MatchError(
                `${where}: expected ${op.expectResult.length} documents, got ${EJSON.stringify(result, { relaxed: true })}`,
              );
            }
            op.expectResult.forEach((x, j) => assertMatches(x, (result as unknown[])[j], true, ctx, `${where} result[${j}]`));
          } else {
            assertMatches(op.expectResult, result, true, ctx, `${where} result`);
          }
        }
      } catch (err) {
        if (err instanceof MatchError || err instanceof UnsupportedOperation) throw err;
        error = err;
      }
      if (op.ignoreResultAndError) continue;
      if (op.expectError) {
        if (error === undefined) throw new MatchError(`${where}: expected an error, got ${EJSON.stringify(result, { relaxed: true })}`);
        try {
          checkError(op.expectError, error, ctx, resultOf);
        } catch (err) {
          throw new MatchError(`${where}: ${(err as Error).message}`);
        }
      } else if (error !== undefined) {
        throw new MatchError(
          `${where}: unexpected error ${(error as { code?: number }).code ?? ''} ${(error as Error).message ?? JSON.stringify(error)}`,
        );
      }
      if (op.saveResultAsEntity) entities.set(op.saveResultAsEntity, result);
    }
    await checkOutcome(internal, t, ctx);
    return { status: 'pass' };
  } catch (err) {
    if (err instanceof UnsupportedOperation) return { status: 'skip', reason: `operation not in the runner: ${err.message}` };
    return { status: 'fail', reason: err instanceof Error ? err.message : String(err) };
  } finally {
    for (const e of entities.values()) {
      if (e && typeof e === 'object' && 'endSession' in e) await (e as ClientSession).endSession().catch(() => undefined);
    }
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  }
}

export type { DriverCollection };
