import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHeader, offeredAmountCents } from '@skp/messages';
import { Browser, Page, Route } from 'playwright-core';
import { AppProcess } from './support/app-process';
import {
  browserAvailable,
  Credentials,
  launchBrowser,
  logInThroughForm,
  portalPage,
  SCREENSHOTS,
  seriousA11yViolations,
  storedText,
} from './support/browser';
import { startCreditorAdapter } from './support/creditor-network';
import { eventually } from './support/eventually';
import { HubHarness, startHub } from './support/hub-harness';
import { startMunicipalityAdapter } from './support/municipality-adapter-process';
import { MunicipalityTestCreditor } from './support/municipality-test-creditor';
import { addPortalUser } from './support/portal-users';
import { AMQP_URL, freshId, testOin } from './support/test-env';

const TOKEN = `muni-token-${freshId()}`;
const COUNSELLOR = { username: 'counsellor', password: 'demo-counsellor-test' };
const VIEWER = { username: 'kijker', password: 'kijker-wachtwoord-1' };
/** the test debtor: none of this may appear in a URL or in browser storage */
const PERSONAL = {
  bsn: '123456782',
  surname: 'Zwanenburgerveld',
  street: 'Kastanjeboomlaan',
  postcode: '9718XK',
};
const WRONG_BSN = '123456789';

const euro = (cents: number) =>
  new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' })
    .format(cents / 100)
    .replace(/\s/g, '');

