/** The contract's error codes and the HTTP status each one maps to (docs/contract.md, "Errors"). */
export const errorStatus = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media: 415,
  blocked: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** Field name → what is wrong with it, for `invalid` answers. */
export type FieldErrors = Readonly<Record<string, string>>;

export interface ErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  readonly fields?: FieldErrors;
}

/** The body of every non-2xx REST answer. */
export interface ErrorResponse {
  readonly error: ErrorBody;
}
