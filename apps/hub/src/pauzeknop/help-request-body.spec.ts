import { validateUnsigned } from '@skp/messages';
import type { HelpRequestFormDto } from './dto/help-request-form.dto';
import { formViolationsOf, helpRequestBodyOf, helpRequestMessage } from './help-request-body';

const HUB = '00000001001234567000';
const MUNI = '00000001002220647000';
const NOW = new Date('2027-01-04T10:00:00.000Z');

function form(overrides: Partial<HelpRequestFormDto> = {}): HelpRequestFormDto {
  return {
    municipality: MUNI,
    resident: {
      givenNames: 'Jan',
      surname: 'Jansen',
      birthDate: '1980-05-17',
      bsn: '',
      address: {
        street: 'Dorpsstraat',
        houseNumber: '12',
        houseLetter: '',
        postcode: '3521 az',
        city: 'Utrecht',
      },
    },
    contact: { phone: '0612345678', email: '' },
    description: '  Ik kan de huur niet betalen.  ',
    consent: true,
    urgent: true,
    challenge: 'c',
    nonce: 'n',
    ...overrides,
  };
}

describe('the HelpRequest body from the Pauzeknop form', () => {
  it('normalises the input as the API does, drops empty fields and makes a valid message', () => {
    const body = helpRequestBodyOf(form(), NOW);
    expect(body).toEqual({
      resident: {
        givenNames: 'Jan',
        surname: 'Jansen',
        birthDate: '1980-05-17',
        address: { street: 'Dorpsstraat', houseNumber: 12, postcode: '3521AZ', city: 'Utrecht' },
      },
      contact: { phone: '0612345678' },
      description: 'Ik kan de huur niet betalen.',
      consentAt: '2027-01-04T10:00:00Z',
      signal: 1,
      urgent: true,
    });
    const message = helpRequestMessage(body, HUB, MUNI);
    expect(message.header).toMatchObject({ type: 'HelpRequest', sender: HUB, recipient: MUNI });
    expect(message.header.conversationId).toBe(message.header.messageId);
    expect(validateUnsigned(message)).toEqual([]);
    expect(formViolationsOf(message)).toEqual([]);
  });

  it('names broken rules by the form field, never with the value', () => {
    const bad = form({
      resident: {
        givenNames: 'Jan',
        surname: 'Jansen',
        birthDate: '1980-02-30',
        bsn: '123456789',
        address: { street: 'Dorpsstraat', houseNumber: 12, postcode: '0123 AB', city: 'Utrecht' },
      },
      contact: {},
    });
    const violations = formViolationsOf(helpRequestMessage(helpRequestBodyOf(bad, NOW), HUB, MUNI));
    const fields = violations.map((v) => `${v.field} ${v.rule}`).sort();
    expect(fields).toEqual([
      'contact phone-or-email',
      'resident.address.postcode postcode',
      'resident.birthDate iso-date',
      'resident.bsn bsn-11-proef',
    ]);
    expect(JSON.stringify(violations)).not.toMatch(/123456789|0123|1980-02-30/);
  });

  it('keeps a BSN of 8 digits with a leading zero, as the API does', () => {
    const body = helpRequestBodyOf(form({ resident: { ...form().resident, bsn: '11122333' } }), NOW);
    expect(body.resident.bsn).toBe('011122333');
  });
});
