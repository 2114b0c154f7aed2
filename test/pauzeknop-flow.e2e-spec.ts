import { addWorkingDays, helpRequestReference } from '@skp/messages';
import type { Browser, Page } from 'playwright-core';
import { AppProcess } from './support/app-process';
import {
  browserAvailable,
  launchBrowser,
  logInThroughForm,
  portalPage,
  seriousA11yViolations,
  watchPage,
} from './support/browser';
import { eventually } from './support/eventually';
import { api } from './support/hub-api-client';
import { HubDb } from './support/hub-db';
import { HUB_ADMIN, HubHarness, startHub } from './support/hub-harness';
import { startMunicipalityAdapter } from './support/municipality-adapter-process';
import { MunicipalityTestCreditor } from './support/municipality-test-creditor';
import { AMQP_URL, databaseUrl, freshId, testOin } from './support/test-env';

const TOKEN = `muni-token-${freshId()}`;
const COUNSELLOR = { username: 'counsellor', password: 'demo-counsellor-flow' };
const REFERENCE = /^PK-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

interface Resident {
  givenNames: string;
  surname: string;
  birthDate: string;
  bsn: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  phone: string;
}

const SANNE: Resident = {
  givenNames: 'Sanne',
  surname: 'Vermeulen',
  birthDate: '1986-11-02',
  bsn: '111222333',
  street: 'Kerkweg',
  houseNumber: '21',
  postcode: '3521 az',
  city: 'Utrecht',
  phone: '0687654321',
};

const JOOST: Resident = {
  givenNames: 'Joost',
  surname: 'Stilstand',
  birthDate: '1972-05-09',
  bsn: '',
  street: 'Molenlaan',
  houseNumber: '4',
  postcode: '3531CJ',
  city: 'Utrecht',
  phone: '0611122233',
};

/**
 * Pauzeknop fase 1 from end to end (issue 15 "Done means"), with nothing faked between the parts:
 * a resident's request made on the hub's own page reaches a real municipality adapter, the case
 * worker admits it in the portal, the creditor gets a Kennisgeving with signal 1, the hub records
 * the answer, the console shows it without personal data, and an unanswered request becomes
 * overdue on both sides once its deadline (3 working days) is moved into the past.
 */
