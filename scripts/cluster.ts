/**
 * `npm run cluster -- --nodes N [--engine uws|ws] [--base-port 3000] [--dir ./data/cluster] [--redis-cluster]`
 * Starts a local cluster (embedded store process or MONGODB_URI; Redis or REDIS_URL, or with
 * `--redis-cluster` a Redis Cluster of three masters and three replicas or REDIS_CLUSTER_NODES; N hub
 * nodes) and prints where to point a browser and the load tester. Ctrl-C stops everything cleanly.
 */
import { parseArgs } from 'node:util';
import { startCluster } from './cluster/start-cluster.js';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '3' },
    engine: { type: 'string', default: 'uws' },
    'base-port': { type: 'string', default: '3000' },
    dir: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    'redis-cluster': { type: 'boolean', default: false },
  },
});

const nodes = Number(values.nodes);
const basePort = Number(values['base-port']);
if (!Number.isInteger(nodes) || nodes < 1 || nodes > 32) throw new Error('--nodes must be 1–32');
if (values.engine !== 'uws' && values.engine !== 'ws') throw new Error('--engine must be uws or ws');
if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65000) throw new Error('--base-port must be a port');

const cluster = await startCluster({
  nodes,
  engine: values.engine,
  basePort,
  ...(values.dir ? { dataDir: values.dir } : {}),
  ...(process.env.MONGODB_URI ? { mongodbUri: process.env.MONGODB_URI } : {}),
  ...(process.env.REDIS_URL && !values['redis-cluster'] ? { redisUrl: process.env.REDIS_URL } : {}),
  ...(values['redis-cluster'] ? { redisCluster: true } : {}),
  ...(process.env.REDIS_CLUSTER_NODES ? { redisClusterNodes: process.env.REDIS_CLUSTER_NODES } : {}),
  echo: !values.quiet,
});

console.log(`\nKongjian cluster is up (${nodes} nodes, ${values.engine} engine)`);
console.log(`  store: ${cluster.mongodbUri}`);
console.log(
  cluster.redisCluster || process.env.REDIS_CLUSTER_NODES ? `  redis cluster: ${cluster.redisUrl}` : `  redis: ${cluster.redisUrl}`,
);
for (const node of cluster.nodes) console.log(`  ${node.id}: open ${node.url}   (Socket.IO ${node.realtimeUrl})`);
console.log(`  load test: npm run loadtest -- --url ${cluster.nodes[0]?.url ?? ''}`);
console.log('Ctrl-C stops everything.\n');

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log('stopping the cluster…');
  cluster.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
