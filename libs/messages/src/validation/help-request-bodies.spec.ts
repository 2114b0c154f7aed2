import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  anUnsignedHelpRequest,
  anUnsignedHelpRequestAcknowledgement,
  TEST_HUB_OIN,
} from '../../../../test/factories/help-request.factory';
import { TEST_MUNICIPALITY_OIN } from '../../../../test/factories/messages.factory';
import { decode, encode } from '../codec/codec';
import { validateMessage } from '../protocol/validate-message';
import { helpRequestAcknowledgementBodyArb, helpRequestBodyArb, messageArb } from '../testing';
import type { SkpMessage } from '../types';

/** Pauzeknop fase 1 (DESIGN §11): the rules of the two bodies, and their XML. */

const SIGNATURE = 'eyJhbGciOiJSUzI1NiJ9..c2ln';
const signed = (m: object): SkpMessage => ({ ...m, signature: SIGNATURE }) as SkpMessage;
const rulesOf = (m: object): string[] => validateMessage(signed(m)).map((v) => `${v.path}:${v.rule}`);

const request = anUnsignedHelpRequest;
const withBody = (body: Record<string, unknown>) => {
  const m = request();
  return { header: m.header, body: { ...m.body, ...body } };
};

describe('HelpRequest body', () => {
  it('accepts a resident with or without BSN, by phone, e-mail or both, with or without a description', () => {
    expect(rulesOf(request())).toEqual([]);
    const { bsn: _bsn, ...withoutBsn } = request().body.resident;
    expect(rulesOf(withBody({ resident: withoutBsn }))).toEqual([]);
    expect(rulesOf(withBody({ contact: { email: 'f@mail.example' } }))).toEqual([]);
    expect(rulesOf(withBody({ contact: { phone: '0612345678', email: 'f@mail.example' } }))).toEqual([]);
    expect(rulesOf(withBody({ description: undefined, urgent: false }))).toEqual([]);
  });

  it('wants a way to reach the resident: phone or e-mail', () => {
    expect(rulesOf(withBody({ contact: {} }))).toEqual(['body.contact:phone-or-email']);
    expect(rulesOf(withBody({ contact: { email: 'not an address' } }))).toEqual(['body.contact.email:email']);
    expect(rulesOf(withBody({ contact: { name: 'F.' } }))).toEqual([
      'body.contact:phone-or-email',
      'body.contact.name:unknown-field',
    ]);
    expect(rulesOf(withBody({ contact: undefined }))).toEqual(['body.contact:required']);
  });

  it('is always signal 1 with a boolean urgent and a UTC consent time', () => {
    expect(rulesOf(withBody({ signal: 4 }))).toEqual(['body.signal:one-of']);
    expect(rulesOf(withBody({ signal: undefined }))).toEqual(['body.signal:required']);
    expect(rulesOf(withBody({ urgent: 'yes' }))).toEqual(['body.urgent:boolean']);
    expect(rulesOf(withBody({ consentAt: '2027-01-11T20:41:58+01:00' }))).toEqual([
      'body.consentAt:rfc3339-utc',
    ]);
  });

  it('checks the resident as a debtor: the 11-proef of a given BSN, the postcode', () => {
    const resident = request().body.resident;
    expect(rulesOf(withBody({ resident: { ...resident, bsn: '111222334' } }))).toEqual([
      'body.resident.bsn:bsn-11-proef',
    ]);
    expect(
      rulesOf(withBody({ resident: { ...resident, address: { ...resident.address, postcode: '0123AB' } } })),
    ).toEqual(['body.resident.address.postcode:postcode']);
  });

  it('bounds the description: several lines, at most 2000 characters, no variant or other fields', () => {
    expect(rulesOf(withBody({ description: 'regel 1\nregel 2\r\n\tregel 3' }))).toEqual([]);
    expect(rulesOf(withBody({ description: 'x'.repeat(2001) }))).toEqual([
      'body.description:max-length-2000',
    ]);
    expect(rulesOf(withBody({ description: '  ' }))).toEqual(['body.description:not-blank']);
    expect(rulesOf(withBody({ variant: 'PUBLIC' }))).toEqual(['body.variant:unknown-field']);
  });

  it('opens its own conversation', () => {
    const m = request();
    expect(m.header.conversationId).toBe(m.header.messageId);
    const other = anUnsignedHelpRequest().header.messageId;
    expect(rulesOf({ ...m, header: { ...m.header, conversationId: other } })).toEqual([
      'header.conversationId:conversation-is-message-id',
    ]);
  });
});

