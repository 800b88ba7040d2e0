import { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { ListeningGateway, startListeningGateway } from './support/listening-gateway';
import { DEMO_PASSWORD, DEMO_USER } from './support/stack';

/**
 * Swagger UI as a new user meets it: a real Chromium opens /docs, signs in through the Authorize
 * dialog with Swagger UI's defaults (client credentials in the Authorization header, the client id
 * the page prefills), then runs "Try it out" on GET /v1/me and GET /v1/appliances (the sandbox's
 * demo user comes linked to ThinQ: no link step first).
 */
describe('Swagger UI in a real browser', () => {
  let sandbox: ListeningGateway;
  let browser: Browser;
  let page: Page;
  /** Every request the page sent to the gateway's API, with the answer's status. */
  const exchanges: {
    method: string;
    path: string;
    status: number;
    authorization?: string;
    challenge?: string;
  }[] = [];

  beforeAll(async () => {
    [sandbox, browser] = await Promise.all([startListeningGateway(), launchChromium()]);
    page = await browser.newPage();
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (!url.pathname.startsWith('/v1/')) return;
      exchanges.push({
        method: response.request().method(),
        path: url.pathname,
        status: response.status(),
        authorization: response.request().headers().authorization,
        challenge: response.headers()['www-authenticate'],
      });
    });
  }, 60000);
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it('authorizes with the demo account through the dialog and gets 200 from GET /v1/me and GET /v1/appliances', async () => {
    await page.goto(`${sandbox.baseUrl}/docs`);
    await page.locator('button.authorize').first().click();

    // The OAuth2 password flow of the Authorize dialog, as Swagger UI presents it.
    const flow = page.locator('.auth-container', {
      has: page.locator('h4', { hasText: 'OAuth2, password' }),
    });
    // The public docs client is prefilled (initOAuth), and the secret is left empty.
    expect(await flow.locator('#client_id_password').inputValue()).toBe('junction-docs');
    await flow.locator('#oauth_username').fill(DEMO_USER);
    await flow.locator('#oauth_password').fill(DEMO_PASSWORD);
    await flow.locator('button.authorize').click();
    // The dialog answers with "Logout" (authorized) or an error.
    await flow.locator('button:has-text("Logout"), .errors').first().waitFor({ timeout: 15000 });
    const signIn = exchanges.find((e) => e.path === '/v1/auth/token');
    // 200, and no Basic challenge (which makes a browser pop its own sign-in dialog).
    expect({ status: signIn?.status, challenge: signIn?.challenge }).toEqual({ status: 200 });
    expect(await flow.locator('.errors').count()).toBe(0);
    expect(await flow.locator('button:has-text("Logout")').count()).toBe(1);
    await page.locator('.modal-ux button.close-modal').first().click();

    const me = page.locator('.opblock-get', {
      has: page.locator('.opblock-summary-path[data-path="/v1/me"]'),
    });
    await me.locator('.opblock-summary').click();
    await me.locator('button.try-out__btn').click();
    await me.locator('button.execute').click();
    const status = me.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor({ timeout: 15000 });
    expect((await status.textContent())?.trim()).toBe('200');
    const call = exchanges.find((e) => e.method === 'GET' && e.path === '/v1/me');
    expect(call?.status).toBe(200);
    expect(call?.authorization).toMatch(/^Bearer ey/);
    // The page shows the demo account's profile.
    expect(await me.locator('.live-responses-table').textContent()).toContain(
      '"firstName": "Jiwoo"',
    );

    // Appliances answer at once: the ThinQ link is the demo user's, not this session's to make.
    const appliances = page.locator('.opblock-get', {
      has: page.locator('.opblock-summary-path[data-path="/v1/appliances"]'),
    });
    await appliances.locator('.opblock-summary').click();
    await appliances.locator('button.try-out__btn').click();
    await appliances.locator('button.execute').click();
    const listed = appliances
      .locator('.live-responses-table .response .response-col_status')
      .first();
    await listed.waitFor({ timeout: 15000 });
    expect((await listed.textContent())?.trim()).toBe('200');
    const list = exchanges.find((e) => e.method === 'GET' && e.path === '/v1/appliances');
    expect(list?.status).toBe(200);
  }, 60000);
});
