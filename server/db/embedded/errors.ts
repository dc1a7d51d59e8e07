/**
 * MongoDB error codes and the shapes the driver expects for them.
 * Codes and code names follow src/mongo/base/error_codes.yml of the MongoDB server.
 */
export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  IllegalOperation: 20,
  ConflictingUpdateOperators: 40,
  CommandNotSupported: 115,
  NotImplemented: 238,
  UnknownField: 40415,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  NoSuchTransaction: 251,
  InvalidNamespace: 73,
  CursorNotFound: 43,
  InvalidOptions: 72,
  DuplicateKey: 11000,
  DollarPrefixedFieldName: 52,
  BSONObjectTooLarge: 10334,
  UnrecognizedPipelineStage: 40324,
  Location51024: 51024,
} as const;

const codeNames: Record<number, string> = {
  1: 'InternalError',
  2: 'BadValue',
  9: 'FailedToParse',
  14: 'TypeMismatch',
  20: 'IllegalOperation',
  26: 'NamespaceNotFound',
  27: 'IndexNotFound',
  40: 'ConflictingUpdateOperators',
  43: 'CursorNotFound',
  48: 'NamespaceExists',
  52: 'DollarPrefixedFieldName',
  59: 'CommandNotFound',
  66: 'ImmutableField',
  67: 'CannotCreateIndex',
  72: 'InvalidOptions',
  73: 'InvalidNamespace',
  85: 'IndexOptionsConflict',
  86: 'IndexKeySpecsConflict',
  115: 'CommandNotSupported',
  238: 'NotImplemented',
  40324: 'UnrecognizedPipelineStage',
  40415: 'Location40415',
  251: 'NoSuchTransaction',
  10334: 'BSONObjectTooLarge',
  11000: 'DuplicateKey',
};

export function codeName(code: number): string | undefined {
  return codeNames[code];
}

/** An error that is reported to the client as `{ ok: 0, errmsg, code, codeName }` or as a writeError. */
export class MongoServerError extends Error {
  readonly code: number;
  /** Extra fields copied into the error document (keyPattern, keyValue, ...). */
  readonly extra: Record<string, unknown>;
  constructor(code: number, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.extra = extra;
  }

  toReply(): Record<string, unknown> {
    const name = codeName(this.code);
    return { ok: 0, errmsg: this.message, code: this.code, ...(name ? { codeName: name } : {}), ...this.extra };
  }

  toWriteError(index: number): Record<string, unknown> {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

export const badValue = (msg: string): MongoServerError => new MongoServerError(ErrorCodes.BadValue, msg);

/** Converts anything thrown while executing a command into a server error. */
export function toServerError(err: unknown): MongoServerError {
  if (err instanceof MongoServerError) return err;
  const message = err instanceof Error ? err.message : String(err);
  // Translate the messages mingo throws for unknown operators into MongoDB's own errors.
  let m = /unknown query operator (\$\w+)/i.exec(message);
  if (m) return badValue(`unknown operator: ${m[1]}`);
  m = /unknown top.?level operator:? '?(\$\w+)/i.exec(message);
  if (m) return badValue(`unknown top level operator: ${m[1]}`);
  m = /Unknown update operator: '?(\$\w+)/i.exec(message);
  if (m)
    return new MongoServerError(
      ErrorCodes.FailedToParse,
      `Unknown modifier: ${m[1]}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  m = /unknown (?:pipeline )?operator:? '?(\$\w+)/i.exec(message);
  if (m) return new MongoServerError(168, `Unrecognized expression '${m[1]}'`, { codeName: 'InvalidPipelineOperator' });
  return new MongoServerError(ErrorCodes.BadValue, message);
}
