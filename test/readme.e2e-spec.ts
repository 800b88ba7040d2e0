import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import request from 'supertest';
import { eventually } from './support/eventually';
import { ListeningGateway, startListeningGateway } from './support/listening-gateway';
import { freePort } from './support/redis-server';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const README = join(ROOT, 'README.md');

interface ShellCommand {
  /** The command as the shell reads it: continuation lines joined, a trailing comment left out. */
  text: string;
  /** Its trailing comment, if any (`terminal 1: ...` marks a command that keeps running). */
  comment: string;
}

/**
 * Splits a block of shell into its commands: a newline ends one unless it is quoted (a JSON body
 * over several lines) or escaped (a continuation line, joined). `#` starting a word outside quotes
 * starts a comment.
 */
function shellCommands(block: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let text = '';
  let comment = '';
  let quote: string | undefined;
  for (let i = 0; i < block.length; i++) {
    const c = block[i];
    if (quote === "'") {
      text += c;
      if (c === "'") quote = undefined;
    } else if (c === '\\' && block[i + 1] === '\n') {
      i += 1;
      while (block[i + 1] === ' ') i += 1;
    } else if (c === '\\') {
      text += c + (block[i + 1] ?? '');
      i += 1;
    } else if (quote === '"') {
      text += c;
      if (c === '"') quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
      text += c;
    } else if (c === '#' && /(^|\s)$/.test(text)) {
      const end = block.indexOf('\n', i);
      comment = block.slice(i + 1, end === -1 ? undefined : end).trim();
      i = (end === -1 ? block.length : end) - 1;
    } else if (c === '\n') {
      if (text.trim() !== '') commands.push({ text: text.trim(), comment });
      text = '';
      comment = '';
    } else {
      text += c;
    }
  }
  if (quote !== undefined) throw new Error(`unclosed ${quote} in the README block`);
  if (text.trim() !== '') commands.push({ text: text.trim(), comment });
  return commands;
}

/** The commands of the README's `index`-th ```sh block under "## Try it (sandbox)". */
function sandboxBlock(index: number): ShellCommand[] {
  const readme = readFileSync(README, 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Try it (sandbox)'));
  const block = section && [...section.matchAll(/```sh\n([\s\S]*?)```/g)][index]?.[1];
  if (!block)
    throw new Error(`README.md has no ${index + 1}. \`\`\`sh block under "## Try it (sandbox)"`);
  return shellCommands(block);
}

interface CheckContext {
  /** The gateway the block ran against (what BASE was set to). */
  baseUrl: string;
  /** The Nueyne simulator's URL (what NUEYNE was set to), for the sign-up block. */
  nueyneUrl?: string;
  /** The variables the block assigned so far. */
  vars: Record<string, string>;
}

interface Check {
  command: RegExp;
  check(output: string, context: CheckContext): void;
}

/**
 * Runs the commands in one shell, in order (variables carry over), marking where each answer
 * starts; an assignment's answer is the variable's value.
 */
async function runBlock(commands: string[], env?: NodeJS.ProcessEnv): Promise<string[]> {
  const script = commands
    .map((command, index) => {
      const show = /^(\w+)=/.exec(command)?.[1];
      return `printf '\\n<<<${index}>>>\\n'\n${command}\n${show ? `printf '%s' "$${show}"\n` : ''}`;
    })
    .join('');
  const { stdout } = await run('sh', ['-c', script], { timeout: 60000, env });
  const outputs = stdout.split(/\n<<<\d+>>>\n/).slice(1);
  expect(outputs).toHaveLength(commands.length);
  return outputs;
}

/**
 * Each command's answer goes to the one check whose pattern matches the command: every command
 * has exactly one, and every check is used (a new example needs its check, a dropped one is seen).
 */
function checkAll(
  commands: string[],
  outputs: string[],
  checks: Check[],
  urls: Omit<CheckContext, 'vars'>,
): Record<string, string> {
  const vars: Record<string, string> = {};
  const used = new Set<number>();
  commands.forEach((command, index) => {
    const matches = checks.flatMap((entry, i) => (entry.command.test(command) ? [i] : []));
    expect({ command, checks: matches.length }).toEqual({ command, checks: 1 });
    used.add(matches[0]);
    checks[matches[0]].check(outputs[index].trim(), { ...urls, vars });
    const assigned = /^(\w+)=/.exec(command)?.[1];
    if (assigned) vars[assigned] = outputs[index].trim();
  });
  const unused = checks.filter((_entry, i) => !used.has(i)).map((e) => String(e.command));
  expect(unused).toEqual([]);
  return vars;
}

/** Commands that name a host and port themselves, other than as a variable's default. */
const hardCodedHosts = (commands: string[]) =>
  commands.filter((command) =>
    /(localhost|127\.0\.0\.1):\d+/.test(command.replace(/\$\{\w+:-[^}]*\}/g, '')),
  );

