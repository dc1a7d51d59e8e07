/** Gives every request an id (kept from `X-Request-Id` when sane) and logs one line when it ends. */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
  }
}

const saneId = /^[\w.:-]{1,64}$/;

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    req.id = given && saneId.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    const started = performance.now();
    res.on('finish', () => {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const line = { reqId: req.id, method: req.method, path: req.path, status: res.statusCode, ms };
      if (res.statusCode >= 500) logger.warn(line, 'request');
      else logger.debug(line, 'request');
    });
    next();
  };
}
