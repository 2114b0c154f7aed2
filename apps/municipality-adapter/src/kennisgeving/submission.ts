import {
  buildHeader,
  defaultPauseEnd,
  isIsoDate,
  isValidBsn,
  isValidOin,
  KennisgevingBody,
  normaliseBsn,
  normalisePostcode,
  UnsignedMessage,
  validateUnsigned,
  Variant,
} from '@skp/messages';
import { dedupeViolations, FieldViolation, fieldViolation, relabel } from './field-violation';

/** One creditor of a submitted case. */
export interface CreditorRequest {
  oin: string;
  customerNumber?: string;
  invoiceNumbers?: string[];
}

/** `POST /kennisgevingen`, after parsing (JSON, XML and CSV rows all become this). */
export interface SubmissionRequest {
  caseReference: string;
  debtor: KennisgevingBody['debtor'];
  partner?: KennisgevingBody['partner'];
  counsellor?: Partial<KennisgevingBody['counsellor']>;
  admissionDate: string;
  signal?: 1 | 2 | 3 | 4;
  pause: { start: string; end?: string };
  creditors: CreditorRequest[];
}

/** What the adapter knows from its configuration when it builds a Kennisgeving. */
export interface SubmissionContext {
  /** this municipality's own OIN (header.sender) */
  sender: string;
  municipality: { code: string; name: string };
  counsellorDesk: KennisgevingBody['counsellor'];
  /** creditors allowed to process the BSN */
  bsnAllowed: ReadonlySet<string>;
}

/** One Kennisgeving ready to sign, for one creditor. */
export interface PlannedKennisgeving {
  creditor: string;
  variant: Variant;
  message: UnsignedMessage<'Kennisgeving'>;
}

export type PreparedSubmission =
  | { ok: true; caseReference: string; pause: { start: string; end: string }; planned: PlannedKennisgeving[] }
  | { ok: false; violations: FieldViolation[] };

const REQUEST_FIELDS = new Set([
  'caseReference',
  'debtor',
  'partner',
  'counsellor',
  'admissionDate',
  'signal',
  'pause',
  'creditors',
]);
const CREDITOR_FIELDS = new Set(['oin', 'customerNumber', 'invoiceNumbers']);
const PAUSE_FIELDS = new Set(['start', 'end']);
const MAX_CREDITORS = 200;
/** a syntactically valid OIN used only to validate a body when the creditor's own OIN is bad */
const PLACEHOLDER_OIN = '00000099000000000000';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** PUBLIC (with BSN) only for a creditor the configuration allows to process the BSN. */
export function chooseVariant(creditorOin: string, bsnAllowed: ReadonlySet<string>): Variant {
  return bsnAllowed.has(creditorOin) ? 'PUBLIC' : 'PRIVATE';
}

