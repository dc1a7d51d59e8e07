/**
 * What the benchmarks that start their own hub processes share: the hub environment that lifts the
 * per-address and rate budgets a benchmark would hit from one machine, and a REST call that throws on
 * anything but success.
 */

/** A uws hub on free ports, with its data in `dataDir`, on the store at `mongodbUri`. */
export function benchHubEnv(dataDir: string, secret: string, mongodbUri: string, extra: Readonly<Record<string, string>> = {}) {
  return {
    PORT: '0',
    WS_PORT: '0',
    HOST: '127.0.0.1',
    REALTIME_ENGINE: 'uws',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_SCALE: '100000',
    SOCKET_HANDSHAKES_PER_ADDRESS: '10000000',
    CONNECTIONS_PER_ADDRESS: '1000000',
    SECRET: secret,
    MONGODB_URI: mongodbUri,
    ...extra,
  };
}

/** One REST call as `token`; its JSON answer, or an error naming the route and the answer. */
export async function rest(base: string, token: string, method: string, route: string, body?: unknown): Promise<{ [k: string]: unknown }> {
  const res = await fetch(`${base}/api${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { [k: string]: unknown };
}
