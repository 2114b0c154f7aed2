import {
  aKennisgevingBody,
  anUnsignedDeliveryReceipt,
  anUnsignedKennisgeving,
  anUnsignedPauseAcknowledgement,
  anUnsignedProgressUpdate,
} from '../../../../test/factories/messages.factory';
import { validateMessage, validateUnsigned } from './validate-message';
import { Violation } from '../validation/violation';

type Json = Record<string, any>;

const signed = (m: object): Json => ({ ...structuredClone(m), signature: 'eyJhbGciOiJSUzI1NiJ9..c2ln' });
const rules = (violations: Violation[]): string[] => violations.map((v) => `${v.path}:${v.rule}`);
const kennisgeving = (): Json => signed(anUnsignedKennisgeving());

describe('validateMessage: valid messages', () => {
  it.each([
    ['Kennisgeving PUBLIC', () => anUnsignedKennisgeving()],
    ['Kennisgeving PRIVATE', () => anUnsignedKennisgeving({ variant: 'PRIVATE' })],
    ['PauseAcknowledgement PAUSED', () => anUnsignedPauseAcknowledgement()],
    [
      'PauseAcknowledgement DECLINED',
      () => anUnsignedPauseAcknowledgement({ body: { decision: 'DECLINED' } }),
    ],
    ['ProgressUpdate', () => anUnsignedProgressUpdate()],
    ['DeliveryReceipt', () => anUnsignedDeliveryReceipt()],
  ])('accepts a %s', (_name, make) => {
    const message = make();
    expect(validateUnsigned(message)).toEqual([]);
    expect(validateMessage(signed(message))).toEqual([]);
  });

  it('does not mutate or default anything', () => {
    const message = kennisgeving();
    const before = structuredClone(message);
    expect(validateMessage(message)).toEqual([]);
    expect(message).toStrictEqual(before);
    expect(message.body.signal).toBeUndefined();
  });
});

describe('validateMessage: envelope', () => {
  it('rejects a non-object', () => {
    expect(rules(validateMessage('x'))).toEqual([':not-an-object']);
    expect(rules(validateMessage([]))).toEqual([':not-an-object']);
  });
  it('requires header, body and signature', () => {
    expect(rules(validateMessage({}))).toEqual(['header:required', 'body:required', 'signature:required']);
  });
  it('rejects an empty signature and a signature on an unsigned message', () => {
    expect(rules(validateMessage({ ...kennisgeving(), signature: '' }))).toEqual(['signature:not-blank']);
    expect(rules(validateUnsigned(kennisgeving()))).toEqual(['signature:unknown-field']);
  });
  it('rejects unknown fields at every level', () => {
    const m = kennisgeving();
    m.extra = 1;
    m.header.extra = 1;
    m.body.extra = 1;
    m.body.debtor.address.extra = 1;
    expect(rules(validateMessage(m)).sort()).toEqual(
      [
        'body.debtor.address.extra:unknown-field',
        'body.extra:unknown-field',
        'extra:unknown-field',
        'header.extra:unknown-field',
      ].sort(),
    );
  });
  it('rejects prototype-reaching keys as unknown fields', () => {
    const m = JSON.parse(
      JSON.stringify(kennisgeving()).replace('"variant"', '"__proto__":{"x":1},"variant"'),
    );
    expect(rules(validateMessage(m))).toContain('body.__proto__:unknown-field');
  });
  it('collects all violations, not just the first', () => {
    const m = kennisgeving();
    m.header.messageId = 'nope';
    m.header.sender = '00000001002220647001';
    m.body.debtor.bsn = '123456781';
    m.body.debtor.address.houseNumber = 0;
    expect(rules(validateMessage(m))).toEqual(
      expect.arrayContaining([
        'header.messageId:uuid',
        'header.sender:oin',
        'body.debtor.bsn:bsn-11-proef',
        'body.debtor.address.houseNumber:minimum-1',
      ]),
    );
  });
  it('never echoes a field value in the message text', () => {
    const m = kennisgeving();
    m.body.debtor.bsn = '123456781';
    m.body.debtor.surname = '';
    for (const v of validateMessage(m)) {
      expect(v.message).not.toContain('123456781');
    }
  });
});

