/** The one place where errors become the contract's `{ error: { code, message, fields? } }` answers. */
import type { ErrorRequestHandler } from 'express';
import { AppError, toAppError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Errors that body-parser and friends raise before a handler runs. */
function fromTransportError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number } | null;
  if (!e || typeof e !== 'object') return null;
  if (e.type === 'entity.parse.failed') return new AppError('invalid', 'the body is not valid JSON');
  if (e.type === 'entity.too.large') return new AppError('too_large', 'the body is too large');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
    return new AppError('unsupported_media', 'unsupported body encoding');
  if (e.type === 'request.aborted') return new AppError('invalid', 'the request was aborted');
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return new AppError('invalid', 'bad request');
  return null;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = fromTransportError(err) ?? toAppError(err);
    if (appError.code === 'internal') logger.error({ err, reqId: req.id }, 'request failed');
    else if (appError.code === 'unavailable') logger.warn({ err: String(err), reqId: req.id }, 'store unavailable');
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(appError.status).json({ error: appError.toBody() });
  };
}
