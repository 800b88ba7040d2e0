import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { ROOT } from './support/build';
import { ListeningGateway, startListeningGateway } from './support/listening-gateway';
import { DEMO_PASSWORD, DEMO_USER } from './support/stack';

const run = promisify(execFile);
const SDK = join(ROOT, 'sdk');

/** The ```html block of sdk/README.md's "In a browser without a bundler" section, as written. */
function readmePage(baseUrl: string): string {
  const readme = readFileSync(join(SDK, 'README.md'), 'utf8');
  const section = readme
    .split(/^### /m)
    .find((part) => part.startsWith('In a browser without a bundler'));
  const block = section && /```html\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('sdk/README.md has no ```html block under "In a browser ..."');
  if (!block.includes("'http://localhost:3000'")) throw new Error('the page names no gateway');
  return block.replace("'http://localhost:3000'", JSON.stringify(baseUrl));
}

/**
 * sdk/ as an app gets it: `npm pack` (which builds dist/esm and dist/cjs), the tarball installed
 * into an empty project, and that project's node_modules served to a browser. The machine has no
 * registry, so the project's lockfile names openapi-fetch and its helper types as the root's does
 * and `npm ci --offline` takes them from the npm cache the root install filled; on a machine with
 * a registry `npm install <tarball>` (what sdk/README.md says) does the same.
 */
describe('the SDK as a package: packed, installed, required, imported, typed, in a browser', () => {
  let app: string;
  let sandbox: ListeningGateway;
  let browser: Browser;
  let frontend: Server;
  let frontendUrl: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junction-sdk-'));
    const packing = run('npm', ['pack', '--pack-destination', dir, '--silent'], {
      cwd: SDK,
      timeout: 60000,
    });
    [sandbox, browser] = await Promise.all([startListeningGateway(), launchChromium()]);
    const tarball = (await packing).stdout.trim().split('\n').at(-1)!;
    app = join(dir, 'app');
    mkdirSync(join(app, 'src'), { recursive: true });
    const dependency = `file:../${tarball}`;
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'app', private: true, dependencies: { '@junction/sdk': dependency } }),
    );
    const rootLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, Record<string, unknown>>;
    };
    // The root's entry, less its `dev` flag (a dependency of the app here, not a dev one).
    const asRoot = (name: string) => ({
      ...rootLock.packages[`node_modules/${name}`],
      dev: undefined,
    });
    const sdkManifest = JSON.parse(readFileSync(join(SDK, 'package.json'), 'utf8')) as {
      version: string;
      dependencies: Record<string, string>;
    };
    writeFileSync(
      join(app, 'package-lock.json'),
      JSON.stringify({
        name: 'app',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'app', dependencies: { '@junction/sdk': dependency } },
          'node_modules/@junction/sdk': {
            version: sdkManifest.version,
            resolved: dependency,
            dependencies: sdkManifest.dependencies,
          },
          'node_modules/openapi-fetch': asRoot('openapi-fetch'),
          'node_modules/openapi-typescript-helpers': asRoot('openapi-typescript-helpers'),
        },
      }),
    );
    await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: app, timeout: 60000 });

    // A static file server over the app's folder, on another localhost port than the gateway.
    const types: Record<string, string> = {
      '.html': 'text/html',
      '.js': 'text/javascript',
      '.mjs': 'text/javascript',
      '.map': 'application/json',
    };
    frontend = createServer((request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url!, 'http://x').pathname));
      try {
        const body = readFileSync(join(app, path));
        response.writeHead(200, { 'content-type': types[extname(path)] ?? 'text/plain' });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => frontend.listen(0, '127.0.0.1', resolve));
    frontendUrl = `http://localhost:${(frontend.address() as AddressInfo).port}`;
  }, 120000);
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await new Promise((resolve) => frontend?.close(resolve));
    if (app) rmSync(join(app, '..'), { recursive: true, force: true });
  });

  it('is required as CommonJS and imported as ES modules from the installed package', async () => {
    const script =
      "const s = await LOAD; const c = s.createJunctionClient({ baseUrl: 'http://localhost:1' });" +
      ' console.log(JSON.stringify({ client: c instanceof s.JunctionClient, get: typeof c.api.GET,' +
      " problem: new s.ProblemError({ status: 404, code: 'NOT_FOUND', title: 'Not Found' }) instanceof s.JunctionError }));";
    const outputs = await Promise.all(
      [
        ['--input-type=commonjs', `(async () => { ${script} })()`, "require('@junction/sdk')"],
        ['--input-type=module', script, "import('@junction/sdk')"],
      ].map(([type, code, load]) =>
        run(process.execPath, [type, '-e', code.replace('LOAD', load)], { cwd: app }),
      ),
    );
    for (const { stdout } of outputs) {
      expect(JSON.parse(stdout)).toEqual({ client: true, get: 'function', problem: true });
    }
    const resolved = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { createRequire } from 'node:module'; console.log(import.meta.resolve('@junction/sdk'));" +
          " console.log(createRequire(process.cwd() + '/').resolve('@junction/sdk'));",
      ],
      { cwd: app },
    );
    const [esm, cjs] = resolved.stdout.trim().split('\n');
    expect(esm).toMatch(/node_modules\/@junction\/sdk\/dist\/esm\/junction\.js$/);
    expect(cjs).toMatch(/node_modules\/@junction\/sdk\/dist\/cjs\/junction\.js$/);
  });

  it('gives TypeScript its types from both builds: typed paths and data, typed problem codes', async () => {
    writeFileSync(
      join(app, 'src', 'esm.mts'),
      [
        "import { createJunctionClient, unwrap, type Schemas } from '@junction/sdk';",
        'export async function ids(): Promise<string[]> {',
        "  const junction = createJunctionClient({ baseUrl: 'http://localhost:3000' });",
        "  const list: Schemas['ApplianceDto'][] = await unwrap(junction.api.GET('/v1/appliances'));",
        // Each would be unused, and fail the check, if the package's types were `any`.
        '  // @ts-expect-error not a path of the API',
        "  void junction.api.GET('/v1/appliance');",
        '  // @ts-expect-error not a field of ApplianceDto',
        '  void list[0]?.deviceIdd;',
        '  return list.map((appliance) => appliance.deviceId);',
        '}',
      ].join('\n'),
    );
    writeFileSync(
      join(app, 'src', 'cjs.cts'),
      [
        "import { ProblemError } from '@junction/sdk';",
        'export function offline(error: unknown): boolean {',
        '  // @ts-expect-error misspelt: not an ErrorCode',
        "  void (error instanceof ProblemError && error.code === 'DEVICE_OFFLNE');",
        "  return error instanceof ProblemError && error.code === 'DEVICE_OFFLINE';",
        '}',
      ].join('\n'),
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          types: [],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
        },
        include: ['src'],
      }),
    );
    const tsc = require.resolve('typescript/bin/tsc');
    const checked = await run(process.execPath, [tsc, '-p', app]).then(
      () => 'no errors',
      (error: { stdout: string }) => error.stdout,
    );
    expect(checked).toBe('no errors');
  });

  it('runs sdk/README.md’s no-bundler page as written: an import map and the ES modules', async () => {
    writeFileSync(join(app, 'readme.html'), readmePage(sandbox.baseUrl));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${frontendUrl}/readme.html`);
    const items = page.locator('#appliances li');
    await items.first().waitFor({ timeout: 10000 });
    expect(errors).toEqual([]);
    const token = await fetch(`${sandbox.baseUrl}/v1/auth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        username: DEMO_USER,
        password: DEMO_PASSWORD,
      }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const listed = await fetch(`${sandbox.baseUrl}/v1/appliances`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    }).then((r) => r.json() as Promise<{ alias: string; deviceType: string }[]>);
    expect(listed.length).toBeGreaterThan(0);
    expect(await items.allTextContents()).toEqual(
      listed.map((a) => `${a.alias} (${a.deviceType})`),
    );
  });

  it('takes a user through sign-in, appliances, a command, home, a typed error and sign-out in the browser', async () => {
    const importMap = /<script type="importmap">[\s\S]*?<\/script>/.exec(readmePage(''))![0];
    writeFileSync(
      join(app, 'journey.html'),
      `<!doctype html>
${importMap}
<pre id="journey"></pre>
<script type="module">
  import { createJunctionClient, ProblemError, unwrap } from '@junction/sdk';

  const show = (result) => (document.getElementById('journey').textContent = JSON.stringify(result));
  const seen = [];
  const junction = createJunctionClient({
    baseUrl: ${JSON.stringify(sandbox.baseUrl)},
    onTokens: (tokens) => seen.push(tokens ? tokens.scope : 'signed out'),
  });
  try {
    await junction.signIn({ username: ${JSON.stringify(DEMO_USER)}, password: ${JSON.stringify(DEMO_PASSWORD)} });
    const appliances = await unwrap(junction.api.GET('/v1/appliances'));
    const ac = appliances.find((a) => a.deviceType === 'DEVICE_AIR_CONDITIONER');
    const path = { deviceId: ac.deviceId };
    const target = (await unwrap(junction.api.GET('/v1/appliances/{deviceId}/status', { params: { path } })))
      .temperature.targetTemperature === 23.5 ? 24 : 23.5;
    const sent = await unwrap(junction.api.POST('/v1/appliances/{deviceId}/commands', {
      params: { path },
      body: { temperature: { targetTemperature: target } },
    }));
    // The browser keeps the status it read for its max-age (5 s): ask the gateway again.
    const after = await unwrap(
      junction.api.GET('/v1/appliances/{deviceId}/status', { params: { path }, cache: 'no-cache' }),
    );
    const home = await unwrap(junction.api.GET('/v1/home'));
    let problem;
    try {
      await unwrap(junction.api.GET('/v1/appliances/{deviceId}/status', { params: { path: { deviceId: 'no-such-device' } } }));
    } catch (error) {
      problem = error instanceof ProblemError ? { code: error.code, status: error.status } : String(error);
    }
    await junction.signOut();
    show({
      appliances: appliances.length,
      sent: sent === undefined,
      target,
      after: after.temperature.targetTemperature,
      firstName: home.profile.firstName,
      onHome: home.devices.some((d) => d.id === 'thinq:' + ac.deviceId),
      problem,
      seen,
    });
  } catch (error) {
    show({ failed: String(error) });
  }
</script>
`,
    );
    const page = await browser.newPage();
    await page.goto(`${frontendUrl}/journey.html`);
    await page.locator('#journey:not(:empty)').waitFor({ timeout: 15000 });
    const shown = JSON.parse((await page.textContent('#journey'))!) as Record<string, unknown>;
    expect(shown).toEqual({
      appliances: shown.appliances,
      sent: true,
      target: shown.target,
      after: shown.target,
      firstName: 'Jiwoo',
      onHome: true,
      problem: { code: 'DEVICE_NOT_FOUND', status: 404 },
      seen: ['profile therapy appliances conference:read', 'signed out'],
    });
    expect([23.5, 24]).toContain(shown.target);
    expect(shown.appliances).toBeGreaterThan(1);
  });
});