describe('validateMessage: header rules', () => {
  it.each([
    ['schemaVersion', '2.0', 'schema-version'],
    ['type', 'Brief', 'one-of'],
    ['recipient', '00000002002220647000', 'oin'],
    ['createdAt', '2026-03-01T10:00:00+01:00', 'rfc3339-utc'],
    ['conversationId', 'ABC', 'uuid'],
    ['inReplyTo', 'x', 'uuid'],
  ])('rejects header.%s = %s', (field, value, rule) => {
    const m = kennisgeving();
    m.header[field] = value;
    expect(rules(validateMessage(m))).toContain(`header.${field}:${rule}`);
  });
  it('requires conversationId = messageId for a Kennisgeving', () => {
    const m = kennisgeving();
    m.header.conversationId = anUnsignedKennisgeving().header.messageId;
    expect(rules(validateMessage(m))).toEqual(['header.conversationId:conversation-is-message-id']);
  });
  it.each([
    ['PauseAcknowledgement', () => anUnsignedPauseAcknowledgement()],
    ['DeliveryReceipt', () => anUnsignedDeliveryReceipt()],
  ])('requires inReplyTo for a %s', (_type, make) => {
    const m = signed(make());
    delete m.header.inReplyTo;
    expect(rules(validateMessage(m))).toEqual(['header.inReplyTo:required-for-type']);
  });
  it('does not require inReplyTo for a ProgressUpdate', () => {
    expect(signed(anUnsignedProgressUpdate()).header.inReplyTo).toBeUndefined();
    expect(validateMessage(signed(anUnsignedProgressUpdate()))).toEqual([]);
  });
});

describe('validateMessage: Kennisgeving body', () => {
  it('rejects a PRIVATE Kennisgeving that carries a BSN', () => {
    const m = signed(anUnsignedKennisgeving({ variant: 'PRIVATE' }));
    m.body.debtor.bsn = '111222333';
    expect(rules(validateMessage(m))).toEqual(['body.debtor.bsn:bsn-forbidden-in-PRIVATE']);
  });
  it('rejects a PRIVATE Kennisgeving whose partner carries a BSN', () => {
    const m = signed(anUnsignedKennisgeving({ variant: 'PRIVATE' }));
    m.body.partner = { givenNames: 'Els', surname: 'Vries', birthDate: '1982-01-01', bsn: '123456782' };
    expect(rules(validateMessage(m))).toEqual(['body.partner.bsn:bsn-forbidden-in-PRIVATE']);
  });
  it('requires a BSN in a PUBLIC Kennisgeving', () => {
    const m = kennisgeving();
    delete m.body.debtor.bsn;
    expect(rules(validateMessage(m))).toEqual(['body.debtor.bsn:required-iff-PUBLIC']);
  });
  it('accepts BSN 123456782 and rejects 123456781', () => {
    const m = kennisgeving();
    m.body.debtor.bsn = '123456782';
    expect(validateMessage(m)).toEqual([]);
    m.body.debtor.bsn = '123456781';
    expect(rules(validateMessage(m))).toEqual(['body.debtor.bsn:bsn-11-proef']);
  });
  it('accepts a pause of exactly 8 months and rejects 8 months + 1 day', () => {
    const m = signed(anUnsignedKennisgeving({ body: { pause: { start: '2026-03-01', end: '2026-11-01' } } }));
    expect(validateMessage(m)).toEqual([]);
    m.body.pause.end = '2026-11-02';
    expect(rules(validateMessage(m))).toEqual(['body.pause.end:pause-max-8-months']);
    m.body.pause.end = '2026-03-01';
    expect(rules(validateMessage(m))).toEqual(['body.pause.end:pause-end-after-start']);
  });
  it.each([
    ['debtor.address.houseNumber', 1.5, 'integer'],
    ['debtor.address.houseNumber', '12', 'integer'],
    ['debtor.address.postcode', '1234 ab', 'postcode'],
    ['debtor.address.postcode', '1234SS', 'postcode'],
    ['debtor.birthDate', '1980-02-30', 'iso-date'],
    ['debtor.surname', ' ', 'not-blank'],
    ['debtor.surname', 'a\nb', 'text-characters'],
    ['debtor.surname', null, 'string'],
    ['municipality.code', '344', 'gemeentecode'],
    ['counsellor.email', 'not-an-email', 'email'],
    ['invoiceNumbers', 'F-1', 'array'],
    ['invoiceNumbers', ['F-1', 2], 'string'],
    ['signal', 5, 'one-of'],
    ['signal', '4', 'one-of'],
    ['variant', 'SECRET', 'one-of'],
    ['debtor', [], 'object'],
    ['caseReference', 'x'.repeat(101), 'max-length-100'],
  ])('rejects body.%s = %p', (path, value, rule) => {
    const m = kennisgeving();
    const keys = path.split('.');
    const last = keys.pop() as string;
    keys.reduce((obj, key) => obj[key], m.body)[last] = value;
    expect(rules(validateMessage(m))).toContain(`body.${path}:${rule}`);
  });
  it('requires the required fields', () => {
    const m = kennisgeving();
    delete m.body.debtor.address.city;
    delete m.body.pause;
    expect(rules(validateMessage(m))).toEqual(['body.debtor.address.city:required', 'body.pause:required']);
  });
  it('accepts every optional field', () => {
    const body = aKennisgevingBody({
      partner: { bsn: '123456782', givenNames: 'Els', surname: 'Vries', birthDate: '1982-01-01' },
      creditorCustomerNumber: 'K-1',
      invoiceNumbers: ['F-1', 'F-2'],
      signal: 2,
    });
    body.debtor.address = { ...body.debtor.address, houseLetter: 'a', houseNumberAddition: 'bis' };
    expect(validateMessage({ ...kennisgeving(), body })).toEqual([]);
  });
});

