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
  /**
   * Kills (SIGKILL) the master that serves `key`'s slot, or the first master, and resolves with its
   * port once it has exited; its replica takes over after the node timeout.
   */
  killMaster(key?: string): Promise<number>;
  /** Resolves when every live node says `cluster_state:ok` and each slot range has a live master. */
  waitOk(timeoutMs?: number): Promise<void>;
  /** Stops the nodes and removes their files. */
  close(): Promise<void>;
}

function cli(port: number, ...args: string[]): string {
  const result = spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
}

/** Every node of `ports` says the cluster is ok, and no master it knows is one of `dead`. */
async function waitClusterOk(
  ports: number[],
  timeoutMs = 15000,
  dead: ReadonlySet<number> = new Set(),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const ok = (port: number) => {
    if (!cli(port, 'cluster', 'info').includes('cluster_state:ok')) return false;
    return cli(port, 'cluster', 'nodes')
      .split('\n')
      .filter((line) => / (myself,)?master /.test(line))
      .every((line) => !dead.has(Number(line.split(' ')[1].split('@')[0].split(':')[1])));
  };
  while (!ports.every(ok)) {
    if (Date.now() > deadline) throw new Error(`Redis Cluster on ${ports.join(',')} is not ok`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resolves when `count` nodes are replicas whose link to their master is up (a failover needs it). */
async function waitReplicas(ports: number[], count: number, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const linked = () =>
    ports.filter((port) => {
      const info = cli(port, 'info', 'replication');
      return info.includes('role:slave') && info.includes('master_link_status:up');
    }).length;
  while (linked() < count) {
    if (Date.now() > deadline) throw new Error(`Redis Cluster replicas did not attach in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A Redis Cluster of `masters` masters with `replicas` replicas each on loopback, each a real
 * redis-server started by startRedis() with cluster mode on. Each node keeps its nodes.conf and dump
 * in its own folder, so stopAll()/startAll() simulate an outage that Redis comes back from with its
 * data; killMaster() a failover.
 */
export async function startRedisCluster(masters = 3, replicas = 0): Promise<RedisCluster> {
  const root = mkdtempSync(join(tmpdir(), 'junction-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < masters * (1 + replicas); i += 1) ports.push(await freePort());
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
      String(replicas),
      '--cluster-yes',
    ],
    { encoding: 'utf8' },
  );
  if (created.status !== 0) {
    await Promise.all(nodes.map((node) => node.stop()));
    throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
  }
  await waitClusterOk(ports);
  if (replicas > 0) await waitReplicas(ports, masters * replicas);
  let running = true;
  const dead = new Set<number>();
  const live = () => ports.filter((port) => !dead.has(port));

  const stopAll = async () => {
    if (!running) return;
    running = false;
    for (const port of live()) cli(port, 'shutdown', 'save');
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
    async killMaster(key?: string) {
      const [seed] = live();
      let port: number;
      if (key !== undefined) {
        const slot = cli(seed, 'cluster', 'keyslot', key).trim();
        const lines = cli(seed, 'cluster', 'nodes').split('\n');
        const master = lines.find((line) => {
          const fields = line.split(' ');
          if (!fields[2]?.includes('master') || fields[2].includes('fail')) return false;
          return fields.slice(8).some((range) => {
            const [from, to = from] = range.split('-').map(Number);
            return Number(slot) >= from && Number(slot) <= to;
          });
        });
        port = Number(master?.split(' ')[1].split('@')[0].split(':')[1]);
      } else {
        // A master that serves slots (a replica still being attached also says master).
        const master = cli(seed, 'cluster', 'nodes')
          .split('\n')
          .find((line) => / (myself,)?master /.test(line) && line.split(' ').length > 8);
        port = Number(master?.split(' ')[1].split('@')[0].split(':')[1]);
      }
      const node = nodes[ports.indexOf(port)];
      if (!node) throw new Error(`no master found (${port})`);
      dead.add(port);
      node.kill('SIGKILL');
      await node.exited();
      return port;
    },
    waitOk: (timeoutMs?: number) => waitClusterOk(live(), timeoutMs, dead),
    async close() {
      await stopAll();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
