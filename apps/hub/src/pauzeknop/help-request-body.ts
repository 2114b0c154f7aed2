import {
  buildHeader,
  describeRule,
  HelpRequestBody,
  MessageHeader,
  UnsignedMessage,
  validateUnsigned,
} from '@skp/messages';
import type { FieldViolation } from '@skp/platform';
import type { HelpRequestFormDto } from './dto/help-request-form.dto';

/** The page's input the way the API normalises it: `3521 az` → `3521AZ`, 8 BSN digits get a 0. */
function normalisedResident(resident: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...resident };
  if (typeof out.bsn === 'string') {
    const bsn = out.bsn.trim();
    out.bsn = /^\d{8}$/.test(bsn) ? `0${bsn}` : bsn;
    if (out.bsn === '') {
      delete out.bsn;
    }
  }
  const address = resident.address;
  if (typeof address === 'object' && address !== null && !Array.isArray(address)) {
    const a: Record<string, unknown> = { ...(address as Record<string, unknown>) };
    if (typeof a.postcode === 'string') {
      a.postcode = a.postcode.replace(/\s+/g, '').toUpperCase();
    }
    if (typeof a.houseNumber === 'string' && /^\d+$/.test(a.houseNumber)) {
      a.houseNumber = Number(a.houseNumber);
    }
    out.address = a;
  }
  return out;
}

/** Leaves out what the resident left empty: an empty optional field is an absent one. */
function withoutEmpty(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '' && v !== null));
}

/** The HelpRequest body the hub signs, from the form; `consentAt` is when the hub received it. */
export function helpRequestBodyOf(form: HelpRequestFormDto, now: Date): HelpRequestBody {
  const resident = normalisedResident(withoutEmpty(form.resident));
  if (typeof resident.address === 'object' && resident.address !== null) {
    resident.address = withoutEmpty(resident.address as Record<string, unknown>);
  }
  const description = form.description?.trim();
  return {
    resident: resident as unknown as HelpRequestBody['resident'],
    contact: withoutEmpty(form.contact),
    ...(description ? { description } : {}),
    consentAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    signal: 1,
    urgent: form.urgent,
  };
}

export type HelpRequestMessage = UnsignedMessage<'HelpRequest'>;

export function helpRequestMessage(
  body: HelpRequestBody,
  hubOin: string,
  municipalityOin: string,
): UnsignedMessage<'HelpRequest'> {
  const header: MessageHeader<'HelpRequest'> = buildHeader({
    type: 'HelpRequest',
    sender: hubOin,
    recipient: municipalityOin,
  });
  return { header, body };
}

/**
 * The rules the message breaks, as the form's field violations: `body.resident.address.postcode`
 * is the form's `resident.address.postcode`. Never the value itself (personal data).
 */
export function formViolationsOf(message: UnsignedMessage<'HelpRequest'>): FieldViolation[] {
  return validateUnsigned(message)
    .filter((v) => v.path.startsWith('body.') || v.path === 'body')
    .map((v) => {
      const field = v.path.replace(/^body\.?/, '');
      const rule = v.rule;
      return { field, rule, message: `${field} ${describeRule(rule)}` };
    });
}
