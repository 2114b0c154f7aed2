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
} from './support/browser';
import { eventually } from './support/eventually';
import { HelpRequestsFromHub } from './support/help-request-from-hub';
import { HubHarness, startHub } from './support/hub-harness';
import { startMunicipalityAdapter } from './support/municipality-adapter-process';
import { MunicipalityTestCreditor } from './support/municipality-test-creditor';
import { AMQP_URL, freshId, testOin } from './support/test-env';

const TOKEN = `muni-token-${freshId()}`;
const COUNSELLOR = { username: 'counsellor', password: 'demo-counsellor-test' };

/**
 * The case worker's Hulpvragen in a real browser, by keyboard only: the list (urgent first, overdue
 * in words: the contact deadline is 0 working days here, so every unanswered request is late),
 * the request's page, Gecontacteerd and Toegelaten with their confirm step, and the pre-filled
 * new-case form whose Kennisgeving reaches the creditor with signal 1.
 */
(browserAvailable('help requests portal') ? describe : describe.skip)(
  'Hulpvragen in the municipality portal',
  () => {
    let hub: HubHarness;
    let adapter: AppProcess;
    let creditor: MunicipalityTestCreditor;
    let fromHub: HelpRequestsFromHub;
    let browser: Browser;
    let page: Page;
    const pageErrors: string[] = [];
    const a11y: string[] = [];

    const shot = async (name: string) => {
      a11y.push(...(await seriousA11yViolations(page)).map((v) => `${name}: ${v}`));
      await page.screenshot({ path: join(SCREENSHOTS, `municipality-help-${name}.png`), fullPage: true });
    };
    const focused = () =>
      page.evaluate<string | null>("document.activeElement?.getAttribute('data-testid') ?? null");
    /** Puts the focus on the element and works it with a key (Enter or Space), never the mouse. */
    async function press(testid: string, key = 'Enter', nth = 0) {
      await page.getByTestId(testid).nth(nth).focus();
      expect(await focused()).toBe(testid);
      await page.keyboard.press(key);
    }

    beforeAll(async () => {
      hub = await startHub();
      const municipality = hub.pki.party('municipality', testOin(2), 'Gemeente Hulpstad');
      const creditorParty = hub.pki.party('creditor', testOin(3), 'Energie Hulp BV');
      await hub.registerParty(municipality, 'MUNICIPALITY', false);
      await hub.registerParty(creditorParty, 'CREDITOR', false);
      creditor = await new MunicipalityTestCreditor(creditorParty, hub.prefix, AMQP_URL).start();
      adapter = await startMunicipalityAdapter(hub, municipality, TOKEN, {
        MUNICIPALITY_HUB_URL: hub.hub.url,
        MUNICIPALITY_PORTAL_USERNAME: COUNSELLOR.username,
        MUNICIPALITY_PORTAL_PASSWORD: COUNSELLOR.password,
        MUNICIPALITY_HELP_REQUEST_CONTACT_WORKING_DAYS: '0',
      });
      fromHub = await HelpRequestsFromHub.open(hub);
      browser = await launchBrowser();
      page = await portalPage(browser, pageErrors);
    });

    afterAll(async () => {
      await browser?.close();
      await fromHub?.close();
      await creditor?.stop();
      await adapter?.stop();
      await hub?.teardown();
    });

    it('list → request → Gecontacteerd → Toegelaten → a case whose Kennisgeving carries signal 1', async () => {
      const calm = await fromHub.prepare(adapterOin(), {
        urgent: false,
        resident: {
          givenNames: 'Bram',
          surname: 'Rustig',
          birthDate: '1980-02-02',
          address: { street: 'Laan', houseNumber: 1, postcode: '3531CJ', city: 'Utrecht' },
        },
      });
      const urgent = await fromHub.prepare(adapterOin(), { urgent: true });
      await fromHub.deliver(calm);
      await fromHub.deliver(urgent);

      await logInThroughForm(page, adapter.url, COUNSELLOR, 'nav-cases');
      await press('nav-help-requests');
      const links = page.getByTestId('help-request-link');
      await eventually(async () => ((await links.count()) === 2 ? true : undefined), {
        what: 'two requests listed',
      });
      const rows = page.getByTestId('help-request-list').locator('tbody tr');
      // urgent first; nobody called yet, so both are late, in words
      expect(await rows.nth(0).getAttribute('data-id')).toBe(urgent.header.messageId);
      expect(await rows.nth(0).innerText()).toMatch(/Spoed/);
      expect(await rows.nth(0).innerText()).toMatch(/Te laat contact was nodig uiterlijk/);
      expect(await rows.nth(1).innerText()).toMatch(/Rustig/);
      await shot('list');

      await press('help-request-link');
      await page.getByTestId('help-title').waitFor();
      const person = await page.getByTestId('debtor').innerText();
      expect(person).toContain('El Amrani');
      expect(person).toContain('111222333');
      expect(await page.getByTestId('help-contact').innerText()).toContain('0612345678');
      expect(await page.getByTestId('help-deadline').innerText()).toMatch(/Te laat/);
      await shot('detail');

      // Gecontacteerd: the confirm step takes the focus; Enter confirms
      await press('help-action-CONTACTED');
      await page.getByTestId('help-confirm-yes').waitFor();
      expect(await focused()).toBe('help-confirm-yes');
      await shot('confirm');
      await page.keyboard.press('Enter');
      await eventually(
        async () =>
          (await page.getByTestId('help-status-value').innerText()) === 'Gecontacteerd' ? true : undefined,
        { what: 'status Gecontacteerd' },
      );
      expect(await page.getByTestId('help-action-CONTACTED').count()).toBe(0);

      // Toegelaten → the new-case form, pre-filled from the request, with signal 1
      await press('help-action-ADMITTED');
      await page.getByTestId('help-confirm-yes').waitFor();
      expect(await focused()).toBe('help-confirm-yes');
      await page.keyboard.press('Enter');
      await page.getByTestId('nc-signal').waitFor();
      const reference = await page.getByTestId('nc-caseReference').inputValue();
      expect(reference).toMatch(/^PK-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
      expect(await page.getByTestId('nc-debtor.surname').inputValue()).toBe('El Amrani');
      expect(await page.getByTestId('nc-debtor.bsn').inputValue()).toBe('111222333');
      expect(await page.getByTestId('nc-debtor.address.postcode').inputValue()).toBe('3531CJ');
      await page.getByTestId('creditor-option').first().waitFor();
      await press('creditor-option', 'Space');
      await shot('admit-form');
      await press('nc-submit');

      await page.getByTestId('case-title').waitFor();
      expect(await page.getByTestId('case-title').innerText()).toBe(`Zaak ${reference}`);
      const kennisgeving = await eventually(() => creditor.kennisgevingFor(reference), {
        what: 'Kennisgeving',
      });
      expect(kennisgeving.message.body.signal).toBe(1);
      await shot('case');

      await page.goto(`${adapter.url}/#/hulpvragen/${urgent.header.messageId}`);
      await page.getByTestId('help-title').waitFor();
      expect(await page.getByTestId('help-status-value').innerText()).toBe('Toegelaten');
      expect(await page.getByTestId('help-action-REFERRED').count()).toBe(0);

      expect(a11y).toEqual([]);
      expect(pageErrors).toEqual([]);

      function adapterOin(): string {
        return adapter.env.PARTY_OIN;
      }
    });
  },
);
