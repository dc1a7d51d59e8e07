/** Command dispatch: name lookup, transaction refusal, error-to-reply conversion. */
import { ErrorCodes, MongoServerError, toServerError } from '../errors.js';
import type { CommandContext, CommandHandler, CommandReply } from './context.js';
import { ddlCommands } from './ddl.js';
import { handshakeCommands } from './handshake.js';
import { readCommands } from './read.js';
import { writeCommands } from './write.js';

const handlers = new Map<string, CommandHandler>(
  Object.entries({ ...handshakeCommands, ...readCommands, ...writeCommands, ...ddlCommands }),
);

export const supportedCommands = (): string[] => [...handlers.keys()].sort();

const TXN_ERROR = 'Transaction numbers are only allowed on a replica set member or mongos';

export async function runCommand(ctx: CommandContext): Promise<CommandReply> {
  const body = ctx.req.body;
  const name = Object.keys(body)[0] ?? '';
  try {
    if (body.startTransaction === true || body.autocommit !== undefined || name === 'commitTransaction' || name === 'abortTransaction') {
      throw new MongoServerError(ErrorCodes.IllegalOperation, TXN_ERROR);
    }
    const h = handlers.get(name);
    if (!h) throw new MongoServerError(ErrorCodes.CommandNotFound, `no such command: '${name}'`);
    return await h(body, ctx);
  } catch (err) {
    const e = toServerError(err);
    if (!(err instanceof MongoServerError) && !/operator|Unknown/i.test(e.message)) {
      // Unexpected internal failure: keep the message but mark it as such.
      return new MongoServerError(ErrorCodes.InternalError, e.message).toReply();
    }
    return e.toReply();
  }
}
