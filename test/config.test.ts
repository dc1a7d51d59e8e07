import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config.js';

describe('config', () => {
  it('gives a working single node with no variables set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.wsPort).toBe(3001);
    expect(config.engine).toBe('uws'); // asked for; the hub runs ws where uWS has no binary (settleEngine)
    expect(config.engineExplicit).toBe(false);
    expect(config.mongodbUri).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
  });

  it('runs Socket.IO on the HTTP port with the ws engine', () => {
    const config = loadConfig({ PORT: '4000', REALTIME_ENGINE: 'ws' });
    expect(config.wsPort).toBe(4000);
  });

  it('reads a Redis Cluster’s seed nodes', () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: 'r1:7000, r2:7001,10.0.0.3:7002' });
    expect(config.redisClusterNodes).toEqual(['r1:7000', 'r2:7001', '10.0.0.3:7002']);
    expect(config.redisUrl).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ REALTIME_ENGINE: 'tcp' }, 'REALTIME_ENGINE'],
    [{ MONGODB_URI: 'http://db' }, 'MONGODB_URI'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ SECRET: 'short' }, 'SECRET'],
    [{ PORT: '4000', WS_PORT: '4000' }, 'WS_PORT'],
    [{ REDIS_CLUSTER_NODES: 'redis-a' }, 'REDIS_CLUSTER_NODES'],
    [{ REDIS_URL: 'redis://r:6379', REDIS_CLUSTER_NODES: 'r1:7000,r2:7000' }, 'REDIS_CLUSTER_NODES'],
    [{ REDIS_CLUSTER_NODES: 'r1:7000', REDIS_ADAPTER: 'classic' }, 'REDIS_ADAPTER'],
  ])('stops on a bad value and names it: %o', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
