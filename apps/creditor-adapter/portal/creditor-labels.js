// Dutch words for the codes of the creditor adapter's API (plain language, B1).

export const MESSAGE_TYPES = {
  Kennisgeving: 'Kennisgeving (verzoek om pauze)',
  ProgressUpdate: 'Voortgang van de zaak',
  BalanceRequest: 'Verzoek om saldo-opgave',
  PaymentProposal: 'Betalingsvoorstel',
  ArrangementAgreed: 'Regeling afgesproken',
  ArrangementEnded: 'Regeling beëindigd',
  StatusRequest: 'Vraag om de stand van zaken',
  DeliveryReceipt: 'Ontvangstbevestiging',
  PauseAcknowledgement: 'Antwoord op pauze',
  BalanceStatement: 'Saldo-opgave',
  ProposalResponse: 'Antwoord op voorstel',
  HelpRequest: 'Hulpvraag van een inwoner',
  HelpRequestAcknowledgement: 'Antwoord op een hulpvraag',
};

export const INBOX_STATES = { NEW: 'Nieuw', ANSWERED: 'Beantwoord' };

export const DECISIONS = { PAUSED: 'Gepauzeerd', DECLINED: 'Geweigerd' };

export const DECLINE_REASONS = {
  DEBTOR_UNKNOWN: 'De debiteur is bij ons niet bekend',
  RECENT_FINAL_DISCHARGE: 'Kort geleden een schone lei gekregen',
  RECENT_STABILISATION: 'Kort geleden al een stabilisatieperiode gehad',
  NO_COOPERATION: 'De debiteur werkt niet mee',
  OTHER: 'Een andere reden (zie de toelichting)',
};

export const PROPOSAL_DECISIONS = { ACCEPTED: 'Akkoord', REJECTED: 'Niet akkoord' };

export const PROPOSAL_REJECT_REASONS = {
  AMOUNT_TOO_LOW: 'Het aangeboden bedrag is te laag',
  CLAIM_DISPUTED: 'De vordering klopt niet zoals die in het voorstel staat',
  FRAUD_CLAIM: 'Het is een fraudevordering',
  NO_COOPERATION: 'De debiteur werkt niet mee',
  OTHER: 'Een andere reden (zie de toelichting)',
};

export const CLAIM_KINDS = {
  ZORG: 'Zorg',
  PUBLIEK: 'Publiek (overheid)',
  NUTS: 'Nutsvoorziening (energie, water)',
  OVERIG: 'Overig',
};

export const ARRANGEMENT_TYPES = {
  SCHULDBEMIDDELING: 'Schuldbemiddeling',
  SANERINGSKREDIET: 'Saneringskrediet',
};

export const PROGRESS_STATUSES = {
  STABILISATION_STARTED: 'Stabilisatie is begonnen',
  ARRANGEMENT_OFFERED: 'Een regeling is aangeboden',
  ARRANGEMENT_AGREED: 'Een regeling is afgesproken',
  PAUSE_EXTENDED: 'De pauze is verlengd',
  PAUSE_ENDED: 'De pauze is beëindigd',
};

const END_REASONS = {
  ARRANGEMENT_REACHED: 'er is een regeling',
  CLIENT_WITHDREW: 'de inwoner heeft zich teruggetrokken',
  CLIENT_DROPPED_OUT: 'de inwoner is uitgevallen',
  WSNP: 'de inwoner gaat naar de WSNP',
  OTHER: 'een andere reden',
};

export const ANSWER_STATUSES = {
  SENT: 'Verstuurd',
  ACCEPTED: 'Aangenomen door het knooppunt',
  DELIVERED: 'Afgeleverd bij de gemeente',
  REJECTED: 'Geweigerd door het knooppunt',
};

export const SIGNALS = {
  1: 'Signaal 1: eerste melding',
  2: 'Signaal 2',
  3: 'Signaal 3',
  4: 'Signaal 4: gewone aanmelding',
};

/** Why a pause is no longer in force, in words (liftReason of the register). */
export function liftReasonText(reason) {
  if (!reason) {
    return '';
  }
  if (reason.startsWith('DECLINED_')) {
    const code = reason.slice('DECLINED_'.length);
    return `Door ons geweigerd: ${(DECLINE_REASONS[code] ?? code).toLowerCase()}`;
  }
  return `Beëindigd door de gemeente: ${END_REASONS[reason] ?? reason}`;
}

export function label(table, code) {
  return code === undefined || code === null ? '' : (table[code] ?? code);
}

/** Field names of the API, in the words the forms use. */
export const FIELD_NAMES = {
  decision: 'Besluit',
  pausedUntil: 'Gepauzeerd tot en met',
  declineReason: 'Reden',
  creditorCustomerNumber: 'Klantnummer',
  note: 'Toelichting',
  known: 'Debiteur bekend',
  claims: 'Vorderingen',
  totalOutstandingCents: 'Totaal openstaand',
  preApproval: 'Vooraf akkoord',
  paymentReference: 'Betalingskenmerk',
  rejectReason: 'Reden',
  bsn: 'BSN',
  customerNumber: 'Klantnummer',
  surname: 'Achternaam',
  birthDate: 'Geboortedatum',
  postcode: 'Postcode',
  reference: 'Referentie',
  kind: 'Soort',
  originalAmountCents: 'Oorspronkelijk bedrag',
  outstandingAmountCents: 'Openstaand bedrag',
  since: 'Sinds',
  debtor: 'Debiteur',
  body: 'Formulier',
  currentPassword: 'Huidig wachtwoord',
  newPassword: 'Nieuw wachtwoord',
  repeat: 'Herhaling',
};

