/**
 * One structured logger (pino): one JSON line per event, never a secret; human-readable lines
 * (pino-pretty) when stdout is a terminal.
 *
 * Logging must never block or wedge the process. pino's default destination writes to fd 1
 * synchronously and, when the pipe is full because its reader stopped reading (a wedged log
 * collector, a dead parent whose pipe a sibling still holds), retries forever: the hub then ignored
 * SIGTERM. Here lines go through `process.stdout` (asynchronous on a pipe), with a bounded backlog:
 * past it, lines are dropped and counted, and a closed pipe (EPIPE) drops everything after it.
 * `flushLogs` waits for the backlog with a deadline before the process exits.
 */
import { prettyFactory } from 'pino-pretty';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export interface LogSink extends DestinationStream {
  /** Lines dropped because the output was closed or its backlog full. */
  readonly dropped: number;
  /** Resolves once everything written has been handed to the OS, or at the deadline, whichever is first. */
  flush(deadlineMs: number): Promise<void>;
}

export interface LogSinkOptions {
  /** Most bytes waiting for a slow reader before new lines are dropped. */
  readonly maxBacklogBytes?: number;
  /** Turns each JSON line into what is written (e.g. pino-pretty on a terminal). */
  readonly format?: (line: string) => string;
}

/** A non-blocking line sink over a writable stream (stdout by default). */
export function createLogSink(
  out: NodeJS.WritableStream & { writableLength?: number } = process.stdout,
  options: LogSinkOptions = {},
): LogSink {
  const maxBacklog = options.maxBacklogBytes ?? 8 * 1024 * 1024;
  let closed = false;
  let dropped = 0;
  // EPIPE and friends: the reader is gone. Without a listener the error would crash the process.
  out.on('error', () => {
    closed = true;
  });
  out.on('close', () => {
    closed = true;
  });
  const backlog = () => out.writableLength ?? 0;
  return {
    get dropped() {
      return dropped;
    },
    write(line: string) {
      if (closed || backlog() > maxBacklog) {
        dropped += 1;
        return;
      }
      try {
        out.write(options.format ? options.format(line) : line);
      } catch {
        closed = true; // a write on a destroyed stream throws synchronously on some Node versions
        dropped += 1;
      }
    },
    flush(deadlineMs) {
      if (closed || backlog() === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          out.off('drain', done);
          out.off('error', done);
          out.off('close', done);
          resolve();
        };
        const timer = setTimeout(done, deadlineMs);
        timer.unref();
        out.once('drain', done);
        out.once('error', done);
        out.once('close', done);
      });
    },
  };
}

let stdoutSink: LogSink | undefined;

/** The one sink over process.stdout (listeners are added once, however many loggers are made). */
function sharedStdoutSink(): LogSink {
  if (!stdoutSink) {
    const pretty = process.stdout.isTTY
      ? prettyFactory({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' })
      : undefined;
    stdoutSink = createLogSink(process.stdout, pretty ? { format: (line) => pretty(line) } : {});
    // stderr carries only start-up failures, but an EPIPE on it must not crash a stopping hub either.
    process.stderr.on('error', () => undefined);
  }
  return stdoutSink;
}

/** Log lines this process has dropped so far (a full backlog or a closed stdout): for `/metrics`. */
export function droppedLogLines(): number {
  return stdoutSink?.dropped ?? 0;
}

/** Waits (at most `deadlineMs`) for stdout's backlog to be written; call before `process.exit`. */
export function flushLogs(deadlineMs = 2_000): Promise<void> {
  return stdoutSink ? stdoutSink.flush(deadlineMs) : Promise.resolve();
}

export function createLogger(level: string, nodeId: string, sink?: DestinationStream): Logger {
  const stdout = sharedStdoutSink(); // also guards stdout/stderr against EPIPE for other writers
  return pino(
    {
      level,
      base: { node: nodeId },
      redact: {
        paths: ['token', 'password', 'secret', '*.token', '*.password', '*.secret', 'req.headers.authorization'],
        censor: '[redacted]',
      },
    },
    sink ?? (level === 'silent' ? { write: () => undefined } : stdout),
  );
}
