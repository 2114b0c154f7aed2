import {
  defaultPauseEnd,
  isIsoDate,
  KennisgevingBody,
  normaliseBsn,
  normalisePostcode,
  Variant,
} from '@skp/messages';

/*
 * The Kennisgeving body built from a request, and the way back from a message path to the
 * request field, so a rule the built message breaks is reported on the field that was sent.
 */

type Json = Record<string, unknown>;

/** What the adapter knows from its configuration when it builds a Kennisgeving. */
export interface SubmissionContext {
  /** this municipality's own OIN (header.sender) */
  sender: string;
  municipality: { code: string; name: string };
  counsellorDesk: KennisgevingBody['counsellor'];
  /** creditors allowed to process the BSN */
  bsnAllowed: ReadonlySet<string>;
}

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `a.b.0.c` (message paths) → `a.b[0].c` (request paths). */
function bracketIndexes(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/** The request field a violation of a built message came from. */
export function requestField(messagePath: string, creditorIndex: number): string {
  if (messagePath === 'header.recipient') {
    return `creditors[${creditorIndex}].oin`;
  }
  if (messagePath.startsWith('body.creditorCustomerNumber')) {
    return `creditors[${creditorIndex}].customerNumber`;
  }
  if (messagePath.startsWith('body.invoiceNumbers')) {
    return bracketIndexes(`creditors[${creditorIndex}].${messagePath.slice('body.'.length)}`);
  }
  return bracketIndexes(messagePath.replace(/^body\.?/, ''));
}

/** A copy of a person with its BSN normalised (8 digits get a leading zero), or removed. */
function person(value: unknown, keepBsn: boolean): unknown {
  if (!isObject(value)) {
    return value;
  }
  const { bsn, ...rest } = value;
  const copy: Json = { ...rest };
  if (keepBsn && bsn !== undefined) {
    copy.bsn = typeof bsn === 'string' ? normaliseBsn(bsn) : bsn;
  }
  return copy;
}

function debtor(value: unknown, keepBsn: boolean): unknown {
  const copy = person(value, keepBsn);
  if (!isObject(copy) || !isObject(copy.address)) {
    return copy;
  }
  const address = { ...copy.address };
  if (typeof address.postcode === 'string') {
    address.postcode = normalisePostcode(address.postcode);
  }
  return { ...copy, address };
}

/** Fields the request leaves out come from the configured counsellor desk. */
function counsellor(value: unknown, desk: SubmissionContext['counsellorDesk']): unknown {
  if (value === undefined) {
    return { ...desk };
  }
  if (!isObject(value)) {
    return value;
  }
  return { ...desk, ...Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) };
}

function pause(value: unknown): unknown {
  if (!isObject(value)) {
    return value;
  }
  const { start, end } = value;
  return { ...value, end: end === undefined && isIsoDate(start) ? defaultPauseEnd(start) : end };
}

export function buildBody(
  request: Json,
  creditor: Json,
  variant: Variant,
  context: SubmissionContext,
): KennisgevingBody {
  const keepBsn = variant === 'PUBLIC';
  const body: Json = {
    variant,
    debtor: debtor(request.debtor, keepBsn),
    municipality: { ...context.municipality },
    counsellor: counsellor(request.counsellor, context.counsellorDesk),
    caseReference: request.caseReference,
    admissionDate: request.admissionDate,
    signal: request.signal === undefined ? 4 : request.signal,
    pause: pause(request.pause),
  };
  if (request.partner !== undefined) {
    body.partner = person(request.partner, keepBsn);
  }
  if (creditor.customerNumber !== undefined) {
    body.creditorCustomerNumber = creditor.customerNumber;
  }
  if (creditor.invoiceNumbers !== undefined) {
    body.invoiceNumbers = creditor.invoiceNumbers;
  }
  return body as unknown as KennisgevingBody;
}
