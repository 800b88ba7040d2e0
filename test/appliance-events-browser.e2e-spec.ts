import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { ListeningGateway, startListeningGateway } from './support/listening-gateway';
import { DEMO_PASSWORD, DEMO_USER } from './support/stack';

/** The ```js block of docs/appliance-events.md ("From a browser, with `EventSource`"), as written. */
function readmeSnippet(): string {
  const page = readFileSync(join(__dirname, '..', 'docs', 'appliance-events.md'), 'utf8');
  const section = page
    .split(/^## /m)
    .find((part) => part.startsWith('From a browser, with `EventSource`'));
  const block = section && /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block)
    throw new Error(
      'docs/appliance-events.md has no ```js block under "## From a browser, with `EventSource`"',
    );
  return block;
}

interface Seen {
  event: string;
  id: string;
  data: { deviceId: string; status?: Record<string, Record<string, unknown>> };
}

/**
 * The browser recipe of docs/appliance-events.md in a real Chromium: a frontend on another origin (a dev server on
 * another localhost port) signs in with fetch, asks for a ticket, opens a native EventSource with
 * it (EventSource cannot send the bearer token), sees the snapshots and the change a command
 * makes, then opens a new EventSource with a new ticket and `lastEventId` and misses nothing.
 * The gateway is the embedded sandbox (its simulators, the default poll interval).
 */