describe('validateMessage: answer bodies', () => {
  it('PauseAcknowledgement: pausedUntil iff PAUSED, declineReason iff DECLINED', () => {
    const paused = signed(anUnsignedPauseAcknowledgement());
    delete paused.body.pausedUntil;
    paused.body.declineReason = 'OTHER';
    expect(rules(validateMessage(paused))).toEqual([
      'body.pausedUntil:required-iff-PAUSED',
      'body.declineReason:forbidden-unless-DECLINED',
    ]);
    const declined = signed(anUnsignedPauseAcknowledgement({ body: { decision: 'DECLINED' } }));
    delete declined.body.declineReason;
    expect(rules(validateMessage(declined))).toEqual(['body.declineReason:required-iff-DECLINED']);
  });
  it('PauseAcknowledgement: amount, note and contact rules', () => {
    const m = signed(anUnsignedPauseAcknowledgement());
    m.body.outstandingAmountCents = -1;
    m.body.note = 'x'.repeat(2001);
    m.body.contact = { email: 'a@b.nl' };
    expect(rules(validateMessage(m))).toEqual([
      'body.outstandingAmountCents:minimum-0',
      'body.contact.name:required',
      'body.note:max-length-2000',
    ]);
    m.body.outstandingAmountCents = 0;
    m.body.note = 'regel 1\nregel 2'.padEnd(2000, '.');
    m.body.contact = { name: 'Incasso' };
    expect(validateMessage(m)).toEqual([]);
  });
  it('ProgressUpdate: newPauseEnd iff PAUSE_EXTENDED, endReason iff PAUSE_ENDED', () => {
    const extended = signed(anUnsignedProgressUpdate({ body: { status: 'PAUSE_EXTENDED' } }));
    expect(rules(validateMessage(extended))).toEqual(['body.newPauseEnd:required-iff-PAUSE_EXTENDED']);
    extended.body.newPauseEnd = '2026-10-01';
    expect(validateMessage(extended)).toEqual([]);
    const ended = signed(
      anUnsignedProgressUpdate({ body: { status: 'PAUSE_ENDED', newPauseEnd: '2026-10-01' } }),
    );
    expect(rules(validateMessage(ended))).toEqual([
      'body.newPauseEnd:forbidden-unless-PAUSE_EXTENDED',
      'body.endReason:required-iff-PAUSE_ENDED',
    ]);
  });
  it('DeliveryReceipt: reasonCode iff REJECTED', () => {
    const rejected = signed(anUnsignedDeliveryReceipt({ body: { status: 'REJECTED' } }));
    expect(rules(validateMessage(rejected))).toEqual(['body.reasonCode:required-iff-REJECTED']);
    rejected.body.reasonCode = 'STALE';
    expect(validateMessage(rejected)).toEqual([]);
    rejected.body.reasonCode = 'BORED';
    expect(rules(validateMessage(rejected))).toEqual(['body.reasonCode:one-of']);
    const delivered = signed(anUnsignedDeliveryReceipt({ body: { reasonCode: 'STALE' } }));
    expect(rules(validateMessage(delivered))).toEqual(['body.reasonCode:forbidden-unless-REJECTED']);
  });
});