const RULES = {
  required: 'is verplicht',
  'iso-date': 'moet een bestaande datum zijn',
  'one-of': 'kies een van de mogelijkheden',
  'after-pause-start': 'moet na het begin van de pauze liggen',
  'max-requested-end': 'mag niet later zijn dan het einde dat de gemeente vraagt',
  'required-iff-PAUSED': 'is verplicht als u pauzeert',
  'required-iff-DECLINED': 'is verplicht als u weigert',
  'required-iff-REJECTED': 'is verplicht als u niet akkoord gaat',
  'forbidden-unless-PAUSED': 'hoort alleen bij pauzeren',
  'forbidden-unless-DECLINED': 'hoort alleen bij weigeren',
  'forbidden-unless-REJECTED': 'hoort alleen bij niet akkoord',
  'bsn-11-proef': 'is geen geldig BSN (9 cijfers, 11-proef)',
  'bsn-not-allowed': 'mag u niet gebruiken: u mag geen BSN verwerken',
  postcode: 'moet een Nederlandse postcode zijn, zoals 1234 AB',
  'one-key-required': 'vul een BSN, een klantnummer, of achternaam + geboortedatum + postcode in',
  'one-key-only': 'zoek op één manier tegelijk',
  'not-blank': 'moet letters bevatten',
  'duplicate-reference': 'staat al op een eerdere regel van dit bestand',
  'debtor-key-required': 'vul een BSN, klantnummer, of achternaam + geboortedatum + postcode in',
  'sum-of-claims': 'moet gelijk zijn aan de som van de openstaande bedragen',
  'claims-required-when-known': 'noem minstens één vordering als de debiteur bekend is',
  'claims-empty-when-unknown': 'moet leeg zijn als de debiteur niet bekend is',
  'only-when-collective': 'kan alleen bij een collectief verzoek',
  cents: 'moet een heel, niet-negatief bedrag in centen zijn (alleen cijfers)',
  'required-column': 'is een verplichte kolom en ontbreekt',
  'duplicate-column': 'staat meer dan eens in de kopregel',
  'unknown-column': 'is een onbekende kolom',
  integer: 'moet een heel getal zijn',
  'unknown-field': 'is geen veld van dit formulier',
  'csv-syntax': 'is geen geldige CSV (let op de aanhalingstekens)',
  'empty-file': 'heeft geen kopregel',
  'password-rule': 'is te kort of te lang (minstens 12 tekens, in productie 16)',
  'same-as-new': 'is niet gelijk aan het nieuwe wachtwoord',
  'current-password': 'klopt niet',
  'differs-from-current': 'moet anders zijn dan het huidige wachtwoord',
};

/** One server violation `{field, rule, message}` in Dutch; unknown rules keep the server's words. */
export function violationText(violation) {
  const name = String(violation.field ?? '').replace(/^header\./, 'kolom ');
  const item = /^claims\[(\d+)\]\.(\w+)$/.exec(name);
  const field = item
    ? `Vordering ${Number(item[1]) + 1}, ${(FIELD_NAMES[item[2]] ?? item[2]).toLowerCase()}`
    : (FIELD_NAMES[name] ?? name);
  const rule = violation.rule ?? '';
  if (/AmountCents$/.test(name) && ['integer', 'number', 'minimum-0'].includes(rule)) {
    return `${field}: vul een bedrag in euro in, zoals 120,50`;
  }
  if (name === 'kind' && rule === 'one-of') {
    return `${field}: gebruik ${Object.keys(CLAIM_KINDS).join(', ')}`;
  }
  const maxMonths = /^max-pause-(\d+)-months$/.exec(rule);
  if (maxMonths) {
    return `${field}: mag hoogstens ${maxMonths[1]} maanden na het begin van de pauze zijn (ons beleid)`;
  }
  const maxLength = /^max-length-(\d+)$/.exec(rule);
  if (maxLength) {
    return `${field}: mag hoogstens ${maxLength[1]} tekens zijn`;
  }
  if (rule === 'client') {
    return violation.message;
  }
  const text = RULES[rule];
  return text ? `${field}: ${text}` : `${field}: ${violation.message ?? rule}`;
}

/** The audit's words for this portal's own routes (`METHOD route-pattern`): what was tried; the outcome column says whether it worked. */
export const CREDITOR_ACTIONS = [
  [/\/acknowledgement$/, 'Kennisgeving beantwoorden'],
  [/\/balance$/, 'Saldo opgeven'],
  [/\/proposal-response$/, 'Betalingsvoorstel beantwoorden'],
  [/\/status-request$/, 'Stand van zaken vragen'],
  [/\/claims\/import$/, 'Vorderingen uploaden'],
  [/\/pauses\/lookup$/, 'Debiteur opzoeken'],
  [/\/pauses\/export\.csv$/, 'Pauzeregister exporteren'],
];
