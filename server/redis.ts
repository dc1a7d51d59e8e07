/** Redis connections (ioredis: it resubscribes by itself after a reconnect, so a node never goes deaf). */
import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

export interface RedisClients {
  /** Commands: rate limits, presence. Also the adapter's publisher. */
  readonly main: Redis;
  /** The adapter's subscriber connection (a subscribed connection can run no other command). */
  readonly sub: Redis;
  isUp(): boolean;
  close(): Promise<void>;
}

export function connectRedis(url: string, logger: Logger): RedisClients {
  const options = {
    lazyConnect: false,
    enableAutoPipelining: true,
    maxRetriesPerRequest: 2,
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, 2000),
  };
  const main = new Redis(url, options);
  // No auto-pipelining on the subscriber: it would defer the adapter's (un)subscribes past a QUIT.
  const sub = new Redis(url, { ...options, enableAutoPipelining: false });
  for (const [name, client] of [['main', main], ['sub', sub]] as const) {
    let wasUp = false;
    client.on('ready', () => {
      if (wasUp) logger.info({ redis: name }, 'redis reconnected');
      wasUp = true;
    });
    client.on('error', (err: Error) => logger.warn({ redis: name, err: err.message }, 'redis error'));
  }
  return {
    main,
    sub,
    isUp: () => main.status === 'ready' && sub.status === 'ready',
    async close() {
      // Let commands issued just before (the adapter's unsubscribes) go out ahead of QUIT.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.allSettled([main.quit(), sub.quit()]);
    },
  };
}