/** The municipality portal in a real browser: real hub, adapter, auto-answering creditor adapter. */
(browserAvailable('municipality portal') ? describe : describe.skip)(
  'municipality portal in a browser',
  () => {
    let hub: HubHarness;
    let adapter: AppProcess;
    let creditorApp: AppProcess;
    let creditorOin: string;
    let dossierCreditor: MunicipalityTestCreditor;
    let browser: Browser;
    let page: Page;
    const pageErrors: string[] = [];
    const urls: string[] = [];
    const a11y: string[] = [];
    const dossierReference = `SR-${freshId()}`;
    const dossierTotal = 345_678;

    const shot = async (p: Page, name: string) => {
      a11y.push(...(await seriousA11yViolations(p)).map((v) => `${name}: ${v}`));
      await p.screenshot({ path: join(SCREENSHOTS, `municipality-${name}.png`), fullPage: true });
    };

    const logIn = (p: Page, user: Credentials) => logInThroughForm(p, adapter.url, user, 'nav-cases');

    async function adapterApi(method: string, path: string, body?: unknown) {
      const response = await fetch(`${adapter.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as any };
    }

    beforeAll(async () => {
      hub = await startHub();
      const municipality = hub.pki.party('municipality', testOin(2), 'Gemeente Portaalstad');
      const creditor = hub.pki.party('creditor-auto', testOin(3), 'Energie Portaal BV');
      const manual = hub.pki.party('creditor-manual', testOin(3), 'Incasso Handwerk');
      creditorOin = creditor.oin;
      await hub.registerParty(municipality, 'MUNICIPALITY', false);
      await hub.registerParty(creditor, 'CREDITOR', true);
      await hub.registerParty(manual, 'CREDITOR', false);
      creditorApp = (
        await startCreditorAdapter(hub, creditor, { CREDITOR_BSN_ALLOWED: 'true', CREDITOR_AUTO_ACK: 'true' })
      ).app;
      dossierCreditor = await new MunicipalityTestCreditor(manual, hub.prefix, AMQP_URL).start();
      adapter = await startMunicipalityAdapter(hub, municipality, TOKEN, {
        BSN_ALLOWED_CREDITORS: creditor.oin,
        MUNICIPALITY_HUB_URL: hub.hub.url,
        MUNICIPALITY_PORTAL_USERNAME: COUNSELLOR.username,
        MUNICIPALITY_PORTAL_PASSWORD: COUNSELLOR.password,
      });

      // a dossier whose creditor stated its balance, for the calculator
      const opened = await adapterApi('POST', '/schuldregelingen', {
        caseReference: dossierReference,
        debtor: {
          bsn: '111222333',
          givenNames: 'Anna',
          surname: 'Dossier',
          birthDate: '1970-01-01',
          address: { street: 'Dorpsstraat', houseNumber: 3, postcode: '1234AB', city: 'Ergens' },
        },
        creditors: [{ oin: manual.oin }],
      });
      expect(opened.status).toBe(202);
      const request = await eventually(
        () =>
          dossierCreditor
            .ofType('BalanceRequest')
            .find((r) => r.message.body.caseReference === dossierReference)?.message,
        { what: 'BalanceRequest' },
      );
      await dossierCreditor.publish({
        header: buildHeader({
          type: 'BalanceStatement',
          sender: manual.oin,
          recipient: request.header.sender,
          conversationId: request.header.conversationId,
          inReplyTo: request.header.messageId,
        }),
        body: {
          known: true,
          claims: [
            {
              reference: 'F-1',
              kind: 'OVERIG',
              originalAmountCents: dossierTotal,
              outstandingAmountCents: dossierTotal,
            },
          ],
          totalOutstandingCents: dossierTotal,
        },
      });
      await eventually(
        async () =>
          (await adapterApi('GET', `/schuldregelingen/${dossierReference}`)).json.state ===
          'BALANCES_COMPLETE',
        { what: 'the balance' },
      );

      browser = await launchBrowser();
      page = await portalPage(browser, pageErrors, urls);
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await dossierCreditor?.stop();
      await creditorApp?.stop();
      await adapter?.stop();
      await hub?.teardown();
    });

    it('logs in as the counsellor and shows the case list', async () => {
      await logIn(page, COUNSELLOR);
      await page.getByTestId('case-list-empty').or(page.getByTestId('case-list')).waitFor();
      await shot(page, 'cases-empty');
    });

    it('makes a new case through the form: a wrong BSN gets a Dutch error, then the creditor pauses', async () => {
      await page.getByTestId('nav-new').click();
      await page.getByTestId('new-case-form').waitFor();
      const caseReference = `PORTAAL-${freshId()}`;
      const fill = (path: string, value: string) => page.getByTestId(`nc-${path}`).fill(value);
      await fill('caseReference', caseReference);
      await fill('debtor.bsn', WRONG_BSN);
      await eventually(
        async () => /elfproef/.test(await page.getByTestId('error-debtor.bsn').innerText()) || undefined,
        {
          what: 'the BSN error in Dutch',
        },
      );
      expect(await page.getByTestId('nc-debtor.bsn').getAttribute('aria-invalid')).toBe('true');
      await shot(page, 'new-case-bad-bsn');
      await fill('debtor.bsn', PERSONAL.bsn);
      expect(await page.getByTestId('error-debtor.bsn').innerText()).toBe('');
      await fill('debtor.givenNames', 'Hendrikje');
      await fill('debtor.surname', PERSONAL.surname);
      await fill('debtor.birthDate', '1979-02-11');
      await fill('debtor.address.street', PERSONAL.street);
      await fill('debtor.address.houseNumber', '12');
      await fill('debtor.address.postcode', '9718 xk');
      await fill('debtor.address.city', 'Groningen');
      await page.locator(`[data-testid=creditor-option][value="${creditorOin}"]`).check();
      // a rule only the server checks (length): its violation lands at the field it names
      await fill('caseReference', 'X'.repeat(101));
      await page.getByTestId('nc-submit').click();
      await eventually(
        async () => /te lang/.test(await page.getByTestId('error-caseReference').innerText()) || undefined,
        { what: "the server's violation at its field" },
      );
      expect(await page.getByTestId('form-error').innerText()).toMatch(/Controleer de velden/);
      // the browser logs the 400 this step provoked on purpose: that one is not a page error
      const provoked = pageErrors.findIndex((e) => /status of 400/.test(e));
      expect(provoked).toBeGreaterThanOrEqual(0);
      pageErrors.splice(provoked, 1);
      await fill('caseReference', caseReference);
      await page.getByTestId('nc-submit').click();

      await page.getByTestId('case-title').waitFor();
      expect(await page.getByTestId('case-title').innerText()).toContain(caseReference);
      expect(await page.getByTestId('debtor').innerText()).toContain(PERSONAL.surname);
      const state = page.locator(
        `[data-testid=creditor-row][data-oin="${creditorOin}"] [data-testid=creditor-state]`,
      );
      await eventually(async () => ((await state.innerText()) === 'Gepauzeerd' ? true : undefined), {
        what: 'the creditor state Gepauzeerd',
        timeoutMs: 60_000,
      });
      expect(await page.getByTestId('timeline').innerText()).toMatch(/Pauze bevestigd/);
      expect(await page.getByTestId('progress-end-date').isVisible()).toBe(false);
      await page.getByTestId('progress-status').selectOption('PAUSE_EXTENDED');
      expect(await page.getByTestId('progress-end-date').isVisible()).toBe(true);
      // the pause started today: more than 8 months on is refused in words, before anything is sent
      const start = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
      const plusMonths = (months: number) => {
        const [y, m] = start.split('-').map(Number);
        const index = y * 12 + m - 1 + months;
        return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
      };
      await page.getByTestId('progress-end-date').fill(plusMonths(9));
      await eventually(
        async () => /8 maanden/.test(await page.locator('#progress-end-error').innerText()) || undefined,
        {
          what: 'the pause limit in words',
        },
      );
      await shot(page, 'case-paused');
      await page.getByTestId('progress-end-date').fill(plusMonths(6));
      await page.getByTestId('progress-submit').click();
      await eventually(
        async () => /Voortgang verzonden/.test(await page.getByTestId('timeline').innerText()) || undefined,
        {
          what: 'the progress update in the timeline',
        },
      );

      await page.getByTestId('nav-cases').click();
      const row = page.locator(`[data-testid=case-list] tr[data-id="${caseReference}"]`);
      await row.waitFor();
      expect(await row.innerText()).toMatch(/H\. Zwanenburgerveld[\s\S]*Energie Portaal BV: Gepauzeerd/);
      await shot(page, 'cases');
    });

    it('imports a CSV with one bad line: the progress bar reaches 100 %, the error in words, the error file', async () => {
      await page.getByTestId('nav-import').click();
      await page.getByTestId('import-form').waitFor();
      const ref = `CSV-${freshId()}`;
      const csv = [
        'caseReference;bsn;givenNames;surname;birthDate;street;houseNumber;postcode;city;creditorOin',
        `${ref}-1;111222333;Piet;Goed;1980-01-01;Laan;1;1234AB;Utrecht;${creditorOin}`,
        `${ref}-2;${WRONG_BSN};Klaas;Fout;1980-01-01;Laan;2;1234AB;Utrecht;${creditorOin}`,
      ].join('\n');
      await page.getByTestId('import-file').setInputFiles({
        name: 'zaken.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      await page.getByTestId('import-submit').click();
      await page.getByTestId('import-errors').waitFor();
      expect(await page.getByTestId('import-progress').getAttribute('value')).toBe('100');
      expect(await page.getByTestId('upload-progress').getAttribute('value')).toBe('100');
      expect(await page.getByTestId('import-progress-text').innerText()).toMatch(/^100 %/);
      const errorRows = await page.locator('[data-testid=import-errors] tbody tr').allInnerTexts();
      expect(errorRows).toHaveLength(1);
      expect(errorRows[0]).toMatch(/^3\s+bsn\s+.*elfproef/);
      expect(await page.getByTestId('import-summary').innerText()).toMatch(/1 verstuurd/);
      await shot(page, 'import');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('error-file').click(),
      ]);
      const text = readFileSync(await download.path(), 'utf8');
      expect(download.suggestedFilename()).toBe('fouten.csv');
      expect(text).toMatch(/regel;veld;melding/);
      expect(text).toMatch(/\r\n3;"bsn";".*elfproef/);
      expect(text).not.toContain(WRONG_BSN);
    });

    it('shows a dossier with the calculator’s offers from the preview route', async () => {
      await page.getByTestId('nav-dossiers').click();
      await page.getByTestId('dossier-list').waitFor();
      await shot(page, 'dossiers');
      await page
        .locator(`[data-testid=dossier-list] tr[data-id="${dossierReference}"] [data-testid=dossier-link]`)
        .click();
      await page.getByTestId('calc-form').waitFor();
      await page.getByTestId('calc-percentage').fill('45,5');
      await page.getByTestId('calc-preview').click();
      await page.getByTestId('calc-offers').waitFor();
      const offered = (await page.getByTestId('offer-amount').innerText()).replace(/\s/g, '');
      expect(offered).toBe(euro(offeredAmountCents(dossierTotal, '45.50')));
      expect(await page.getByTestId('calc-send').isVisible()).toBe(true);
      await shot(page, 'dossier-calculator');
    });

    it('shows the account page with the audit log for editors', async () => {
      await page.getByTestId('nav-account').click();
      await page.getByTestId('password-form').waitFor();
      await page.getByTestId('audit-table').waitFor();
      // the case this editor made through the form is in the audit log, under its name
      const audit = await page.getByTestId('audit-table').innerText();
      expect(audit).toMatch(/counsellor/);
      // in words, not as a route
      expect(audit).toContain('Nieuwe zaak versturen');
      await shot(page, 'account');
    });

    it('a page still loading when the user moves on neither draws over the next page nor takes the focus', async () => {
      // the answers a page waits for are held, then let through late, as on a slow connection
      const held: Array<() => void> = [];
      const hold = async (route: Route) => {
        await new Promise<void>((release) => held.push(release));
        await route.continue();
      };
      const letThrough = async (pattern: RegExp) => {
        const answered = page.waitForResponse(pattern);
        held.splice(0).forEach((release) => release());
        await answered;
        // the page has handled the answer once a task queued after it has run
        await page.evaluate(() => new Promise((settled) => setTimeout(settled, 250)));
      };
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

      // the user opens a case, and goes to Hulpvragen before the case has arrived
      const oneCase = /\/kennisgevingen\/[^/?]+$/;
      await page.route(oneCase, hold);
      await page.getByTestId('nav-cases').click();
      await page.getByTestId('case-link').first().click();
      await eventually(async () => held.length > 0 || undefined, {
        what: 'the case page asking for its case',
      });
      await page.getByTestId('nav-help-requests').click();
      await page.getByTestId('help-request-list-empty').or(page.getByTestId('help-request-list')).waitFor();
      await letThrough(oneCase);
      await page.unroute(oneCase, hold);
      expect(await page.locator('main h1').allInnerTexts()).toEqual(['Hulpvragen']);

      // the user opens the case list and tabs on to the menu before the list has arrived
      const caseList = /\/kennisgevingen\?/;
      await page.route(caseList, hold);
      await page.getByTestId('nav-cases').click();
      await eventually(async () => held.length > 0 || undefined, { what: 'the case list asked for' });
      await page.getByTestId('nav-account').focus();
      await letThrough(caseList);
      await page.unroute(caseList, hold);
      await page.getByTestId('case-list').waitFor();
      expect(await focused()).toBe('nav-account');
    });

    it('a viewer sees the pages but no change buttons, and is refused a change (403)', async () => {
      await addPortalUser(adapter, VIEWER.username, VIEWER.password, 'viewer');
      const viewer = await portalPage(browser, pageErrors, urls);
      try {
        await logIn(viewer, VIEWER);
        await viewer.getByTestId('case-list').waitFor();
        expect(await viewer.getByTestId('nav-new').isVisible()).toBe(false);
        expect(await viewer.getByTestId('nav-import').isVisible()).toBe(false);
        await viewer.locator('[data-testid=case-link]').first().click();
        await viewer.getByTestId('creditor-row').first().waitFor();
        expect(await viewer.getByTestId('progress-form').count()).toBe(0);
        await shot(viewer, 'viewer-case');
        await viewer.goto(`${adapter.url}/#/regelingen/${encodeURIComponent(dossierReference)}`);
        await viewer.getByTestId('calc-percentage').fill('10');
        await viewer.getByTestId('calc-preview').click();
        await viewer.getByTestId('calc-offers').waitFor();
        expect(await viewer.getByTestId('calc-send').count()).toBe(0);
        const status = await viewer.evaluate(async () => {
          const token = (
            globalThis as unknown as { sessionStorage: { getItem(k: string): string } }
          ).sessionStorage.getItem('skp.session.token');
          const response = await fetch('/kennisgevingen/x/progress', {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ status: 'STABILISATION_STARTED' }),
          });
          return response.status;
        });
        expect(status).toBe(403);
      } finally {
        await viewer.context().close();
      }
    });

    it('kept personal data out of every URL and out of browser storage; no page, CSP or axe errors', async () => {
      const forbidden = [
        PERSONAL.bsn,
        PERSONAL.surname,
        PERSONAL.street,
        PERSONAL.postcode,
        '9718 xk',
        '9718%20xk',
      ];
      for (const url of urls) {
        for (const value of forbidden) {
          expect(decodeURIComponent(url).toLowerCase()).not.toContain(value.toLowerCase());
        }
      }
      expect(urls.length).toBeGreaterThan(10);
      const stored = await storedText(page);
      for (const value of forbidden) {
        expect(stored).not.toContain(value);
      }
      expect(pageErrors).toEqual([]);
      expect(a11y).toEqual([]);
    });
  },
);
