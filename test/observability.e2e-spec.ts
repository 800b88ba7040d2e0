import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import yaml from 'js-yaml';
import { THINQ_DEMO_TOKENS } from '../src/sandbox/thinq/demo-data';
import { eventually } from './support/eventually';
import { freePort } from './support/redis-server';
import { SseClient } from './support/sse-client';
import { startStack, TestStack } from './support/stack';
import { TestGateway } from './support/gateway';

const ROOT = join(__dirname, '..');
const PROMETHEUS_DIR = join(ROOT, 'docker', 'prometheus');
const RULES = join(PROMETHEUS_DIR, 'alerts.yml');
const DASHBOARD = join(ROOT, 'docker', 'grafana', 'dashboards', 'junction.json');
const DATASOURCES = join(
  ROOT,
  'docker',
  'grafana',
  'provisioning',
  'datasources',
  'prometheus.yml',
);
const RUNBOOK = join(ROOT, 'docs', 'operations.md');

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
}

const rules = (yaml.load(readFileSync(RULES, 'utf8')) as { groups: { rules: Rule[] }[] }).groups
  .flatMap((group) => group.rules)
  .map((rule) => ({ ...rule, expr: rule.expr.trim() }));
const alerts = rules.filter((rule) => rule.alert);
const recorded = new Set(rules.flatMap((rule) => (rule.record ? [rule.record] : [])));
const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[] };
const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
const panelQueries = panels.flatMap((panel) =>
  (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })),
);

/** PromQL words that are not metric names: aggregations, modifiers, operators. */
const KEYWORDS = new Set(
  (
    'sum min max avg count group stddev stdvar topk bottomk quantile count_values by without ' +
    'on ignoring group_left group_right and or unless bool offset inf nan'
  ).split(' '),
);

/**
 * The metric names an expression reads: identifiers that are not functions (followed by `(`),
 * keywords, label names (inside `{...}` and the `by`/`on` lists) or strings.
 */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const after = bare.slice(match.index + match[0].length);
    if (/^\s*\(/.test(after) || KEYWORDS.has(match[0].toLowerCase())) continue;
    names.add(match[0]);
  }
  return [...names];
}

/** Every series name a /metrics text can have (a histogram's _bucket, _sum and _count). */
function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
    if (type === 'summary') for (const s of ['_sum', '_count']) names.add(name + s);
  }
  return names;
}

interface Prometheus {
  url: string;
  stop(): Promise<void>;
}