describe('HelpRequestAcknowledgement body', () => {
  const ack = (body: Record<string, unknown> = {}) => {
    const m = anUnsignedHelpRequestAcknowledgement(request().header);
    return { header: m.header, body: { ...m.body, ...body } };
  };

  it('answers the request back to the hub, in its conversation, with one of four statuses', () => {
    const req = request();
    const m = anUnsignedHelpRequestAcknowledgement(req.header);
    expect(m.header).toMatchObject({
      sender: TEST_MUNICIPALITY_OIN,
      recipient: TEST_HUB_OIN,
      conversationId: req.header.messageId,
      inReplyTo: req.header.messageId,
    });
    for (const status of ['CONTACTED', 'ADMITTED', 'REFERRED', 'NOT_ADMITTED']) {
      expect(rulesOf(ack({ status }))).toEqual([]);
    }
    expect(rulesOf(ack({ status: 'CALLED' }))).toEqual(['body.status:one-of']);
  });

  it('carries nothing else (DESIGN §11 has no note) and needs inReplyTo', () => {
    expect(rulesOf(ack({ note: 'gebeld' }))).toEqual(['body.note:unknown-field']);
    const { inReplyTo: _reply, ...header } = ack().header;
    expect(rulesOf({ header, body: ack().body })).toEqual(['header.inReplyTo:required-for-type']);
  });
});

describe('HelpRequest and its acknowledgement in XML', () => {
  it('go to XML and back without loss: numbers, booleans, the multiline description', () => {
    const m = signed(request());
    const xml = encode(m, 'xml');
    expect(xml).toContain('xsi:type="HelpRequestBody"');
    expect(xml).toContain('<signal>1</signal>');
    expect(xml).toContain('<urgent>true</urgent>');
    expect(decode(xml, 'xml')).toEqual(m);
    const a = signed(anUnsignedHelpRequestAcknowledgement(m.header));
    expect(decode(encode(a, 'xml'), 'xml')).toEqual(a);
  });

  it('round-trip for generated bodies, JSON and XML alike', () => {
    for (const arb of [
      messageArb('HelpRequest', helpRequestBodyArb),
      messageArb('HelpRequestAcknowledgement', helpRequestAcknowledgementBodyArb),
    ]) {
      fc.assert(
        fc.property(arb, (m) => {
          expect(validateMessage(m)).toEqual([]);
          expect(decode(encode(m, 'xml'), 'xml')).toEqual(m);
          expect(decode(encode(m, 'json'), 'json')).toEqual(m);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('the XSD refuses a signal other than 1 and an unknown status, as the decoder does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skp-help-xsd-'));
    try {
      const xsd = join(__dirname, '../../xsd/skp-berichten-1.0.xsd');
      const lint = (xml: string) => {
        const file = join(dir, 'm.xml');
        writeFileSync(file, xml);
        execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: 'pipe' });
      };
      const xml = encode(signed(request()), 'xml');
      expect(() => lint(xml)).not.toThrow();
      expect(() => lint(xml.replace('<signal>1</signal>', '<signal>4</signal>'))).toThrow();
      const ack = encode(signed(anUnsignedHelpRequestAcknowledgement(request().header)), 'xml');
      expect(() => lint(ack)).not.toThrow();
      expect(() => lint(ack.replace('<status>CONTACTED</status>', '<status>CALLED</status>'))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
