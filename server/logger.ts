/** One structured logger (pino): one JSON line per event, never a secret. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, nodeId: string): Logger {
  return pino({
    level,
    base: { node: nodeId },
    redact: {
      paths: ['token', 'password', 'secret', '*.token', '*.password', '*.secret', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
