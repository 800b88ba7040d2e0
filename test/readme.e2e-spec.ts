import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import request from 'supertest';
import { ListeningGateway, startListeningGateway } from './support/listening-gateway';

const run = promisify(execFile);
const README = join(__dirname, '..', 'README.md');

/** The shell commands of the README's "Try it (sandbox)" block, continuation lines joined. */
function sandboxBlock(): string[] {
  const readme = readFileSync(README, 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Try it (sandbox)'));
  const block = section && /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md has no ```sh block under "## Try it (sandbox)"');
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const json = (output: string) => JSON.parse(output);
const claims = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

/**
 * What each README command must answer. Every command of the block must match one of these, and
 * each of these must match a command: a new example needs its check, a dropped one is noticed.
 */
const CHECKS: { command: RegExp; check(output: string, baseUrl: string): void }[] = [
  {
    command: /^TOKEN=\$\(curl .*\/v1\/auth\/token .*grant_type=password/,
    check: (token) => {
      expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(claims(token)).toMatchObject({
        sub: 'lux:1',
        scope: expect.stringContaining('profile'),
      });
    },
  },
  {
    command: /^curl -s \S+\/v1\/me\/links -H "authorization: Bearer \$TOKEN"$/,
    check: (out) => expect(json(out).lux).toMatchObject({ linked: true, state: 'active' }),
  },
  {
    command: /^curl -s -X PUT \S+\/v1\/me\/links\/thinq /,
    check: (out) => expect(json(out)).toMatchObject({ provider: 'thinq', linked: true }),
  },
  {
    command: /^curl -s \S+\/v1\/appliances -H/,
    check: (out) => {
      expect(json(out).length).toBeGreaterThan(0);
      expect(json(out)[0].deviceId).toEqual(expect.any(String));
    },
  },
  {
    command: /^curl -s \S+\/v1\/home -H/,
    check: (out) => {
      expect(json(out).profile.firstName).toBe('Jiwoo');
      expect(json(out).devices.some((d: { source: string }) => d.source === 'thinq')).toBe(true);
    },
  },
  {
    command: /^curl -s -u reports:\S+ \S+\/v1\/auth\/token -d grant_type=client_credentials$/,
    check: (out) =>
      expect(json(out)).toMatchObject({
        token_type: 'Bearer',
        scope: 'conference:read conference:admin',
      }),
  },
  {
    command: /^curl -s \S+\/\.well-known\/jwks\.json$/,
    check: (out) => expect(json(out).keys[0]).toMatchObject({ kty: 'EC', kid: expect.any(String) }),
  },
  {
    command: /^curl -s \S+\/\.well-known\/oauth-authorization-server$/,
    check: (out, baseUrl) =>
      expect(json(out)).toMatchObject({
        issuer: baseUrl,
        token_endpoint: `${baseUrl}/v1/auth/token`,
        jwks_uri: `${baseUrl}/.well-known/jwks.json`,
      }),
  },
];

describe('README', () => {
  let sandbox: ListeningGateway;

  beforeAll(async () => {
    // As `npm start` runs it: built-in simulators, and the in-memory store (no REDIS_URL).
    sandbox = await startListeningGateway({ env: { REDIS_URL: undefined } });
  });
  afterAll(() => sandbox.close());

  it('and the other pages link only files that exist in the repository', () => {
    const root = join(__dirname, '..');
    const docs = readdirSync(join(root, 'docs')).map((file) => join('docs', file));
    const pages = ['README.md', 'sdk/README.md', ...docs];
    const broken: string[] = [];
    let links = 0;
    for (const page of pages.filter((p) => p.endsWith('.md'))) {
      const text = readFileSync(join(root, page), 'utf8');
      // Nor name a file outside it, linked or not (a clone has no ../shared).
      for (const [outside] of text.matchAll(/(?:\.\.\/shared|\/work\/)\S*/g))
        broken.push(`${page} -> ${outside}`);
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target)) continue; // a web address
        links += 1;
        const path = resolve(root, dirname(page), target);
        if (!path.startsWith(`${root}/`) || !existsSync(path)) broken.push(`${page} -> ${target}`);
      }
    }
    expect(links).toBeGreaterThan(3);
    expect(broken).toEqual([]);
  });

  it('runs the "Try it (sandbox)" block as written, and every command answers as it should', async () => {
    const commands = sandboxBlock();
    const local = (command: string) =>
      command.replaceAll('localhost:3000', `localhost:${sandbox.port}`);
    // One shell runs the whole block in order (TOKEN carries over), marking where each answer starts.
    const script = commands
      .map((command, index) => {
        const show = /^(\w+)=/.exec(command)?.[1];
        return `printf '\\n<<<${index}>>>\\n'\n${local(command)}\n${show ? `printf '%s' "$${show}"\n` : ''}`;
      })
      .join('');
    const { stdout } = await run('sh', ['-c', script], { timeout: 30000 });
    const outputs = stdout.split(/\n<<<\d+>>>\n/).slice(1);
    expect(outputs).toHaveLength(commands.length);

    const used = new Set<number>();
    commands.forEach((command, index) => {
      const matches = CHECKS.flatMap((entry, i) => (entry.command.test(command) ? [i] : []));
      expect({ command, checks: matches.length }).toEqual({ command, checks: 1 });
      used.add(matches[0]);
      CHECKS[matches[0]].check(outputs[index].trim(), sandbox.baseUrl);
    });
    const unused = CHECKS.filter((_entry, i) => !used.has(i)).map((e) => String(e.command));
    expect(unused).toEqual([]);
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
