import { chooseVariant, prepareSubmission, SubmissionContext } from './submission';

const MUNICIPALITY_OIN = '00000001002220647000';
const PUBLIC_CREDITOR = '00000003123456780000';
const PRIVATE_CREDITOR = '00000001001234567000';

const context: SubmissionContext = {
  sender: MUNICIPALITY_OIN,
  municipality: { code: '0344', name: 'Utrecht' },
  counsellorDesk: { organisation: 'Gemeente Utrecht', name: 'Schuldhulp', email: 'schulden@utrecht.nl' },
  bsnAllowed: new Set([PUBLIC_CREDITOR]),
};

function aRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseReference: 'SHV-2026-001',
    debtor: {
      bsn: '111222333',
      givenNames: 'Jan',
      surname: 'Vries',
      surnamePrefix: 'de',
      birthDate: '1980-05-17',
      address: { street: 'Stadsplateau', houseNumber: 1, postcode: '3521 az', city: 'Utrecht' },
    },
    admissionDate: '2026-03-02',
    pause: { start: '2026-03-02' },
    creditors: [
      { oin: PUBLIC_CREDITOR },
      { oin: PRIVATE_CREDITOR, customerNumber: 'K-1', invoiceNumbers: ['F1'] },
    ],
    ...overrides,
  };
}

function violationsOf(request: unknown): Array<{ field: string; rule: string }> {
  const prepared = prepareSubmission(request, context);
  if (prepared.ok) {
    return [];
  }
  return prepared.violations.map(({ field, rule }) => ({ field, rule }));
}

