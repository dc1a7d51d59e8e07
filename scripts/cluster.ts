/**
 * `npm run cluster -- --nodes N [--engine uws|ws] [--base-port 3000] [--dir ./data/cluster] [--redis-cluster]`
 * Starts a local cluster (embedded store process or MONGODB_URI; Redis or REDIS_URL, or with
 * `--redis-cluster` a Redis Cluster of three masters and three replicas or REDIS_CLUSTER_NODES; N hub
 * nodes) and prints where to point a browser and the load tester. Ctrl-C stops everything cleanly.
 */
import { choiceArg, cli, intArg } from './cli-args.js';
import { startCluster } from './cluster/start-cluster.js';

const usage = `usage: npm run cluster -- [--nodes N] [--engine uws|ws] [--base-port P] [--dir D] [--redis-cluster] [--quiet]

Starts a local cluster: a store process (or MONGODB_URI), a private Redis (or REDIS_URL) or with
--redis-cluster a private Redis Cluster of 3 masters and 3 replicas (or REDIS_CLUSTER_NODES), and N hub
nodes. Prints each node's URL. Ctrl-C stops everything.

  --nodes N         hub nodes, 1–32 (default 3)
  --engine uws|ws   realtime engine of the nodes (default uws)
  --base-port P     first node's HTTP port; the others follow (default 3000)
  --dir D           shared DATA_DIR of the nodes (default: a new temporary directory)
  --redis-cluster   through a Redis Cluster instead of one Redis
  --quiet           do not echo the nodes' logs
  -h, --help        this text`;

const values = cli(
  {
    command: 'npm run cluster --',
    usage,
    options: {
      nodes: { type: 'string', default: '3' },
      engine: { type: 'string', default: 'uws' },
      'base-port': { type: 'string', default: '3000' },
      dir: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'redis-cluster': { type: 'boolean', default: false },
    },
  },
  ({ values: v }) => ({
    nodes: intArg(v.nodes, 'nodes', 1, 32)!,
    engine: choiceArg(v.engine, 'engine', ['uws', 'ws'] as const)!,
    basePort: intArg(v['base-port'], 'base-port', 0, 65000)!,
    dir: v.dir,
    quiet: v.quiet,
    redisCluster: v['redis-cluster'],
  }),
);
const { nodes, basePort } = values;

const cluster = await startCluster({
  nodes,
  engine: values.engine,
  basePort,
  ...(values.dir ? { dataDir: values.dir } : {}),
  ...(process.env.MONGODB_URI ? { mongodbUri: process.env.MONGODB_URI } : {}),
  ...(process.env.REDIS_URL && !values.redisCluster ? { redisUrl: process.env.REDIS_URL } : {}),
  ...(values.redisCluster ? { redisCluster: true } : {}),
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