/** Debian's prometheus on a free loopback port, scraping `targets` every second. */
async function startPrometheus(targets: string[]): Promise<Prometheus> {
  for (const command of ['prometheus', 'promtool']) {
    if (spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0)
      throw new Error(
        `${command} is not installed: run \`npm test\` (it installs the Debian package prometheus) or apt-get install prometheus`,
      );
  }
  const dir = mkdtempSync(join(tmpdir(), 'junction-prometheus-'));
  const port = await freePort();
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    yaml.dump({
      global: { scrape_interval: '1s', scrape_timeout: '900ms', evaluation_interval: '1s' },
      rule_files: [RULES],
      scrape_configs: [
        { job_name: 'junction', metrics_path: '/metrics', static_configs: [{ targets }] },
      ],
    }),
  );
  const check = spawnSync('promtool', ['check', 'config', config], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`promtool check config: ${check.stdout}${check.stderr}`);
  let output = '';
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`prometheus exited: ${output}`);
        return fetch(`${url}/-/ready`).then(
          (res) => res.ok,
          () => false,
        );
      },
      { timeoutMs: 15000, everyMs: 100 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

interface QueryAnswer {
  status: string;
  error?: string;
  data?: { resultType: string; result: { metric: Record<string, string>; value: unknown }[] };
}

/**
 * What an operator gets from the gateway's metrics: Prometheus scraping three gateway instances on
 * the simulators (one healthy, one with a two-read ThinQ budget, one whose Redis is gone) under a
 * little traffic, then every dashboard panel's query and every alert expression through its HTTP
 * API. A panel that would stay blank, an expression Prometheus rejects, or a metric name the
 * gateway does not export fails here.
 */
describe('observability: alert rules, dashboard and runbook against a real Prometheus', () => {
  let stack: TestStack;
  let prometheus: Prometheus | undefined;
  let main: string;
  let tight: string;
  let broken: string;
  const streams: SseClient[] = [];

  const listen = async (gateway: TestGateway) => {
    const port = await freePort();
    await gateway.app.listen({ port, host: '127.0.0.1' });
    return `127.0.0.1:${port}`;
  };
  const query = async (expr: string): Promise<QueryAnswer> => {
    const res = await fetch(`${prometheus!.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    return (await res.json()) as QueryAnswer;
  };
  const scrapes = async () => {
    const res = await fetch(`${prometheus!.url}/api/v1/targets`);
    const body = (await res.json()) as {
      data: { activeTargets: { health: string; lastScrape: string }[] };
    };
    return body.data.activeTargets;
  };

  /** Resolves once Prometheus has scraped every instance (healthy) after `since`. */
  const scrapedSince = (since: number) =>
    eventually(
      async () => {
        const targets = await scrapes();
        return (
          targets.length === 3 &&
          targets.every((t) => t.health === 'up' && Date.parse(t.lastScrape) > since)
        );
      },
      { timeoutMs: 10000, everyMs: 100 },
    );

  beforeAll(async () => {
    stack = await startStack({
      env: {
        LOG_LEVEL: 'error',
        // A status read 300 ms after the first is served stale while it is refreshed.
        THINQ_STATUS_FRESH_MS: '200',
        THINQ_STATUS_SWR_MS: '10000',
        APPLIANCE_EVENTS_POLL_MS: '500',
        APPLIANCE_EVENTS_MAX_STREAMS_PER_SESSION: '1',
        // An Interwater call held 1 s times out (and is retried).
        INTERWATER_TIMEOUT_MS: '300',
      },
    });
    main = await listen(stack.gateway);
    const tightGateway = await stack.startInstance({
      THINQ_HOURLY_CALL_BUDGET: '22',
      THINQ_COMMAND_RESERVE: '20',
    });
    tight = await listen(tightGateway);
    const deadRedis = await freePort();
    broken = await listen(
      await stack.startInstance({ REDIS_URL: `redis://127.0.0.1:${deadRedis}` }),
    );
    prometheus = await startPrometheus([main, tight, broken]);
    // Every instance scraped once before the traffic, so rates see it happen.
    await scrapedSince(Date.now());

    const http = (base: string) => `http://${base}`;
    const get = (base: string, path: string, token: string) =>
      request(http(base)).get(path).auth(token, { type: 'bearer' });

    // A user with the demo ThinQ account: pass-through (sign-in, link), cached reads (a miss, a
    // hit, a stale status), the aggregates, an event stream and one refused at the session's cap.
    const { accessToken: user } = await stack.login('lux');
    await request(http(main))
      .put('/v1/me/links/thinq')
      .auth(user, { type: 'bearer' })
      .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' })
      .expect(200);
    const list = await get(main, '/v1/appliances', user).expect(200);
    await get(main, '/v1/appliances', user).expect(200);
    const deviceId = (list.body as { deviceId: string }[])[0].deviceId;
    await get(main, `/v1/appliances/${deviceId}/status`, user).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await get(main, `/v1/appliances/${deviceId}/status`, user).expect(200);
    await get(main, '/v1/home', user).expect(200);
    await get(main, '/v1/devices', user).expect(200);
    const stream = await SseClient.open(http(main), '/v1/appliances/events', {
      authorization: `Bearer ${user}`,
    });
    streams.push(stream);
    expect(stream.status).toBe(200);
    const second = await SseClient.open(http(main), '/v1/appliances/events', {
      authorization: `Bearer ${user}`,
    });
    streams.push(second);
    expect(second.status).toBe(429);

    // A service client reading the conference license: Interwater times out (twice retried: 504),
    // then answers (a miss), then the cache answers (a hit).
    const service = await stack.serviceToken();
    stack.interwater.faults.add({ route: 'GET /v1/info', latencyMs: 1000 });
    await get(main, '/v1/conference/license', service).expect(504);
    stack.interwater.faults.clear();
    await get(main, '/v1/conference/license', service).expect(200);
    await get(main, '/v1/conference/license', service).expect(200);

    // Another user on the instance with two reads an hour: reads are refused (429).
    const { accessToken: other } = await stack.login('legacy', 'demo2@junction.dev');
    await request(http(tight))
      .put('/v1/me/links/thinq')
      .auth(other, { type: 'bearer' })
      .send({ accessToken: THINQ_DEMO_TOKENS.userB, countryCode: 'KR' })
      .expect(200);
    let refused = false;
    const answers = await get(tight, '/v1/appliances', other);
    const ids = answers.status === 200 ? (answers.body as { deviceId: string }[]) : [];
    refused = answers.status === 429;
    for (const item of ids) {
      if (refused) break;
      refused = (await get(tight, `/v1/appliances/${item.deviceId}/status`, other)).status === 429;
    }
    expect(refused).toBe(true);

    // The instance without Redis: the session route answers 503, the service route fails open.
    await get(broken, '/v1/me', user).expect(503);
    await get(broken, '/v1/conference/license', service);

    // Scraped twice with the stream open, then again after it ended (the panel test waits).
    await scrapedSince(Date.now() + 1000);
    stream.close();
    await stream.ended;
  }, 60000);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await prometheus?.stop();
    await stack?.close();
  });

  it('promtool accepts the rules and their unit tests pass (each alert firing, and quiet)', () => {
    const check = spawnSync('promtool', ['check', 'rules', 'alerts.yml'], {
      cwd: PROMETHEUS_DIR,
      encoding: 'utf8',
    });
    expect(`${check.stdout}${check.stderr}`).toContain('SUCCESS');
    expect(check.status).toBe(0);
    const test = spawnSync('promtool', ['test', 'rules', 'alerts.test.yml'], {
      cwd: PROMETHEUS_DIR,
      encoding: 'utf8',
    });
    expect(`${test.stdout}${test.stderr}`).toContain('SUCCESS');
    expect(test.status).toBe(0);
    // Every alert has a unit test.
    const tests = readFileSync(join(PROMETHEUS_DIR, 'alerts.test.yml'), 'utf8');
    for (const alert of alerts) expect(tests).toContain(`alertname: ${alert.alert}`);
  });

  it('every alert links its own section of the runbook and says how bad it is', () => {
    const runbook = readFileSync(RUNBOOK, 'utf8');
    const section = runbook.slice(runbook.indexOf('## Alerts and runbook'));
    expect(runbook).toContain('## Alerts and runbook');
    const headings = new Set(
      [...section.matchAll(/^### (\S+)\s*$/gm)].map(([, name]) => name.toLowerCase()),
    );
    for (const alert of alerts) {
      expect(alert.annotations?.runbook_url).toBe(
        `docs/operations.md#${alert.alert!.toLowerCase()}`,
      );
      expect(headings).toContain(alert.alert!.toLowerCase());
      expect(['page', 'ticket']).toContain(alert.labels?.severity);
      expect(alert.for).toMatch(/^\d+m$/);
      expect(alert.annotations?.summary).toBeTruthy();
    }
  });

  it('the dashboard reads the provisioned datasource, and every panel has a query', () => {
    const provisioned = yaml.load(readFileSync(DATASOURCES, 'utf8')) as {
      datasources: { uid: string; type: string }[];
    };
    const uid = provisioned.datasources.find((d) => d.type === 'prometheus')!.uid;
    for (const panel of panels) {
      expect(panel.datasource?.uid).toBe(uid);
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets!) expect(target.datasource?.uid).toBe(uid);
    }
  });

  it('the dashboard panels have their own ids and do not overlap', () => {
    const cells = new Map<string, string>();
    const overlaps: string[] = [];
    for (const panel of dashboard.panels) {
      const { x, y, w, h } = panel.gridPos;
      expect(x + w).toBeLessThanOrEqual(24);
      for (let i = x; i < x + w; i++)
        for (let j = y; j < y + h; j++) {
          const other = cells.get(`${i},${j}`);
          if (other) overlaps.push(`${panel.title} / ${other}`);
          cells.set(`${i},${j}`, panel.title);
        }
    }
    expect([...new Set(overlaps)]).toEqual([]);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
  });

  it('the compose profile mounts files that exist, and its Prometheus config loads the rules', () => {
    const compose = yaml.load(readFileSync(join(ROOT, 'docker', 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, { profiles?: string[]; volumes?: string[] }>;
    };
    const observability = Object.entries(compose.services).filter(([, service]) =>
      service.profiles?.includes('observability'),
    );
    expect(observability.map(([name]) => name).sort()).toEqual(['grafana', 'prometheus']);
    for (const [, service] of observability) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0];
        if (source.startsWith('./')) expect(existsSync(join(ROOT, 'docker', source))).toBe(true);
      }
    }
    const check = spawnSync('promtool', ['check', 'config', 'prometheus.yml'], {
      cwd: PROMETHEUS_DIR,
      encoding: 'utf8',
    });
    expect(`${check.stdout}${check.stderr}`).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(check.status).toBe(0);
  });

  it("every metric a panel or rule reads is one the gateway exports (or a rule's record)", async () => {
    const exported = new Set<string>();
    for (const base of [main, tight, broken]) {
      const text = (await request(`http://${base}`).get('/metrics').expect(200)).text;
      for (const name of exportedNames(text)) exported.add(name);
    }
    const missing: string[] = [];
    for (const { where, expr } of [
      ...panelQueries.map((q) => ({ where: `panel "${q.panel}"`, expr: q.expr })),
      ...rules.map((r) => ({ where: `rule ${r.alert ?? r.record}`, expr: r.expr })),
    ]) {
      const names = metricNames(expr);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        if (!(name.includes(':') ? recorded.has(name) : exported.has(name)))
          missing.push(`${where}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every dashboard panel shows data', async () => {
    const blank = new Map<string, string>();
    await eventually(
      async () => {
        blank.clear();
        for (const { panel, expr } of panelQueries) {
          const answer = await query(expr);
          if (answer.status !== 'success') throw new Error(`${panel}: ${expr}: ${answer.error}`);
          if (answer.data!.result.length === 0) blank.set(panel, expr);
        }
        return blank.size === 0;
      },
      { timeoutMs: 15000, everyMs: 500 },
    ).catch(() => undefined);
    expect(Object.fromEntries(blank)).toEqual({});
  });

  it('every route class has traffic and latency series (no class lost to a pattern)', async () => {
    for (const record of recorded) {
      const answer = await query(`count by (route_class) (${record})`);
      expect(answer.status).toBe('success');
      const classes = answer.data!.result.map((r) => r.metric.route_class).sort();
      expect({ record, classes }).toEqual({
        record,
        classes: ['aggregate', 'cached_read', 'pass_through'],
      });
    }
  });

  it('every alert expression is valid, and every metric an alert or panel reads has series', async () => {
    const unscraped: string[] = [];
    for (const alert of alerts) {
      const answer = await query(alert.expr);
      expect({ alert: alert.alert, status: answer.status, error: answer.error }).toEqual({
        alert: alert.alert,
        status: 'success',
        error: undefined,
      });
      for (const name of metricNames(alert.expr)) {
        const series = await query(`group(${name})`);
        if (series.data?.result.length !== 1) unscraped.push(`${alert.alert}: ${name}`);
      }
    }
    // A panel's fallback (`or vector(0)`, `or ... * 0`) must not hide a metric with no series.
    for (const { panel, expr } of panelQueries) {
      for (const name of metricNames(expr)) {
        const series = await query(`group(${name})`);
        if (series.data?.result.length !== 1) unscraped.push(`panel "${panel}": ${name}`);
      }
    }
    expect(unscraped).toEqual([]);
  });

  it('RedisDown sees the instance that lost Redis, and only that one', async () => {
    const redisDown = alerts.find((alert) => alert.alert === 'RedisDown')!;
    const answer = await query(redisDown.expr);
    expect(answer.data!.result.map((r) => r.metric.instance)).toEqual([broken]);
  });
});