/** `field`, defined in each block: prints one member of a JSON answer, or fails showing it. */
const FIELD_CHECK: Check = {
  command: /^field\(\) \{ node -e /,
  check: (out) => expect(out).toBe(''),
};

const json = (output: string) => JSON.parse(output);
const claims = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

/**
 * What each README command must answer. Every command of the block must match one of these, and
 * each of these must match a command: a new example needs its check, a dropped one is noticed.
 */
const CHECKS: Check[] = [
  {
    command: /^BASE=\$\{BASE:-http:\/\/localhost:3000\}$/,
    // The test sets BASE: the block must use it rather than its default.
    check: (base, { baseUrl }) => expect(base).toBe(baseUrl),
  },
  FIELD_CHECK,
  {
    command: /^TOKEN=\$\(curl .*\/v1\/auth\/token .*grant_type=password.*\| field access_token\)$/,
    check: (token) => {
      expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(claims(token)).toMatchObject({
        sub: 'lux:1',
        scope: expect.stringContaining('profile'),
      });
    },
  },
  {
    command: /^curl -sS \S+\/v1\/me\/links -H "authorization: Bearer \$TOKEN"$/,
    // The sandbox's demo user comes linked to the demo ThinQ account: no PUT before appliances.
    check: (out) => {
      expect(json(out).lux).toMatchObject({ linked: true, state: 'active' });
      expect(json(out).thinq).toMatchObject({ linked: true, state: 'active', countryCode: 'KR' });
    },
  },
  {
    command: /^curl -sS \S+\/v1\/appliances -H/,
    check: (out) => {
      expect(json(out).length).toBeGreaterThan(0);
      expect(json(out)[0].deviceId).toEqual(expect.any(String));
    },
  },
  {
    command: /^curl -sS \S+\/v1\/home -H/,
    check: (out) => {
      expect(json(out).profile.firstName).toBe('Jiwoo');
      expect(json(out).devices.some((d: { source: string }) => d.source === 'thinq')).toBe(true);
    },
  },
  {
    command: /^curl -sS -u reports:\S+ \S+\/v1\/auth\/token -d grant_type=client_credentials$/,
    check: (out) =>
      expect(json(out)).toMatchObject({
        token_type: 'Bearer',
        scope: 'conference:read conference:admin',
      }),
  },
  {
    command: /^curl -sS \S+\/\.well-known\/jwks\.json$/,
    check: (out) => expect(json(out).keys[0]).toMatchObject({ kty: 'EC', kid: expect.any(String) }),
  },
  {
    command: /^curl -sS \S+\/\.well-known\/oauth-authorization-server$/,
    check: (out, { baseUrl }) =>
      expect(json(out)).toMatchObject({
        issuer: baseUrl,
        token_endpoint: `${baseUrl}/v1/auth/token`,
        jwks_uri: `${baseUrl}/.well-known/jwks.json`,
      }),
  },
];

/** What the two terminals of the second block (sign up a new Lux user) must print. */
const TERMINAL_CHECKS: Check[] = [
  {
    command: /^npm run sandbox$/,
    check: (out) => {
      for (const name of ['NUEYNE', 'THINQ', 'INTERWATER'])
        expect(out).toMatch(new RegExp(`^${name}_BASE_URL=http://127\\.0\\.0\\.1:\\d+$`, 'm'));
      expect(out).toContain('GET /__sandbox/outbox?to=');
    },
  },
  {
    command: /^NUEYNE_BASE_URL=http:\/\/127\.0\.0\.1:\d+ npm start$/,
    check: (out, { baseUrl }) => {
      expect(out).toContain(`Junction listening on ${baseUrl}`);
      // Nueyne is the standalone one; the other two upstreams are the gateway's own simulators.
      expect(out).not.toContain('NUEYNE_BASE_URL is unset');
      expect(out).toContain('THINQ_BASE_URL is unset: running the built-in thinq simulator');
    },
  },
];

/** What each command of the rest of the second block must answer, on every run. */
const SIGN_UP_CHECKS: Check[] = [
  {
    command: /^BASE=\$\{BASE:-http:\/\/localhost:3000\}$/,
    check: (base, { baseUrl }) => expect(base).toBe(baseUrl),
  },
  {
    command: /^NUEYNE=\$\{NUEYNE:-http:\/\/127\.0\.0\.1:4010\}$/,
    check: (nueyne, { nueyneUrl }) => expect(nueyne).toBe(nueyneUrl),
  },
  FIELD_CHECK,
  {
    command: /^ID=\$\(node -p /,
    check: (id) => expect(id).toMatch(/^\d{6}$/),
  },
  {
    command: /^PHONE=\S+$/,
    check: (phone, { vars }) => expect(phone).toBe(`+821055${vars.ID}`),
  },
  {
    command: /^EMAIL=\S+$/,
    check: (email, { vars }) => expect(email).toBe(`minji.${vars.ID}@example.com`),
  },
  {
    command: /^curl -sS \S+\/v1\/accounts\/lux\/phone-verifications -H /,
    check: (out, { vars }) =>
      expect(json(out)).toMatchObject({
        phone: vars.PHONE,
        message: expect.stringContaining('code'),
      }),
  },
  {
    command:
      /^CODE=\$\(curl -sS "\$NUEYNE\/__sandbox\/outbox\?to=\$PHONE" \| field sms\.0\.code\)$/,
    check: (code) => expect(code).toMatch(/^\d{6}$/),
  },
  {
    command:
      /^VERIFICATION=\$\(curl -sS \S+\/v1\/accounts\/lux\/phone-verifications\/confirm -H .*\| field verificationToken\)$/,
    check: (token) => expect(token).toMatch(/^[\w-]{16,}$/),
  },
  {
    command:
      /^TOKEN=\$\(curl -sS \S+\/v1\/accounts\/lux -H 'content-type: application\/json' -d "\{[\s\S]*\| field access_token\)$/,
    check: (token) => {
      expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
      // A new Lux account (the demo account is lux:1), signed in at once.
      expect(claims(token)).toMatchObject({
        sub: expect.stringMatching(/^lux:\d+$/),
        scope: expect.stringContaining('profile'),
      });
      expect(claims(token).sub).not.toBe('lux:1');
    },
  },
  {
    command: /^curl -sS \S+\/v1\/me -H "authorization: Bearer \$TOKEN"$/,
    check: (out, { vars }) =>
      expect(json(out)).toMatchObject({
        rootUserId: Number(claims(vars.TOKEN).sub.split(':')[1]),
        firstName: 'Minji Park',
        birthdate: '1997-01-31',
        gender: 'F',
        phone: vars.PHONE,
        isPhoneNumberChecked: true,
        nationalCode: 'KR',
      }),
  },
];

/** A command that keeps running (a README "terminal"), in its own process group. */
interface Server {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

function startServer(command: string, env: NodeJS.ProcessEnv): Server {
  const child = spawn('sh', ['-c', command], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // the group is gone
    }
  };
  return {
    child,
    output: () => out,
    stop: async () => {
      // As Ctrl-C would: the terminal's whole process group (sh, npm, node).
      group('SIGTERM');
      const late = setTimeout(() => group('SIGKILL'), 15000);
      await exited;
      clearTimeout(late);
      group('SIGKILL');
    },
  };
}

/** Waits until `server` has printed `text`; fails at once, with its output, if it ended instead. */
async function printed(server: Server, text: string): Promise<void> {
  await eventually(
    () => {
      if (server.output().includes(text)) return true;
      if (server.child.exitCode !== null || server.child.signalCode !== null)
        throw new Error(`the command ended before printing "${text}":\n${server.output()}`);
      return false;
    },
    // The first command of a fresh checkout builds dist/ (scripts/build-if-stale.js).
    { timeoutMs: 240000, everyMs: 100 },
  );
}

/** The anchors GitHub gives a page's headings (lower case, punctuation dropped, spaces to `-`). */
function headings(path: string): Set<string> {
  const text = readFileSync(path, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return new Set(
    [...text.matchAll(/^#{1,6} (.+)$/gm)].map(([, title]) =>
      title
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}

describe('README', () => {
  let sandbox: ListeningGateway;

  beforeAll(async () => {
    // As `npm start` runs it: built-in simulators, and the in-memory store (no REDIS_URL).
    sandbox = await startListeningGateway({ env: { REDIS_URL: undefined } });
  });
  afterAll(() => sandbox.close());

  it('and the other pages link only files and headings that exist in the repository', () => {
    const root = join(__dirname, '..');
    const markdown = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? markdown(join(dir, entry.name))
          : entry.name.endsWith('.md')
            ? [join(dir, entry.name)]
            : [],
      );
    const pages = [
      'README.md',
      'CONTRIBUTING.md',
      'CHANGELOG.md',
      'sdk/README.md',
      'bench/README.md',
      'bench/HISTORY.md',
      'docker/k8s/README.md',
      ...markdown('docs'),
    ];
    const broken: string[] = [];
    let links = 0;
    for (const page of pages) {
      const text = readFileSync(join(root, page), 'utf8');
      // Nor name a file outside it, linked or not (a clone has no ../shared).
      for (const [outside] of text.matchAll(/(?:\.\.\/shared|\/work\/)\S*/g))
        broken.push(`${page} -> ${outside}`);
      for (const [, target, anchor] of text.matchAll(/\]\(([^)#\s]*)(?:#([^)]*))?\)/g)) {
        if (/^[a-z]+:/.test(target)) continue; // a web address
        links += 1;
        const path = target === '' ? join(root, page) : resolve(root, dirname(page), target);
        if (!path.startsWith(`${root}/`) || !existsSync(path)) broken.push(`${page} -> ${target}`);
        else if (anchor !== undefined && path.endsWith('.md') && !headings(path).has(anchor))
          broken.push(`${page} -> ${target}#${anchor}`);
      }
    }
    expect(links).toBeGreaterThan(3);
    expect(broken).toEqual([]);
  });

  it('runs the "Try it (sandbox)" block as written with BASE set, and every command answers as it should', async () => {
    const commands = sandboxBlock(0).map(({ text }) => text);
    // Every command reaches the gateway through BASE, so the test changes nothing in the text.
    expect(hardCodedHosts(commands)).toEqual([]);
    const outputs = await runBlock(commands, { ...process.env, BASE: sandbox.baseUrl });
    checkAll(commands, outputs, CHECKS, { baseUrl: sandbox.baseUrl });
  });

  it('shows the problem a failing step got (on stderr, and fails), not "undefined"', async () => {
    const field = sandboxBlock(0).find((c) => c.text.startsWith('field() {'));
    expect(field).toBeDefined();
    const script = `${field!.text}\ncurl -sS $BASE/v1/me -H "authorization: Bearer not-a-token" | field firstName`;
    const failed = await run('sh', ['-c', script], {
      env: { ...process.env, BASE: sandbox.baseUrl },
    }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 1, stdout: '' });
    expect(JSON.parse(failed!.stderr)).toMatchObject({ status: 401, code: 'INVALID_TOKEN' });
  });

  it('is right about stock clients: openid-client (oauth2 discovery) and a JWKS verifier', async () => {
    const probe = join(__dirname, 'support', 'openid-client-probe.mjs');
    const { stdout } = await run(process.execPath, [probe, sandbox.baseUrl], { timeout: 30000 });
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      issuer: sandbox.baseUrl,
      service: { scope: 'conference:read', tokenType: 'bearer' },
      signedIn: { hasRefreshToken: true },
      refreshed: { rotated: true },
    });
    // An internal service verifies gateway tokens with the published keys.
    const keys = createRemoteJWKSet(new URL(result.jwksUri));
    const { payload } = await jwtVerify(result.service.accessToken, keys, {
      issuer: sandbox.baseUrl,
      audience: 'junction',
      typ: 'at+jwt',
    });
    expect(payload).toMatchObject({ sub: 'client:reports', client_id: 'reports' });
    const http = sandbox.gateway.app.getHttpServer();
    const sessions = await request(http)
      .get('/v1/conference/sessions')
      .set('authorization', `Bearer ${result.service.accessToken}`);
    expect(sessions.status).toBe(200);
    // openid-client revoked the refresh token, which ended the frontend's session.
    const ended = await request(http)
      .get('/v1/me')
      .set('authorization', `Bearer ${result.refreshed.accessToken}`);
    expect(ended.status).toBe(401);
  });
});

describe('README: "Sign up a new Lux user end to end"', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  it('runs the second block as written against `npm run sandbox` and `npm start`, and every command answers as it should', async () => {
    const commands = sandboxBlock(1);
    // What a user's terminal has; nothing of the test's own environment (NODE_ENV=test, Redis).
    const userEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? ROOT,
      npm_config_update_notifier: 'false',
    };
    const terminals = commands.filter((c) => /^terminal \d/.test(c.comment));
    const rest = commands.filter((c) => !terminals.includes(c));
    expect(terminals.map((c) => c.comment)).toEqual([
      expect.stringMatching(/^terminal 1/),
      expect.stringMatching(/^terminal 2/),
    ]);
    expect(commands.slice(0, 2)).toEqual(terminals);

    // Terminal 1: the simulators, on ports the system picks (SANDBOX_*_PORT, as the README says)
    // instead of 4010, 4020 and 4030, which another program may hold; the README's ports are
    // replaced by the ones it prints in every later command.
    const simulators = startServer(terminals[0].text, {
      ...userEnv,
      SANDBOX_NUEYNE_PORT: '0',
      SANDBOX_THINQ_PORT: '0',
      SANDBOX_INTERWATER_PORT: '0',
    });
    servers.push(simulators);
    await printed(simulators, 'INTERWATER_BASE_URL=');
    const port = (name: string) =>
      new RegExp(`^${name}_BASE_URL=http://127\\.0\\.0\\.1:(\\d+)$`, 'm').exec(
        simulators.output(),
      )?.[1];
    const gatewayPort = await freePort();
    const ports: Record<string, string | undefined> = {
      '3000': String(gatewayPort),
      '4010': port('NUEYNE'),
      '4020': port('THINQ'),
      '4030': port('INTERWATER'),
    };
    const local = (text: string) =>
      text.replace(/(localhost|127\.0\.0\.1):(3000|4010|4020|4030)\b/g, (_, host, p) => {
        expect(ports[p]).toMatch(/^\d+$/);
        return `${host}:${ports[p]}`;
      });

    // Terminal 2: the gateway, on a free port instead of 3000 (PORT).
    const gateway = startServer(local(terminals[1].text), {
      ...userEnv,
      PORT: String(gatewayPort),
    });
    servers.push(gateway);
    const baseUrl = `http://localhost:${gatewayPort}`;
    await printed(gateway, 'Junction listening on');

    checkAll(
      terminals.map((c) => local(c.text)),
      [simulators.output(), gateway.output()],
      TERMINAL_CHECKS,
      { baseUrl },
    );

    // Terminal 3, as written: the gateway and the outbox through BASE and NUEYNE.
    const steps = rest.map((c) => c.text);
    expect(hardCodedHosts(steps)).toEqual([]);
    const nueyneUrl = `http://127.0.0.1:${ports['4010']}`;
    const env = { ...userEnv, BASE: baseUrl, NUEYNE: nueyneUrl };
    const first = checkAll(steps, await runBlock(steps, env), SIGN_UP_CHECKS, {
      baseUrl,
      nueyneUrl,
    });
    // Run again as it stands: a new number and e-mail, a new account, every answer as the first.
    await new Promise((done) => setTimeout(done, 5));
    const second = checkAll(steps, await runBlock(steps, env), SIGN_UP_CHECKS, {
      baseUrl,
      nueyneUrl,
    });
    expect(second.PHONE).not.toBe(first.PHONE);
    expect(claims(second.TOKEN).sub).not.toBe(claims(first.TOKEN).sub);
  }, 300000);
});