/** `a.b.0.c` (message paths) → `a.b[0].c` (request paths). */
function bracketIndexes(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/** The request field a violation of a built message came from. */
function requestField(messagePath: string, creditorIndex: number): string {
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

function unknownFields(value: Json, allowed: Set<string>, prefix: string): FieldViolation[] {
  return Object.keys(value)
    .filter((key) => !allowed.has(key))
    .map((key) => fieldViolation(prefix ? `${prefix}.${key}` : key, 'unknown-field'));
}

function bsnViolations(value: unknown, field: string, required: boolean): FieldViolation[] {
  if (value === undefined) {
    return required ? [fieldViolation(field, 'required')] : [];
  }
  if (typeof value !== 'string') {
    return [fieldViolation(field, 'string')];
  }
  const bsn = normaliseBsn(value);
  if (!/^\d{9}$/.test(bsn)) {
    return [fieldViolation(field, 'bsn-format')];
  }
  return isValidBsn(bsn) ? [] : [fieldViolation(field, 'bsn-11-proef')];
}

function creditorViolations(creditors: unknown): FieldViolation[] {
  if (creditors === undefined) {
    return [fieldViolation('creditors', 'required')];
  }
  if (!Array.isArray(creditors)) {
    return [fieldViolation('creditors', 'array')];
  }
  if (creditors.length === 0) {
    return [fieldViolation('creditors', 'at-least-one')];
  }
  if (creditors.length > MAX_CREDITORS) {
    return [fieldViolation('creditors', 'at-most-200')];
  }
  const found: FieldViolation[] = [];
  const seen = new Set<string>();
  creditors.forEach((creditor: unknown, index) => {
    const field = `creditors[${index}]`;
    if (!isObject(creditor)) {
      found.push(fieldViolation(field, 'object'));
      return;
    }
    found.push(...unknownFields(creditor, CREDITOR_FIELDS, field));
    if (creditor.oin === undefined) {
      found.push(fieldViolation(`${field}.oin`, 'required'));
    } else if (!isValidOin(creditor.oin)) {
      found.push(fieldViolation(`${field}.oin`, 'oin'));
    } else if (seen.has(creditor.oin)) {
      found.push(fieldViolation(`${field}.oin`, 'duplicate-creditor'));
    } else {
      seen.add(creditor.oin);
    }
  });
  return found;
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

function buildBody(
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

/**
 * Checks a whole request and builds one Kennisgeving per creditor: PUBLIC with the BSN for a
 * creditor allowed to process it, PRIVATE without it otherwise; pause end defaults to start + 4
 * months, signal to 4, the counsellor to the configured desk. Every built message is validated
 * with the canonical rules too, so nothing is stored that the hub would refuse as SCHEMA_INVALID.
 * All violations come back at once, labelled with the request's own field paths.
 */
export function prepareSubmission(
  raw: unknown,
  context: SubmissionContext,
  now = new Date(),
): PreparedSubmission {
  if (!isObject(raw)) {
    return { ok: false, violations: [fieldViolation('', 'not-an-object')] };
  }
  const found: FieldViolation[] = [...unknownFields(raw, REQUEST_FIELDS, '')];
  found.push(...creditorViolations(raw.creditors));
  found.push(
    ...bsnViolations(isObject(raw.debtor) ? raw.debtor.bsn : undefined, 'debtor.bsn', isObject(raw.debtor)),
  );
  if (isObject(raw.partner)) {
    found.push(...bsnViolations(raw.partner.bsn, 'partner.bsn', false));
  }
  if (isObject(raw.pause)) {
    found.push(...unknownFields(raw.pause, PAUSE_FIELDS, 'pause'));
  }

  const creditors = (Array.isArray(raw.creditors) ? raw.creditors : []).map((c: unknown) =>
    isObject(c) ? c : {},
  );
  // With no usable creditor, still validate one PRIVATE and one PUBLIC body so every body rule is reported.
  const targets =
    creditors.length > 0 ? creditors : [{ oin: PLACEHOLDER_OIN }, { oin: PLACEHOLDER_OIN, public: true }];
  const planned: PlannedKennisgeving[] = [];
  targets.forEach((creditor, index) => {
    const oin = isValidOin(creditor.oin) ? creditor.oin : PLACEHOLDER_OIN;
    const variant = creditor.public === true ? 'PUBLIC' : chooseVariant(oin, context.bsnAllowed);
    const message: UnsignedMessage<'Kennisgeving'> = {
      header: buildHeader({
        type: 'Kennisgeving',
        sender: context.sender,
        recipient: oin,
        createdAt: now.toISOString(),
      }),
      body: buildBody(raw, creditor, variant, context),
    };
    for (const violation of validateUnsigned(message)) {
      found.push(relabel(violation, requestField(violation.path, index)));
    }
    planned.push({ creditor: oin, variant, message });
  });

  const violations = dedupeViolations(found);
  if (violations.length > 0) {
    return { ok: false, violations };
  }
  const body = planned[0].message.body;
  return { ok: true, caseReference: body.caseReference, pause: { ...body.pause }, planned };
}
