/**
 * A write refused because a unique index already holds the key (MongoDB error 11000, which the
 * embedded store answers too). Callers turn it into "someone else made it first": the same
 * outcome, a conflict, or one more try.
 */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
