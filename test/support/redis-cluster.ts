import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, RedisProcess, startRedis } from './redis-server';

export interface RedisCluster {
  ports: number[];
  /** `REDIS_CLUSTER_NODES` for the gateway: `127.0.0.1:P1,127.0.0.1:P2,...`. */
  seeds: string;
  /** Every node goes away (SHUTDOWN SAVE: data and cluster config stay on disk). */
  stopAll(): Promise<void>;
  /** Starts the stopped nodes again on the same ports and waits until the cluster is ok. */
  startAll(): Promise<void>;
  /** Stops the nodes and removes their files. */
  close(): Promise<void>;
}

function cli(port: number, ...args: string[]): string {
  const result = spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
}

async function waitClusterOk(ports: number[], timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ports.every((port) => cli(port, 'cluster', 'info').includes('cluster_state:ok'))) {
    if (Date.now() > deadline) throw new Error(`Redis Cluster on ${ports.join(',')} is not ok`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A Redis Cluster of `masters` masters (no replicas) on loopback, each a real redis-server started
 * by startRedis() with cluster mode on. Each node keeps its nodes.conf and dump in its own folder,
 * so stopAll()/startAll() simulate an outage that Redis comes back from with its data.
 */
export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const root = mkdtempSync(join(tmpdir(), 'junction-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < masters; i += 1) ports.push(await freePort());
  const argsOf = (port: number): string[] => {
    const dir = join(root, String(port));
    mkdirSync(dir, { recursive: true });
    return [
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      join(dir, 'nodes.conf'),
      '--cluster-node-timeout',
      '2000',
      '--dir',
      dir,
    ];
  };
  let nodes: RedisProcess[] = await Promise.all(
    ports.map((port) => startRedis(argsOf(port), port)),
  );
  const created = spawnSync(
    'redis-cli',
    [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ],
    { encoding: 'utf8' },
  );
  if (created.status !== 0) {
    await Promise.all(nodes.map((node) => node.stop()));
    throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
  }
  await waitClusterOk(ports);
  let running = true;

  const stopAll = async () => {
    if (!running) return;
    running = false;
    for (const port of ports) cli(port, 'shutdown', 'save');
    await Promise.all(nodes.map((node) => node.stop()));
  };
  return {
    ports,
    seeds: ports.map((port) => `127.0.0.1:${port}`).join(','),
    stopAll,
    async startAll() {
      if (running) return;
      nodes = await Promise.all(ports.map((port) => startRedis(argsOf(port), port)));
      running = true;
      await waitClusterOk(ports);
    },
    async close() {
      await stopAll();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
