import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { AppProcess } from './support/app-process';
import {
  browserAvailable,
  launchBrowser,
  logInThroughForm,
  portalPage,
  SCREENSHOTS,
  seriousA11yViolations,
  storedText,
} from './support/browser';
import { CreditorAdapter, startCreditorAdapter } from './support/creditor-network';
import { eventually } from './support/eventually';
import { HubHarness, startHub } from './support/hub-harness';
import { startMunicipalityAdapter } from './support/municipality-adapter-process';
import { freshId, testOin } from './support/test-env';

const COUNSELLOR = { username: 'counsellor', password: 'demo-counsellor' };
const CREDITOR = { username: 'creditor', password: 'demo-creditor' };
const BSN = '123456782';
const SURNAME = 'Kastanjeboom-Netwerk';
const PERSONAL = [BSN, SURNAME, 'Zwanenburgerveld', '9718XK', '9718 XK', '9718 xk'];

/**
 * Both portals against one real network: a counsellor makes a case in the municipality portal for a
 * private creditor; the creditor's staff answer it by hand in the creditor portal; the counsellor's
 * case page, refreshing itself, shows the creditor's pause.
 */
(browserAvailable('portals network') ? describe : describe.skip)('portals: counsellor and creditor', () => {
  let h: HubHarness;
  let municipality: AppProcess;
  let creditor: CreditorAdapter;
  let browser: Browser;
  const errors: string[] = [];
  const urls: string[] = [];

  const shot = (p: Page, name: string) =>
    p.screenshot({ path: join(SCREENSHOTS, `portals-${name}.png`), fullPage: true });

  const logIn = logInThroughForm;

  beforeAll(async () => {
    h = await startHub();
    const m = h.pki.party('municipality', testOin(1), 'Gemeente Tweeportaal');
    const c = h.pki.party('creditor-private', testOin(2), 'Energie Tweeportaal BV');
    await h.registerParty(m, 'MUNICIPALITY', false);
    await h.registerParty(c, 'CREDITOR', false);
    creditor = await startCreditorAdapter(h, c, {
      CREDITOR_AUTO_ACK: 'false',
      CREDITOR_PORTAL_USERNAME: CREDITOR.username,
      CREDITOR_PORTAL_PASSWORD: CREDITOR.password,
    });
    municipality = await startMunicipalityAdapter(h, m, `municipality-${freshId()}`, {
      HUB_OIN: h.hubParty.oin,
      MUNICIPALITY_HUB_URL: h.hub.url,
      MUNICIPALITY_PORTAL_USERNAME: COUNSELLOR.username,
      MUNICIPALITY_PORTAL_PASSWORD: COUNSELLOR.password,
    });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await municipality?.stop();
    await creditor?.app.stop();
    await h?.teardown();
  });

  it('a case made in the municipality portal is paused by hand in the creditor portal, and the case page shows it', async () => {
    const counsellor = await portalPage(browser, errors, urls);
    const staff = await portalPage(browser, errors, urls);
    const oin = creditor.party.oin;

    await logIn(counsellor, municipality.url, COUNSELLOR, 'nav-cases');
    await counsellor.getByTestId('nav-new').click();
    await counsellor.getByTestId('new-case-form').waitFor();
    const caseReference = `TWEE-${freshId()}`;
    const fill = (path: string, value: string) => counsellor.getByTestId(`nc-${path}`).fill(value);
    await fill('caseReference', caseReference);
    await fill('debtor.bsn', BSN);
    await fill('debtor.givenNames', 'Hendrikje');
    await fill('debtor.surname', SURNAME);
    await fill('debtor.birthDate', '1979-02-11');
    await fill('debtor.address.street', 'Zwanenburgerveld');
    await fill('debtor.address.houseNumber', '12');
    await fill('debtor.address.postcode', '9718 xk');
    await fill('debtor.address.city', 'Groningen');
    await counsellor.locator(`[data-testid=creditor-option][value="${oin}"]`).check();
    await counsellor.getByTestId('nc-submit').click();
    await counsellor.getByTestId('case-title').waitFor();
    const state = counsellor.locator(
      `[data-testid="creditor-row"][data-oin="${oin}"] [data-testid="creditor-state"]`,
    );
    await state.waitFor();
    expect(await state.innerText()).not.toBe('Gepauzeerd');

    await logIn(staff, creditor.app.url, CREDITOR, 'inbox-filters');
    const row = staff.locator('[data-testid="inbox-table"] tbody tr', { hasText: caseReference });
    await row.waitFor({ timeout: 30_000 });
    await row.getByTestId('inbox-open').click();
    await staff.getByTestId('ack-form').waitFor();
    expect(await staff.getByTestId('debtor-name').innerText()).toBe(`Hendrikje ${SURNAME}`);
    // the private creditor never received the BSN
    expect(await staff.getByTestId('debtor-facts').innerText()).not.toContain(BSN);
    await staff.getByTestId('ack-submit').click();
    await staff.getByTestId('answer-facts').waitFor();
    expect(await staff.getByTestId('answer-decision').innerText()).toBe('Gepauzeerd');
    expect(await seriousA11yViolations(staff)).toEqual([]);
    await shot(staff, 'creditor-answered');

    // the counsellor's case page refreshes itself: no reload
    await eventually(async () => ((await state.innerText()) === 'Gepauzeerd' ? true : undefined), {
      what: 'Gepauzeerd on the case page',
      timeoutMs: 60_000,
    });
    expect(await seriousA11yViolations(counsellor)).toEqual([]);
    await shot(counsellor, 'case-paused');

    for (const url of urls) {
      for (const value of PERSONAL) {
        expect(decodeURIComponent(url)).not.toContain(value);
      }
    }
    for (const p of [counsellor, staff]) {
      expect(await storedText(p)).not.toMatch(/123456782|Kastanjeboom|Zwanenburgerveld|9718/);
    }
    expect(errors).toEqual([]);
  });
});
