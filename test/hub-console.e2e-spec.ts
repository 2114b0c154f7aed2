import { join } from 'node:path';
import * as amqp from 'amqplib';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { amqpNames } from '@skp/messages';
import {
  anUnsignedDeliveryReceipt,
  anUnsignedKennisgeving,
  anUnsignedPauseAcknowledgement,
} from './factories/messages.factory';
import {
  browserAvailable,
  launchBrowser,
  logInThroughForm,
  SCREENSHOTS,
  seriousA11yViolations,
  watchPage,
} from './support/browser';
import { eventually } from './support/eventually';
import { api, login } from './support/hub-api-client';
import { HubDb } from './support/hub-db';
import { HUB_ADMIN, HubHarness, startHub } from './support/hub-harness';
import { PartyClient } from './support/party-client';
import { AMQP_URL, databaseUrl, testOin } from './support/test-env';

const VIEWER = { username: 'console-viewer', password: 'console-viewer-pw' };
const PERSONAL = ['123456782', 'Zwanenburgerveld', 'Kastanjeboomlaan', '9718XK', 'Hendrikje'];

const debtor = (variant: 'PUBLIC' | 'PRIVATE') => ({
  debtor: {
    ...(variant === 'PUBLIC' ? { bsn: PERSONAL[0] } : {}),
    givenNames: PERSONAL[4],
    surname: PERSONAL[1],
    birthDate: '1979-02-11',
    address: { street: PERSONAL[2], houseNumber: 12, postcode: PERSONAL[3], city: 'Groningen' },
  },
});