(browserAvailable('pauzeknop flow') ? describe : describe.skip)(
  'Pauzeknop: resident → hub → municipality → creditor',
  () => {
    let hub: HubHarness;
    let hubDb: HubDb;
    let adapter: AppProcess;
    let adapterDb: HubDb;
    let creditor: MunicipalityTestCreditor;
    let browser: Browser;
    let portal: Page;
    let admin: string;
    const portalErrors: string[] = [];
    /** the reference the resident was shown for the first (admitted) request */
    let admittedReference: string;
    let admittedId: string;

    beforeAll(async () => {
      hub = await startHub({ HUB_PAUZEKNOP_POW_BITS: '8', HUB_JOB_INTERVAL_MS: '500' });
      hubDb = await HubDb.open(databaseUrl(hub.databases[0]));
      const municipality = hub.pki.party('municipality', testOin(2), 'Gemeente Knopstad');
      const creditorParty = hub.pki.party('creditor', testOin(3), 'Energie Knop BV');
      await hub.registerParty(municipality, 'MUNICIPALITY', false);
      await hub.registerParty(creditorParty, 'CREDITOR', true);
      admin = await hub.adminToken();
      const patched = await api(hub.hub.url, 'PATCH', `/api/parties/${municipality.oin}`, {
        token: admin,
        body: { gemeentecodes: ['0344'] },
      });
      expect(patched.status).toBe(200);
      creditor = await new MunicipalityTestCreditor(creditorParty, hub.prefix, AMQP_URL).start();
      adapter = await startMunicipalityAdapter(hub, municipality, TOKEN, {
        MUNICIPALITY_HUB_URL: hub.hub.url,
        MUNICIPALITY_PORTAL_USERNAME: COUNSELLOR.username,
        MUNICIPALITY_PORTAL_PASSWORD: COUNSELLOR.password,
        MUNICIPALITY_CODE: '0344',
        MUNICIPALITY_NAME: 'Gemeente Knopstad',
        // this creditor may receive the BSN (PUBLIC variant), on the municipality's side too
        BSN_ALLOWED_CREDITORS: creditorParty.oin,
      });
      adapterDb = await HubDb.open(adapter.env.DATABASE_URL);
      browser = await launchBrowser();
      portal = await portalPage(browser, portalErrors);
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await adapterDb?.close();
      await hubDb?.close();
      await creditor?.stop();
      await adapter?.stop();
      await hub?.teardown();
    });

    async function residentPage(errors: string[]): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL' });
      const page = watchPage(await context.newPage(), errors);
      await page.goto(`${hub.hub.url}/pauzeknop?gemeente=0344`);
      await page.getByTestId('pauzeknop-form').waitFor();
      return page;
    }

    /** Types every field but the postcode, the way a resident does (fill, then Tab on). */
    async function fillAllButPostcode(page: Page, r: Resident): Promise<void> {
      await page.getByLabel('Voornaam').fill(r.givenNames);
      await page.getByLabel('Achternaam').fill(r.surname);
      await page.getByLabel('Geboortedatum').fill(r.birthDate);
      if (r.bsn) {
        await page.getByLabel('BSN').fill(r.bsn);
      }
      await page.getByLabel('Straat').fill(r.street);
      await page.getByLabel('Huisnummer').fill(r.houseNumber);
      await page.getByLabel('Woonplaats').fill(r.city);
      await page.getByLabel('Telefoonnummer').fill(r.phone);
    }

    /** Consent by Space, submit by Enter; returns the reference the page shows. */
    async function consentAndSubmit(page: Page): Promise<string> {
      await page.getByTestId('input-consent').focus();
      await page.keyboard.press('Space');
      await page.getByTestId('pauzeknop-submit').focus();
      await page.keyboard.press('Enter');
      return (await page.getByTestId('pauzeknop-reference').textContent({ timeout: 60_000 })) ?? '';
    }

    /** The hub's record of the HelpRequest behind a reference the resident was shown. */
    async function hubRowByReference(reference: string): Promise<Record<string, unknown>> {
      return eventually(
        async () => {
          const [row] = await hubDb.query(
            `SELECT m.* FROM "message" m JOIN "message_event" e ON e."message_id" = m."message_id"
           WHERE m."type" = 'HelpRequest' AND e."kind" = 'ROUTED' AND e."detail" ->> 'helpRequestReference' = $1`,
            [reference],
          );
          return row;
        },
        { what: `the hub's record of ${reference}` },
      );
    }

    it('a resident asks for help on the hub page by keyboard, correcting a wrong postcode, and gets a reference', async () => {
      const errors: string[] = [];
      const page = await residentPage(errors);
      await fillAllButPostcode(page, SANNE);
      const postcode = page.getByLabel('Postcode');
      await postcode.fill('35211');
      await postcode.press('Tab');
      const postcodeError = page.getByTestId('error-resident.address.postcode');
      await expect(postcodeError.textContent()).resolves.toContain('4 cijfers en 2 letters');
      expect(await postcode.getAttribute('aria-invalid')).toBe('true');
      await postcode.fill(SANNE.postcode);
      await postcode.press('Tab');
      await expect(postcodeError.isHidden()).resolves.toBe(true);
      expect(await seriousA11yViolations(page)).toEqual([]);

      admittedReference = await consentAndSubmit(page);
      expect(admittedReference).toMatch(REFERENCE);
      await expect(page.getByTestId('pauzeknop-result').textContent()).resolves.toContain(
        'Gemeente Knopstad',
      );
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(errors).toEqual([]);

      const row = await hubRowByReference(admittedReference);
      admittedId = String(row.message_id);
      // the reference is derived from the messageId, the same way the municipality derives it
      expect(helpRequestReference(admittedId)).toBe(admittedReference);
      expect(row).toMatchObject({ recipient: adapter.env.PARTY_OIN, conversation_state: 'REQUESTED' });
    }, 120_000);

    it('the municipality portal lists it under Hulpvragen with the same reference; admitting it sends a Kennisgeving with signal 1', async () => {
      await eventually(
        async () =>
          (await adapterDb.query(`SELECT 1 FROM "help_request" WHERE "message_id" = $1`, [admittedId])).length
            ? true
            : undefined,
        { what: 'the HelpRequest stored by the municipality adapter' },
      );
      await logInThroughForm(portal, adapter.url, COUNSELLOR, 'nav-cases');
      await portal.getByTestId('nav-help-requests').focus();
      await portal.keyboard.press('Enter');
      const row = portal.locator(`[data-id="${admittedId}"]`);
      await row.waitFor();
      await expect(row.getByTestId('help-request-link').innerText()).resolves.toBe(admittedReference);
      expect(await seriousA11yViolations(portal)).toEqual([]);

      await row.getByTestId('help-request-link').focus();
      await portal.keyboard.press('Enter');
      await portal.getByTestId('help-title').waitFor();
      expect(await portal.getByTestId('help-title').innerText()).toBe(`Hulpvraag ${admittedReference}`);
      const person = await portal.getByTestId('debtor').innerText();
      expect(person).toContain(SANNE.surname);
      expect(person).toContain(SANNE.bsn);

      await portal.getByTestId('help-action-ADMITTED').focus();
      await portal.keyboard.press('Enter');
      await portal.getByTestId('help-confirm-yes').waitFor();
      await portal.keyboard.press('Enter');
      await portal.getByTestId('nc-signal').waitFor();
      const caseReference = await portal.getByTestId('nc-caseReference').inputValue();
      expect(caseReference).toBe(admittedReference);
      expect(await portal.getByTestId('nc-debtor.surname').inputValue()).toBe(SANNE.surname);
      expect(await portal.getByTestId('nc-debtor.bsn').inputValue()).toBe(SANNE.bsn);
      expect(await portal.getByTestId('nc-debtor.address.postcode').inputValue()).toBe('3521AZ');
      await portal.getByTestId('creditor-option').first().waitFor();
      await portal.getByTestId('creditor-option').first().focus();
      await portal.keyboard.press('Space');
      expect(await seriousA11yViolations(portal)).toEqual([]);
      await portal.getByTestId('nc-submit').focus();
      await portal.keyboard.press('Enter');
      await portal.getByTestId('case-title').waitFor();
      expect(await portal.getByTestId('case-title').innerText()).toBe(`Zaak ${admittedReference}`);

      const kennisgeving = await eventually(() => creditor.kennisgevingFor(admittedReference), {
        what: 'the Kennisgeving at the creditor',
      });
      expect(kennisgeving.message.body.signal).toBe(1);
      expect(kennisgeving.message.body.variant).toBe('PUBLIC');
      expect(kennisgeving.message.body.debtor).toMatchObject({ surname: SANNE.surname, bsn: SANNE.bsn });

      // the municipality's HelpRequestAcknowledgement closes the conversation at the hub
      await eventually(
        async () => ((await hubDb.message(admittedId))?.conversation_state === 'ADMITTED' ? true : undefined),
        { what: 'conversation ADMITTED at the hub' },
      );
      expect(portalErrors).toEqual([]);
    }, 120_000);

    it('the hub console lists the request by reference and municipality, without the resident’s personal data', async () => {
      const errors: string[] = [];
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      const page = watchPage(await context.newPage(), errors);
      await logInThroughForm(page, hub.hub.url, HUB_ADMIN, 'dashboard');
      await page.getByTestId('nav-pauzeknop').click();
      const requests = page.getByTestId('pauzeknop-requests');
      await requests.waitFor();
      const row = requests.locator('tr', { hasText: admittedReference });
      expect(await row.count()).toBe(1);
      expect(await row.innerText()).toContain('Gemeente Knopstad');
      expect(await row.innerText()).toContain('ADMITTED');
      const main = (await page.locator('main').textContent()) ?? '';
      for (const personal of [
        SANNE.givenNames,
        SANNE.surname,
        SANNE.bsn,
        '3521',
        SANNE.street,
        SANNE.phone,
        SANNE.birthDate,
        '1986',
      ]) {
        expect(main).not.toContain(personal);
      }
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });

    it('an unanswered request is due 3 working days after sending, and becomes overdue on both sides once that is past', async () => {
      const errors: string[] = [];
      const page = await residentPage(errors);
      await fillAllButPostcode(page, JOOST);
      await page.getByLabel('Postcode').fill(JOOST.postcode);
      const reference = await consentAndSubmit(page);
      expect(reference).toMatch(REFERENCE);
      expect(reference).not.toBe(admittedReference);
      expect(errors).toEqual([]);

      // the hub's deadline: 3 Dutch working days after it was sent
      const row = await hubRowByReference(reference);
      const id = String(row.message_id);
      const sentAt = row.received_at as Date;
      const deadline = row.deadline_at as Date;
      expect(deadline).toBeInstanceOf(Date);
      expect(deadline.getTime()).toBe(addWorkingDays(sentAt, 3).getTime());
      expect(deadline.getTime() - sentAt.getTime()).toBeGreaterThanOrEqual(3 * DAY_MS);
      expect(row).toMatchObject({ conversation_state: 'REQUESTED' });
      expect(['ROUTED', 'DELIVERED']).toContain(row.state);

      // the municipality's own due date: 3 working days after it received the request
      const [stored] = await eventually(
        async () => {
          const rows = await adapterDb.query<{ received_at: Date; contact_due_at: Date }>(
            `SELECT "received_at", "contact_due_at" FROM "help_request" WHERE "message_id" = $1`,
            [id],
          );
          return rows.length ? rows : undefined;
        },
        { what: 'the request in the municipality adapter' },
      );
      expect(stored.contact_due_at.getTime()).toBe(addWorkingDays(stored.received_at, 3).getTime());

      // the portal: listed, not late yet
      await portal.goto(`${adapter.url}/#/hulpvragen`);
      const portalRow = portal.locator(`[data-id="${id}"]`);
      await portalRow.waitFor();
      expect(await portalRow.getByTestId('help-request-link').innerText()).toBe(reference);
      expect(await portalRow.innerText()).not.toMatch(/Te laat/);

      // past the hub's deadline: the deadline job marks it overdue, the console shows it
      await hubDb.query(
        `UPDATE "message" SET "deadline_at" = now() - interval '1 minute' WHERE "message_id" = $1`,
        [id],
      );
      await eventually(async () => ((await hubDb.message(id))?.state === 'OVERDUE' ? true : undefined), {
        what: 'the hub deadline job marking the HelpRequest OVERDUE',
      });
      const consoleErrors: string[] = [];
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      const consolePage = watchPage(await context.newPage(), consoleErrors);
      await logInThroughForm(consolePage, hub.hub.url, HUB_ADMIN, 'dashboard');
      await consolePage.getByTestId('nav-pauzeknop').click();
      await consolePage.getByTestId('pauzeknop-requests').waitFor();
      expect(await consolePage.getByTestId('pauzeknop-total-overdue').innerText()).toBe('1');
      const consoleRow = consolePage.getByTestId('pauzeknop-requests').locator('tr', { hasText: reference });
      expect(await consoleRow.innerText()).toContain('OVERDUE');
      const admittedRow = consolePage
        .getByTestId('pauzeknop-requests')
        .locator('tr', { hasText: admittedReference });
      expect(await admittedRow.innerText()).not.toContain('OVERDUE');
      const main = (await consolePage.locator('main').textContent()) ?? '';
      for (const personal of [JOOST.givenNames, JOOST.surname, JOOST.street, JOOST.phone, JOOST.birthDate]) {
        expect(main).not.toContain(personal);
      }
      expect(consoleErrors).toEqual([]);
      await context.close();

      // past the municipality's own due date: the portal shows it as late, the admitted one not
      await adapterDb.query(
        `UPDATE "help_request" SET "contact_due_at" = now() - interval '1 minute' WHERE "message_id" = $1`,
        [id],
      );
      await portal.reload();
      await portalRow.waitFor();
      expect(await portalRow.innerText()).toMatch(/Te laat/);
      expect(await portal.locator(`[data-id="${admittedId}"]`).innerText()).not.toMatch(/Te laat/);
      expect(portalErrors).toEqual([]);
    }, 120_000);
  },
);
