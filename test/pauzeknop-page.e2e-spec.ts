import type { Browser, Page } from 'playwright-core';
import { api } from './support/hub-api-client';
import {
  browserAvailable,
  launchBrowser,
  logInThroughForm,
  seriousA11yViolations,
  storedText,
  watchPage,
} from './support/browser';
import { HUB_ADMIN, HubHarness, startHub } from './support/hub-harness';
import { PartyClient } from './support/party-client';
import { eventually } from './support/eventually';
import { testOin } from './support/test-env';

/** The resident's page `/pauzeknop` in a real browser, on a phone-sized screen (DESIGN §11). */
(browserAvailable('pauzeknop page') ? describe : describe.skip)('Pauzeknop page in a browser', () => {
  let h: HubHarness;
  let browser: Browser;
  let municipality: PartyClient;

  beforeAll(async () => {
    h = await startHub({ HUB_PAUZEKNOP_POW_BITS: '8' });
    const m = h.pki.party('municipality', testOin(2), 'Gemeente Knopstad');
    await h.registerParty(m, 'MUNICIPALITY', false);
    await api(h.hub.url, 'PATCH', `/api/parties/${m.oin}`, {
      token: await h.adminToken(),
      body: { gemeentecodes: ['0344'] },
    });
    municipality = await new PartyClient(m, h.prefix).connect();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await municipality?.close();
    await h?.teardown();
  });

  async function phonePage(errors: string[], urls: string[], javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'nl-NL',
      javaScriptEnabled,
    });
    return watchPage(await context.newPage(), errors, urls);
  }

  it('a resident fills in the form by keyboard, corrects a wrong postcode and gets a reference', async () => {
    const errors: string[] = [];
    const urls: string[] = [];
    const page = await phonePage(errors, urls);
    await page.goto(`${h.hub.url}/pauzeknop?gemeente=0344`);
    const form = page.getByTestId('pauzeknop-form');
    await form.waitFor();
    // matched from the gemeentecode in the link
    expect(await page.getByTestId('input-municipality').inputValue()).toBe(municipality.oin);

    await page.getByLabel('Voornaam').fill('Sanne');
    await page.getByLabel('Achternaam').fill('Vermeulen');
    await page.getByLabel('Geboortedatum').fill('1986-11-02');
    await page.getByLabel('Straat').fill('Kerkweg');
    await page.getByLabel('Huisnummer').fill('21');
    const postcode = page.getByLabel('Postcode');
    await postcode.fill('35211');
    await postcode.press('Tab');
    const postcodeError = page.getByTestId('error-resident.address.postcode');
    await expect(postcodeError.textContent()).resolves.toContain('4 cijfers en 2 letters');
    expect(await postcode.getAttribute('aria-invalid')).toBe('true');
    // the error line describes the field for a screen reader
    const errorId = await postcodeError.getAttribute('id');
    expect((await postcode.getAttribute('aria-describedby'))?.split(' ')).toContain(errorId);
    await postcode.fill('3521 az');
    await expect(postcodeError.isHidden()).resolves.toBe(true);
    await page.getByLabel('Woonplaats').fill('Utrecht');
    await page.getByLabel('Telefoonnummer').fill('0687654321');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // submitting without consent: the error is at the checkbox and focus goes there
    await page.getByTestId('pauzeknop-submit').press('Enter');
    await expect(page.getByTestId('error-consent').textContent()).resolves.toContain('toestemming');
    expect(
      await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.name),
    ).toBe('consent');
    await page.keyboard.press('Space');
    await page.getByTestId('pauzeknop-submit').focus();
    await page.keyboard.press('Enter');

    const reference = await page.getByTestId('pauzeknop-reference').textContent({ timeout: 30_000 });
    expect(reference).toMatch(/^PK-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await expect(page.getByTestId('pauzeknop-result').textContent()).resolves.toContain('Gemeente Knopstad');
    expect(await page.getByTestId('pauzeknop-next-steps').locator('li').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const received = await eventually(
      () => municipality.received.find((r) => r.message?.header.type === 'HelpRequest'),
      { what: 'the HelpRequest at the municipality' },
    );
    expect(received.message?.body).toMatchObject({
      resident: { givenNames: 'Sanne', address: { postcode: '3521AZ', houseNumber: 21 } },
      contact: { phone: '0687654321' },
    });
    // nothing personal in any URL, in storage, or on the console
    expect(urls.filter((u) => /Sanne|Vermeulen|3521|0687654321/.test(u))).toEqual([]);
    expect(await storedText(page)).toBe('');
    expect(errors).toEqual([]);
    // readable at 360 px: nothing wider than the screen
    expect(
      await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(360);
  }, 60_000);

  it('the operator console lists the request by reference and municipality, without personal data', async () => {
    const errors: string[] = [];
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = watchPage(await context.newPage(), errors);
    await logInThroughForm(page, h.hub.url, HUB_ADMIN, 'dashboard');
    await page.getByTestId('nav-pauzeknop').click();
    await page.getByTestId('pauzeknop-requests').waitFor();
    const table = (await page.getByTestId('pauzeknop-requests').textContent()) ?? '';
    expect(table).toMatch(/PK-[2-9A-Z]{4}-[2-9A-Z]{4}/);
    expect(table).toContain('Gemeente Knopstad');
    const main = (await page.locator('main').textContent()) ?? '';
    for (const personal of ['Sanne', 'Vermeulen', '3521', '0687654321', '1986']) {
      expect(main).not.toContain(personal);
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('without JavaScript the page explains how to reach the municipality, and shows no form', async () => {
    const page = await phonePage([], [], false);
    await page.goto(`${h.hub.url}/pauzeknop`);
    await expect(page.getByTestId('call-municipality').textContent()).resolves.toContain('Bel uw gemeente');
    await expect(page.getByTestId('no-javascript').isVisible()).resolves.toBe(true);
    expect(await page.getByTestId('pauzeknop-form').count()).toBe(0);
  });
});

/** The page's document inside page.evaluate (the tests are compiled without the DOM library). */
interface PageGlobals {
  document: { activeElement: { name?: string } | null; documentElement: { scrollWidth: number } };
}