describe('prepareSubmission', () => {
  it('builds one Kennisgeving per creditor with defaults filled in', () => {
    const prepared = prepareSubmission(aRequest(), context);
    if (!prepared.ok) {
      throw new Error(JSON.stringify(prepared.violations));
    }
    expect(prepared.planned.map((p) => [p.creditor, p.variant])).toEqual([
      [PUBLIC_CREDITOR, 'PUBLIC'],
      [PRIVATE_CREDITOR, 'PRIVATE'],
    ]);
    const [pub, priv] = prepared.planned.map((p) => p.message);
    expect(pub.body.debtor.bsn).toBe('111222333');
    expect(priv.body.debtor.bsn).toBeUndefined();
    expect(JSON.stringify(priv)).not.toContain('111222333');
    expect(pub.body.pause).toEqual({ start: '2026-03-02', end: '2026-07-02' });
    expect(pub.body.signal).toBe(4);
    expect(pub.body.debtor.address.postcode).toBe('3521AZ');
    expect(pub.body.counsellor).toEqual(context.counsellorDesk);
    expect(pub.body.municipality).toEqual({ code: '0344', name: 'Utrecht' });
    expect(priv.body.creditorCustomerNumber).toBe('K-1');
    expect(priv.body.invoiceNumbers).toEqual(['F1']);
    expect(pub.body.creditorCustomerNumber).toBeUndefined();
    expect(pub.header).toMatchObject({
      sender: MUNICIPALITY_OIN,
      recipient: PUBLIC_CREDITOR,
      type: 'Kennisgeving',
    });
    expect(pub.header.conversationId).toBe(pub.header.messageId);
    expect(pub.header.messageId).not.toBe(priv.header.messageId);
  });

  it('keeps an explicit pause end, signal and counsellor fields, filling the rest from the desk', () => {
    const prepared = prepareSubmission(
      aRequest({
        pause: { start: '2026-03-02', end: '2026-11-02' },
        signal: 2,
        counsellor: { name: 'P. Jansen' },
      }),
      context,
    );
    expect(prepared.ok).toBe(true);
    if (prepared.ok) {
      const body = prepared.planned[0].message.body;
      expect(body.pause.end).toBe('2026-11-02');
      expect(body.signal).toBe(2);
      expect(body.counsellor).toEqual({ ...context.counsellorDesk, name: 'P. Jansen' });
    }
  });

  it('clamps the default pause end to the end of a shorter month', () => {
    const prepared = prepareSubmission(
      aRequest({ pause: { start: '2026-10-31' }, admissionDate: '2026-10-31' }),
      context,
    );
    expect(prepared.ok && prepared.pause.end).toBe('2027-02-28');
  });

  it('accepts an 8-digit BSN by adding the leading zero', () => {
    const request = aRequest();
    (request.debtor as Record<string, unknown>).bsn = '12345672'; // 012345672 passes the 11-proef
    const prepared = prepareSubmission(request, context);
    expect(prepared.ok && prepared.planned[0].message.body.debtor.bsn).toBe('012345672');
  });

  it.each([
    ['BSN failing the 11-proef', { bsn: '111222334' }, 'debtor.bsn', 'bsn-11-proef'],
    ['BSN of the wrong length', { bsn: '1234' }, 'debtor.bsn', 'bsn-format'],
    ['missing BSN', { bsn: undefined }, 'debtor.bsn', 'required'],
    ['bad birth date', { birthDate: '1980-02-30' }, 'debtor.birthDate', 'iso-date'],
    ['missing surname', { surname: undefined }, 'debtor.surname', 'required'],
    ['unknown debtor field', { nickname: 'x' }, 'debtor.nickname', 'unknown-field'],
  ])('rejects a %s', (_name, debtorOverride, field, rule) => {
    const request = aRequest();
    request.debtor = { ...(request.debtor as object), ...debtorOverride };
    expect(violationsOf(request)).toContainEqual({ field, rule });
  });

  it('rejects a bad BSN even when every creditor gets the PRIVATE variant', () => {
    const request = aRequest({ creditors: [{ oin: PRIVATE_CREDITOR }] });
    (request.debtor as Record<string, unknown>).bsn = '111222334';
    expect(violationsOf(request)).toEqual([{ field: 'debtor.bsn', rule: 'bsn-11-proef' }]);
  });

  it.each([
    ['invalid postcode', { postcode: '0123AB' }, 'debtor.address.postcode', 'postcode'],
    ['house number zero', { houseNumber: 0 }, 'debtor.address.houseNumber', 'minimum-1'],
    ['house number as text', { houseNumber: 'one' }, 'debtor.address.houseNumber', 'integer'],
  ])('rejects an address with %s', (_name, addressOverride, field, rule) => {
    const request = aRequest();
    const debtor = request.debtor as Record<string, unknown>;
    debtor.address = { ...(debtor.address as object), ...addressOverride };
    expect(violationsOf(request).map((v) => v.field)).toContain(field);
    expect(violationsOf(request)).toContainEqual(expect.objectContaining({ field }));
    expect(violationsOf(request).find((v) => v.field === field)?.rule).toMatch(
      new RegExp(rule.split('-')[0]),
    );
  });

  it.each([
    [
      'pause longer than 8 months',
      { start: '2026-03-02', end: '2026-11-03' },
      'pause.end',
      'pause-max-8-months',
    ],
    [
      'pause ending before it starts',
      { start: '2026-03-02', end: '2026-03-01' },
      'pause.end',
      'pause-end-after-start',
    ],
    ['pause without start', { end: '2026-05-01' }, 'pause.start', 'required'],
    ['pause with unknown field', { start: '2026-03-02', length: 4 }, 'pause.length', 'unknown-field'],
  ])('rejects a %s', (_name, pause, field, rule) => {
    expect(violationsOf(aRequest({ pause }))).toContainEqual({ field, rule });
  });

  it('accepts a pause of exactly 8 months', () => {
    expect(violationsOf(aRequest({ pause: { start: '2026-03-02', end: '2026-11-02' } }))).toEqual([]);
  });

  it.each([
    ['no creditors', [], 'creditors', 'at-least-one'],
    ['an invalid OIN', [{ oin: '12345' }], 'creditors[0].oin', 'oin'],
    ['an OIN with a wrong suffix', [{ oin: '00000001002220647001' }], 'creditors[0].oin', 'oin'],
    [
      'a creditor twice',
      [{ oin: PUBLIC_CREDITOR }, { oin: PUBLIC_CREDITOR }],
      'creditors[1].oin',
      'duplicate-creditor',
    ],
    [
      'an unknown creditor field',
      [{ oin: PUBLIC_CREDITOR, iban: 'x' }],
      'creditors[0].iban',
      'unknown-field',
    ],
    [
      'a too long customer number',
      [{ oin: PUBLIC_CREDITOR, customerNumber: 'x'.repeat(101) }],
      'creditors[0].customerNumber',
      'max-length-100',
    ],
  ])('rejects %s', (_name, creditors, field, rule) => {
    expect(violationsOf(aRequest({ creditors }))).toContainEqual({ field, rule });
  });

  it('rejects a missing creditors list and unknown top-level fields', () => {
    expect(violationsOf(aRequest({ creditors: undefined, extra: true }))).toEqual(
      expect.arrayContaining([
        { field: 'creditors', rule: 'required' },
        { field: 'extra', rule: 'unknown-field' },
      ]),
    );
  });

  it('rejects a bad signal, admission date and case reference', () => {
    expect(violationsOf(aRequest({ signal: 5, admissionDate: '02-03-2026', caseReference: ' ' }))).toEqual(
      expect.arrayContaining([
        { field: 'signal', rule: 'one-of' },
        { field: 'admissionDate', rule: 'iso-date' },
        { field: 'caseReference', rule: 'not-blank' },
      ]),
    );
  });

  it('reports every violation at once, each once, and never echoes a value', () => {
    const request = aRequest({
      pause: { start: '2026-03-02', end: '2027-03-02' },
      creditors: [{ oin: PUBLIC_CREDITOR }, { oin: 'bad' }],
    });
    (request.debtor as Record<string, unknown>).bsn = '111222334';
    const prepared = prepareSubmission(request, context);
    expect(prepared.ok).toBe(false);
    if (!prepared.ok) {
      expect(prepared.violations.map((v) => v.field).sort()).toEqual([
        'creditors[1].oin',
        'debtor.bsn',
        'pause.end',
      ]);
      expect(JSON.stringify(prepared.violations)).not.toContain('111222334');
      expect(JSON.stringify(prepared.violations)).not.toContain('Vries');
    }
  });

  it('rejects a request that is not an object', () => {
    expect(violationsOf([1, 2])).toEqual([{ field: '', rule: 'not-an-object' }]);
  });
});

describe('chooseVariant', () => {
  it('sends PUBLIC only to creditors allowed to process the BSN', () => {
    expect(chooseVariant(PUBLIC_CREDITOR, context.bsnAllowed)).toBe('PUBLIC');
    expect(chooseVariant(PRIVATE_CREDITOR, context.bsnAllowed)).toBe('PRIVATE');
    expect(chooseVariant(PUBLIC_CREDITOR, new Set())).toBe('PRIVATE');
  });
});
