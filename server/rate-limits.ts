/**
 * Rate limits from `rate-limiter-flexible`: in memory on a single node, shared through Redis in a
 * cluster (with an in-memory insurance limiter so a Redis outage does not turn into unlimited writes
 * or into refusing everyone). Each budget is one key (`<prefix>:rl:<rule>:<key>`, one single-key
 * script per spend), so on a Redis Cluster the budgets spread over every slot.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisConnection } from './redis.js';
import { rateLimited } from './errors.js';

export interface RateLimitRule {
  /** Distinct per rule: keys of different rules never share a budget. */
  readonly name: string;
  readonly points: number;
  readonly perSeconds: number;
}

export interface RateLimits {
  /** Spends `cost` points of `key`'s budget under `rule`; throws `rate_limited` when it is spent. */
  consume(rule: RateLimitRule, key: string, cost?: number): Promise<void>;
  /** Gives the budget back, e.g. after a successful login. */
  reset(rule: RateLimitRule, key: string): Promise<void>;
}

/**
 * `scale` multiplies every rule's budget (RATE_LIMIT_SCALE; load tests raise it). It is applied here
 * and only here, so every endpoint, socket event and service budget gets it and none twice.
 */
export function createRateLimits(
  redis: RedisConnection | undefined,
  prefix = 'kj',
  scale = 1,
  onRefused: (rule: string) => void = () => undefined,
): RateLimits {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterFor = (rule: RateLimitRule): RateLimiterAbstract => {
    let limiter = limiters.get(rule.name);
    if (!limiter) {
      const base = { keyPrefix: `${prefix}:rl:${rule.name}`, points: Math.ceil(rule.points * scale), duration: rule.perSeconds };
      limiter = redis
        ? new RateLimiterRedis({
            ...base,
            storeClient: redis,
            // node-redis (a cluster client is not recognised by its class name); while Redis is not
            // ready the insurance limiter answers at once instead of waiting on a dead connection.
            useRedisPackage: true,
            rejectIfRedisNotReady: true,
            insuranceLimiter: new RateLimiterMemory(base),
          })
        : new RateLimiterMemory(base);
      limiters.set(rule.name, limiter);
    }
    return limiter;
  };
  return {
    async consume(rule, key, cost = 1) {
      try {
        await limiterFor(rule).consume(key, cost);
      } catch (err) {
        if (err instanceof RateLimiterRes) {
          onRefused(rule.name);
          const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
          throw rateLimited(`too many requests, try again in ${seconds} s`);
        }
        throw err;
      }
    },
    async reset(rule, key) {
      await limiterFor(rule).delete(key);
    },
  };
}