describe('appliance events in a real browser (EventSource with a ticket, cross-origin)', () => {
  let sandbox: ListeningGateway;
  let browser: Browser;
  let frontend: Server;
  let frontendUrl: string;

  beforeAll(async () => {
    frontend = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>frontend</title>');
    });
    await new Promise<void>((resolve) => frontend.listen(0, '127.0.0.1', resolve));
    frontendUrl = `http://localhost:${(frontend.address() as AddressInfo).port}/`;
    [sandbox, browser] = await Promise.all([startListeningGateway(), launchChromium()]);
  }, 60000);
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await new Promise((resolve) => frontend?.close(resolve));
  });

  it('the documented recipe: snapshots, a command’s change, and the end when the session is revoked', async () => {
    const page = await browser.newPage();
    await page.goto(frontendUrl);
    await page.addScriptTag({ content: readmeSnippet() });
    const result = await page.evaluate(
      async ({ base, username, password }) => {
        const signIn = (await (
          await fetch(`${base}/v1/auth/token`, {
            method: 'POST',
            body: new URLSearchParams({ grant_type: 'password', username, password }),
          })
        ).json()) as { access_token: string; refresh_token: string };
        const auth = { authorization: `Bearer ${signIn.access_token}` };
        await fetch(`${base}/v1/me/links/thinq`, {
          method: 'PUT',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ accessToken: 'thinq-demo-token', countryCode: 'KR' }),
        });
        const seen: { name: string; data: Seen['data'] }[] = [];
        const follow = (globalThis as unknown as Record<string, unknown>).follow as (
          base: string,
          token: string,
          onEvent: (name: string, data: Seen['data']) => void,
        ) => Promise<void>;
        await follow(base, signIn.access_token, (name, data) => seen.push({ name, data }));
        const until = async (check: () => boolean, what: string) => {
          const started = Date.now();
          while (!check()) {
            if (Date.now() - started > 10000)
              throw new Error(`no ${what}: ${JSON.stringify(seen)}`);
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        };
        await until(() => seen.filter((e) => e.name === 'snapshot').length === 5, 'snapshots');
        const fridge = seen.find((e) => Array.isArray(e.data.status?.doorStatus))!.data.deviceId;
        await fetch(`${base}/v1/appliances/${fridge}/commands`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ refrigeration: { expressMode: true } }),
        });
        await until(() => seen.some((e) => e.name === 'status'), 'status event');
        // Revoking the session ends the stream; the recipe closes it and does not come back.
        const requests = performance.getEntriesByType('resource').length;
        await fetch(`${base}/v1/auth/revoke`, {
          method: 'POST',
          body: new URLSearchParams({ token: signIn.refresh_token }),
        });
        await new Promise((resolve) => setTimeout(resolve, 4000));
        const ticketsAfter = performance
          .getEntriesByType('resource')
          .slice(requests)
          .filter((entry) => entry.name.includes('/tickets')).length;
        return { seen, fridge, ticketsAfter };
      },
      { base: sandbox.baseUrl, username: DEMO_USER, password: DEMO_PASSWORD },
    );
    expect(result.seen.find((e) => e.name === 'status')?.data).toEqual({
      deviceId: result.fridge,
      status: { refrigeration: { expressMode: true } },
    });
    expect(result.ticketsAfter).toBe(0);
  });

  it('streams snapshots and changes, and resumes from lastEventId with a new ticket', async () => {
    const page = await browser.newPage();
    await page.goto(frontendUrl);
    const result = await page.evaluate(
      async ({ base, username, password }) => {
        const token = (
          (await (
            await fetch(`${base}/v1/auth/token`, {
              method: 'POST',
              body: new URLSearchParams({ grant_type: 'password', username, password }),
            })
          ).json()) as { access_token: string }
        ).access_token;
        const auth = { authorization: `Bearer ${token}` };
        await fetch(`${base}/v1/me/links/thinq`, {
          method: 'PUT',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ accessToken: 'thinq-demo-token', countryCode: 'KR' }),
        });
        const ticket = async () =>
          (
            (await (
              await fetch(`${base}/v1/appliances/events/tickets`, { method: 'POST', headers: auth })
            ).json()) as { ticket: string }
          ).ticket;
        const follow = (source: EventSource, into: Seen[]) => {
          for (const name of ['snapshot', 'status', 'device-error']) {
            source.addEventListener(name, (event) => {
              const message = event as unknown as { lastEventId: string; data: string };
              into.push({
                event: name,
                id: message.lastEventId,
                data: JSON.parse(message.data) as Seen['data'],
              });
            });
          }
        };
        const until = (check: () => boolean, what: string) =>
          new Promise<void>((resolve, reject) => {
            const started = Date.now();
            const timer = setInterval(() => {
              if (check()) {
                clearInterval(timer);
                resolve();
              } else if (Date.now() - started > 10000) {
                clearInterval(timer);
                reject(new Error(`no ${what}`));
              }
            }, 20);
          });

        const seen: Seen[] = [];
        const source = new EventSource(`${base}/v1/appliances/events?ticket=${await ticket()}`);
        follow(source, seen);
        await until(() => seen.filter((e) => e.event === 'snapshot').length === 5, 'snapshots');
        const purifier = seen.find((e) => e.data.status?.airQualitySensor)!.data;
        const wind = purifier.status!.airFlow.windStrength === 'HIGH' ? 'LOW' : 'HIGH';
        const command = (windStrength: string) =>
          fetch(`${base}/v1/appliances/${purifier.deviceId}/commands`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify({ airFlow: { windStrength } }),
          }).then((res) => res.status);
        const sent = await command(wind);
        await until(() => seen.some((e) => e.event === 'status'), 'status event');
        const last = seen.at(-1)!;
        source.close();

        // A new EventSource (a new ticket: each is single use) carries on from the last id.
        const resumed: Seen[] = [];
        const again = new EventSource(
          `${base}/v1/appliances/events?ticket=${await ticket()}&lastEventId=${encodeURIComponent(last.id)}`,
        );
        follow(again, resumed);
        await new Promise((resolve) => again.addEventListener('open', resolve, { once: true }));
        await command(wind === 'HIGH' ? 'LOW' : 'HIGH');
        await until(() => resumed.some((e) => e.event === 'status'), 'status after resuming');
        again.close();
        return { seen, sent, wind, resumed };
      },
      { base: sandbox.baseUrl, username: DEMO_USER, password: DEMO_PASSWORD },
    );

    expect(result.sent).toBe(204);
    expect(result.seen.filter((e) => e.event === 'snapshot')).toHaveLength(5);
    expect(result.seen.find((e) => e.event === 'device-error')?.data).toMatchObject({
      code: 'DEVICE_OFFLINE',
    });
    const change = result.seen.find((e) => e.event === 'status')!;
    expect(change.data.status).toEqual({ airFlow: { windStrength: result.wind } });
    // Resumed where it stood: no snapshot again, only what changed since.
    expect(result.resumed.map((e) => e.event)).toEqual(['status']);
    expect(result.resumed[0].data.deviceId).toBe(change.data.deviceId);
  });
});
