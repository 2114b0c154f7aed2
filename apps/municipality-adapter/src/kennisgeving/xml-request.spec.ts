import { parseXmlRequest } from './xml-request';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<KennisgevingVerzoek xmlns="urn:nl:schuldenknooppunt:gemeente:1">
  <caseReference>SHV-1</caseReference>
  <debtor>
    <bsn>111222333</bsn>
    <givenNames>Jan</givenNames>
    <surname>Vries</surname>
    <birthDate>1980-05-17</birthDate>
    <address><street>Stadsplateau</street><houseNumber>1</houseNumber><postcode>3521AZ</postcode><city>Utrecht</city></address>
  </debtor>
  <admissionDate>2026-03-02</admissionDate>
  <signal>4</signal>
  <pause><start>2026-03-02</start></pause>
  <creditors>
    <creditor><oin>00000003123456780000</oin><invoiceNumbers><invoiceNumber>F1</invoiceNumber><invoiceNumber>F2</invoiceNumber></invoiceNumbers></creditor>
  </creditors>
</KennisgevingVerzoek>`;

describe('parseXmlRequest', () => {
  it('turns the XML form into the JSON request, with lists and numbers', async () => {
    expect(await parseXmlRequest(XML)).toEqual({
      ok: true,
      request: {
        caseReference: 'SHV-1',
        debtor: {
          bsn: '111222333',
          givenNames: 'Jan',
          surname: 'Vries',
          birthDate: '1980-05-17',
          address: { street: 'Stadsplateau', houseNumber: 1, postcode: '3521AZ', city: 'Utrecht' },
        },
        admissionDate: '2026-03-02',
        signal: 4,
        pause: { start: '2026-03-02' },
        creditors: [{ oin: '00000003123456780000', invoiceNumbers: ['F1', 'F2'] }],
      },
    });
  });

  it('keeps several creditors in order and a single one as a list', async () => {
    const two = XML.replace(
      '</creditors>',
      '<creditor><oin>00000001001234567000</oin></creditor></creditors>',
    );
    const parsed = await parseXmlRequest(two);
    expect(
      parsed.ok && (parsed.request as { creditors: Array<{ oin: string }> }).creditors.map((c) => c.oin),
    ).toEqual(['00000003123456780000', '00000001001234567000']);
  });

  it('accepts the root without namespace', async () => {
    expect((await parseXmlRequest(XML.replace(' xmlns="urn:nl:schuldenknooppunt:gemeente:1"', ''))).ok).toBe(
      true,
    );
  });

  it.each([
    ['malformed XML', '<KennisgevingVerzoek><caseReference>x</KennisgevingVerzoek>', 'xml-syntax'],
    ['another root element', '<Bericht><a>1</a></Bericht>', 'xml-root'],
    ['another namespace', XML.replace('gemeente:1', 'other:1'), 'xml-namespace'],
    ['a DOCTYPE', `<!DOCTYPE x [<!ENTITY e "boom">]>${XML.replace(/<\?xml.*\?>/, '')}`, 'xml-doctype'],
    [
      'an unknown element in a list',
      XML.replace('</creditors>', '<debtor>x</debtor></creditors>'),
      'unknown-field',
    ],
  ])('refuses %s', async (_name, xml, rule) => {
    const parsed = await parseXmlRequest(xml);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.violations.map((v) => v.rule)).toContain(rule);
  });
});