/** The hub console in a real browser against a real hub with real messages flowing. */
(browserAvailable('hub console') ? describe : describe.skip)('hub console in a browser', () => {
  let h: HubHarness;
  let db: HubDb;
  let browser: Browser;
  let adminContext: BrowserContext;
  let page: Page;
  let municipality: PartyClient;
  let creditorBsn: PartyClient;
  let creditorPrivate: PartyClient;
  let refusing: amqp.ChannelModel;
  const pageErrors: string[] = [];
  /** text of every page the operators saw */
  const seenText: string[] = [];
  /** axe-core violations (serious, critical) on every page a screenshot was taken of */
  const a11y: string[] = [];

  const shot = async (p: Page, name: string) => {
    seenText.push(await p.locator('body').innerText());
    a11y.push(...(await seriousA11yViolations(p)).map((v) => `${name}: ${v}`));
    await p.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  };

  const watch = (p: Page) => watchPage(p, pageErrors);

  const logIn = (p: Page, username: string, password: string) =>
    logInThroughForm(p, h.hub.url, { username, password }, 'dashboard');

  beforeAll(async () => {
    h = await startHub();
    db = await HubDb.open(databaseUrl(h.databases[0]));
    const admin = await login(h.hub.url, HUB_ADMIN.username, HUB_ADMIN.password);
    expect(
      (await api(h.hub.url, 'POST', '/api/operators', { token: admin, body: { ...VIEWER, role: 'viewer' } }))
        .status,
    ).toBe(201);
    const m = h.pki.party('municipality', testOin(1), 'Gemeente Consolestad');
    const c1 = h.pki.party('creditor-bsn', testOin(2), 'Belastingdienst Test');
    const c2 = h.pki.party('creditor-private', testOin(2), 'Energie Test BV', 'ec');
    await h.registerParty(m, 'MUNICIPALITY', false);
    await h.registerParty(c1, 'CREDITOR', true);
    await h.registerParty(c2, 'CREDITOR', false);
    municipality = await new PartyClient(m, h.prefix).connect();
    creditorBsn = await new PartyClient(c1, h.prefix).connect();
    creditorPrivate = new PartyClient(c2, h.prefix);
    // The private creditor's software refuses the first two deliveries: two dead letters.
    refusing = await amqp.connect(AMQP_URL);
    const channel = await refusing.createChannel();
    let refused = 0;
    await channel.consume(amqpNames(h.prefix).partyQueue(c2.oin), (msg) => {
      if (msg && refused < 2) {
        refused += 1;
        channel.nack(msg, false, false);
        if (refused === 2) {
          void channel.close().catch(() => undefined);
        }
      }
    });
    browser = await launchBrowser();
    adminContext = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    page = await adminContext.newPage();
    watch(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([municipality, creditorBsn, creditorPrivate].map((c) => c?.close()));
    await refusing?.close().catch(() => undefined);
    await db?.close();
    await h?.teardown();
  });

  it('logs in and shows dashboard figures that change while messages flow', async () => {
    await page.goto(h.hub.url);
    await page.getByTestId('login-form').waitFor();
    await page.getByTestId('login-username').fill(HUB_ADMIN.username);
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').innerText()).toMatch(/incorrect/);
    await shot(page, '01-login');
    await page.getByTestId('login-password').fill(HUB_ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
        ).sessionStorage.getItem('skp.session.token'),
      ),
    ).toEqual(expect.any(String));
    const before = Number(await page.getByTestId('fig-last-hour').innerText());

    for (let i = 0; i < 3; i++) {
      const sent = await municipality.send(
        anUnsignedKennisgeving({
          sender: municipality.oin,
          recipient: creditorBsn.oin,
          variant: 'PUBLIC',
          body: debtor('PUBLIC'),
        }),
      );
      await creditorBsn.send(
        anUnsignedDeliveryReceipt({
          sender: creditorBsn.oin,
          recipient: municipality.oin,
          conversationId: sent.header.messageId,
          inReplyTo: sent.header.messageId,
        }),
      );
      await creditorBsn.send(
        anUnsignedPauseAcknowledgement({
          sender: creditorBsn.oin,
          recipient: municipality.oin,
          conversationId: sent.header.messageId,
          inReplyTo: sent.header.messageId,
          body: { decision: 'PAUSED', pausedUntil: sent.body.pause.end },
        }),
      );
    }
    await municipality.send(
      anUnsignedKennisgeving({
        sender: municipality.oin,
        recipient: creditorPrivate.oin,
        variant: 'PUBLIC',
        body: debtor('PUBLIC'),
      }),
    ); // BSN_NOT_ALLOWED
    // the page refreshes itself: no reload, no navigation
    await page.waitForFunction(
      (n) =>
        Number(
          (
            globalThis as unknown as {
              document: { querySelector(s: string): { textContent: string } | null };
            }
          ).document.querySelector('[data-testid="fig-last-hour"]')?.textContent,
        ) >=
        n + 10,
      before,
      { timeout: 30_000 },
    );
    await page.getByTestId('rejections-BSN_NOT_ALLOWED').waitFor();
    expect(await page.getByTestId('state-PAUSED').innerText()).toBe('3');
    expect(await page.getByTestId('per-minute-chart').locator('.seg').count()).toBeGreaterThan(0);
    await shot(page, '02-dashboard');
  });

  it('finds a message by filter and opens its timeline, receipts and conversation', async () => {
    const target = await municipality.send(
      anUnsignedKennisgeving({
        sender: municipality.oin,
        recipient: creditorPrivate.oin,
        variant: 'PRIVATE',
        body: debtor('PRIVATE'),
      }),
    );
    const id = target.header.messageId;
    await eventually(
      async () => (await db.query(`SELECT 1 FROM "dead_letter" WHERE "message_id" = $1`, [id])).length > 0,
      { what: 'first dead letter' },
    );
    await page.getByTestId('nav-messages').click();
    await page.getByTestId('message-filters').waitFor();
    await page.getByTestId('filter-type').selectOption('Kennisgeving');
    await page.getByTestId('filter-recipient').fill(creditorPrivate.oin);
    await page.getByTestId('filter-state').selectOption('ROUTED');
    await page.getByTestId('filter-apply').click();
    await page.waitForURL(/state=ROUTED/);
    const rows = page.getByTestId('messages').locator('tbody tr');
    await eventually(async () => (await rows.count()) === 1, { what: 'one filtered row' });
    expect(await rows.first().getAttribute('data-id')).toBe(id);
    await shot(page, '03-messages');
    await rows.first().getByTestId('message-link').click();
    await page.getByTestId('timeline').waitFor();
    expect(await page.getByTestId('detail-message-id').innerText()).toBe(id);
    const kinds = await page.getByTestId('event-kind').allInnerTexts();
    expect(kinds).toEqual(expect.arrayContaining(['RECEIVED', 'ROUTED', 'RECEIPT_ISSUED', 'DEAD_LETTERED']));
    await page.getByTestId('conversation').waitFor();
    await shot(page, '04-message-detail');
  });

  it('redelivers a dead letter and shows the new event; previews a bulk redelivery first', async () => {
    const second = await municipality.send(
      anUnsignedKennisgeving({
        sender: municipality.oin,
        recipient: creditorPrivate.oin,
        variant: 'PRIVATE',
        body: debtor('PRIVATE'),
      }),
    );
    await eventually(
      async () =>
        (await db.query(`SELECT 1 FROM "dead_letter" WHERE "message_id" = $1`, [second.header.messageId]))
          .length > 0,
      { what: 'second dead letter' },
    );
    await creditorPrivate.connect();
    const deadLetters = (
      await db.query<{ id: string; message_id: string }>(
        `SELECT "id"::text, "message_id" FROM "dead_letter" ORDER BY "id"`,
      )
    ).map((d) => d);
    expect(deadLetters).toHaveLength(2);

    await page.getByTestId('nav-dead-letters').click();
    await page.getByTestId('dead-letters').waitFor();
    const row = (id: string) => page.getByTestId('dead-letters').locator(`tbody tr[data-id="${id}"]`);
    await row(deadLetters[0].id).getByTestId('redeliver-dead-letter').click();
    await row(deadLetters[0].id).getByTestId('redelivered-at').waitFor();
    await eventually(() => creditorPrivate.received.find((r) => r.messageId === deadLetters[0].message_id), {
      what: 'first dead letter back at the creditor',
    });

    await row(deadLetters[1].id).getByTestId('dead-letter-select').check();
    await page.getByTestId('bulk-preview-button').click();
    await page.getByTestId('bulk-preview-table').waitFor();
    expect(await page.getByTestId('bulk-preview-table').innerText()).toContain(deadLetters[1].message_id);
    expect(
      (await db.query(`SELECT "redelivered_at" FROM "dead_letter" WHERE "id" = $1`, [deadLetters[1].id]))[0]
        .redelivered_at,
    ).toBeNull();
    await shot(page, '05-dead-letters-preview');
    await page.getByTestId('bulk-confirm').click();
    await row(deadLetters[1].id).getByTestId('redelivered-at').waitFor();
    await eventually(() => creditorPrivate.received.find((r) => r.messageId === deadLetters[1].message_id), {
      what: 'second dead letter back at the creditor',
    });
    await shot(page, '06-dead-letters');

    await page.goto(`${h.hub.url}/#/messages/${deadLetters[0].message_id}`);
    await page.getByTestId('timeline').waitFor();
    expect(await page.getByTestId('event-kind').allInnerTexts()).toContain('REDELIVERED');
    expect(await page.getByTestId('timeline').innerText()).toContain(HUB_ADMIN.username);
  });

  it('shows overdue answers per creditor and the party registry', async () => {
    await db.query(
      `UPDATE "message" SET "deadline_at" = now() - interval '1 day' WHERE "recipient" = $1 AND "state" IN ('ROUTED', 'DELIVERED')`,
      [creditorPrivate.oin],
    );
    await eventually(
      async () => (await db.query(`SELECT 1 FROM "message" WHERE "state" = 'OVERDUE'`)).length > 0,
      { what: 'OVERDUE' },
    );
    await page.getByTestId('nav-overdue').click();
    await page.getByTestId('overdue').waitFor();
    const privateRow = page.getByTestId('overdue').locator(`tbody tr[data-id="${creditorPrivate.oin}"]`);
    expect(Number(await privateRow.getByTestId('overdue-count').innerText())).toBeGreaterThanOrEqual(1);
    const publicRow = page.getByTestId('overdue').locator(`tbody tr[data-id="${creditorBsn.oin}"]`);
    expect(await publicRow.getByTestId('answer-rate').innerText()).toBe('100%');
    await shot(page, '07-overdue');
    await page.getByTestId('nav-parties').click();
    await page.getByTestId('parties').waitFor();
    expect(await page.getByTestId('parties').locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('party-suspend').count()).toBe(3);
    await shot(page, '08-parties');
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit').waitFor();
    expect(await page.getByTestId('audit-action').allInnerTexts()).toEqual(
      expect.arrayContaining(['dead-letters.redeliver', 'parties.register']),
    );
    await shot(page, '09-audit');
  });

  it('hides admin actions from a viewer, and the API refuses them anyway', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const viewer = await context.newPage();
    watch(viewer);
    await logIn(viewer, VIEWER.username, VIEWER.password);
    expect(await viewer.getByTestId('nav-audit').isHidden()).toBe(true);
    await viewer.getByTestId('nav-dead-letters').click();
    await viewer.getByTestId('dead-letters').waitFor();
    expect(await viewer.getByTestId('redeliver-dead-letter').count()).toBe(0);
    expect(await viewer.getByTestId('bulk-preview-button').count()).toBe(0);
    await viewer.getByTestId('nav-parties').click();
    await viewer.getByTestId('parties').waitFor();
    expect(await viewer.getByTestId('party-suspend').count()).toBe(0);
    expect(await viewer.getByTestId('add-party').count()).toBe(0);
    await shot(viewer, '10-viewer-parties');
    const [deadLetter] = await db.query<{ id: string; message_id: string }>(
      `SELECT "id"::text, "message_id" FROM "dead_letter" ORDER BY "id" LIMIT 1`,
    );
    const statuses = await viewer.evaluate(
      async ({ id, messageId, oin }) => {
        const headers = {
          authorization: `Bearer ${(globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('skp.session.token')}`,
          'content-type': 'application/json',
        };
        const post = async (path: string, body: unknown, method = 'POST') =>
          (await fetch(path, { method, headers, body: JSON.stringify(body) })).status;
        return [
          await post(`/api/dead-letters/${id}/redeliver`, {}),
          await post(`/api/messages/${messageId}/redeliver`, {}),
          await post(`/api/parties/${oin}`, { status: 'SUSPENDED' }, 'PATCH'),
          (await fetch(`/api/messages/${messageId}/evidence`, { headers })).status,
        ];
      },
      { id: deadLetter.id, messageId: deadLetter.message_id, oin: creditorBsn.oin },
    );
    expect(statuses).toEqual([403, 403, 403, 403]);
    await viewer.getByTestId('logout').click();
    await viewer.getByTestId('login-form').waitFor();
    expect(
      await viewer.evaluate(() =>
        (
          globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
        ).sessionStorage.getItem('skp.session.token'),
      ),
    ).toBeNull();
    await context.close();
  });

  it('lets an operator change its own password, and an admin disable an operator', async () => {
    const admin = await login(h.hub.url, HUB_ADMIN.username, HUB_ADMIN.password);
    const operator = { username: 'console-op', password: 'console-op-password-1' };
    expect(
      (
        await api(h.hub.url, 'POST', '/api/operators', {
          token: admin,
          body: { ...operator, role: 'viewer' },
        })
      ).status,
    ).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const own = await context.newPage();
    watch(own);
    await logIn(own, operator.username, operator.password);
    expect(await own.getByTestId('nav-operators').isHidden()).toBe(true);
    await own.getByTestId('nav-account').click();
    await own.getByTestId('password-current').fill(operator.password);
    await own.getByTestId('password-new').fill('console-op-new-password');
    await own.getByTestId('password-submit').click();
    await own.getByText(/Password changed/).waitFor();
    await shot(own, '11-account-password');
    await login(h.hub.url, operator.username, 'console-op-new-password');

    await page.getByTestId('nav-operators').click();
    await page.getByTestId('operators').waitFor();
    await page.getByTestId('operator-toggle-console-op').click();
    await page.locator('tr[data-id="console-op"]').getByText('disabled').waitFor();
    await shot(page, '12-operators');
    expect(
      (
        await api(h.hub.url, 'POST', '/api/auth/login', {
          body: { username: operator.username, password: 'console-op-new-password' },
        })
      ).status,
    ).toBe(401);
    // the disabled operator's open console session has ended
    await own.getByTestId('nav-dashboard').click();
    await own.getByTestId('login-form').waitFor();
    await context.close();
  });

  it('never showed personal data, raised no script or CSP errors, and had no serious accessibility faults', async () => {
    const [stored] = await db.query<{ raw: string }>(
      `SELECT "raw" FROM "message" WHERE "type" = 'Kennisgeving' AND "raw" LIKE '%' || $1 || '%' LIMIT 1`,
      [PERSONAL[0]],
    );
    expect(stored).toBeDefined();
    const all = seenText.join('\n');
    expect(seenText.length).toBeGreaterThanOrEqual(9);
    for (const needle of PERSONAL) {
      expect(all).not.toContain(needle);
    }
    expect(pageErrors).toEqual([]);
    expect(a11y).toEqual([]);
  });
});
