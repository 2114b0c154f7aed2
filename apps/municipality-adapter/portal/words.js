// Dutch words for the codes the API returns: states, reasons and rules, in plain language (B1).
// words.spec.ts proves that every code defined in libs/messages and the adapter has its words here.

/** The state of a Kennisgeving at one creditor (another test relies on these exact texts). */
export const CREDITOR_STATE = {
  SENT: 'Verzonden',
  ACCEPTED: 'Aangenomen door de hub',
  DELIVERED: 'Afgeleverd',
  PAUSED: 'Gepauzeerd',
  DECLINED: 'Geweigerd',
  REJECTED: 'Niet aangenomen',
  OVERDUE: 'Geen antwoord op tijd',
};

/** Badge colour per state (style.css badge-<kind>). */
export const CREDITOR_STATE_KIND = {
  SENT: 'sent',
  ACCEPTED: 'accepted',
  DELIVERED: 'delivered',
  PAUSED: 'paused',
  DECLINED: 'declined',
  REJECTED: 'rejected',
  OVERDUE: 'overdue',
};

/** Why the hub did not take a message (REJECTED receipt). */
export const REASON_CODE = {
  MALFORMED: 'Het bericht was onleesbaar.',
  TOO_LARGE: 'Het bericht was te groot.',
  SCHEMA_INVALID: 'Het bericht was niet volgens de afspraken ingevuld.',
  SIGNATURE_INVALID: 'De digitale handtekening klopte niet.',
  CERTIFICATE_UNTRUSTED: 'Het certificaat van de gemeente wordt niet vertrouwd.',
  CERTIFICATE_EXPIRED: 'Het certificaat van de gemeente is verlopen.',
  SENDER_MISMATCH: 'De afzender klopte niet met het certificaat.',
  UNKNOWN_RECIPIENT: 'Deze schuldeiser is niet aangesloten bij het knooppunt.',
  PARTY_SUSPENDED: 'Deze schuldeiser is tijdelijk afgesloten van het knooppunt.',
  NOT_AUTHORISED: 'De gemeente mag dit bericht niet sturen.',
  CONVERSATION_MISMATCH: 'Het bericht hoorde niet bij dit gesprek.',
  BSN_NOT_ALLOWED: 'Deze schuldeiser mag het BSN niet ontvangen.',
  DUPLICATE_CONFLICT: 'Er was al een ander bericht met hetzelfde kenmerk.',
  STALE: 'Het bericht was te oud of had een datum in de toekomst.',
};

/** Why a creditor declined the pause. */
export const DECLINE_REASON = {
  DEBTOR_UNKNOWN: 'De schuldeiser kent deze persoon niet.',
  RECENT_FINAL_DISCHARGE: 'Kort geleden al een schone lei gekregen.',
  RECENT_STABILISATION: 'Kort geleden al een pauze gehad.',
  NO_COOPERATION: 'De persoon werkt niet mee.',
  OTHER: 'Andere reden.',
};

/** What the counsellor reports in a progress update. */
export const PROGRESS_STATUS = {
  STABILISATION_STARTED: 'Stabilisatie begonnen',
  ARRANGEMENT_OFFERED: 'Regeling aangeboden',
  ARRANGEMENT_AGREED: 'Regeling afgesproken',
  PAUSE_EXTENDED: 'Pauze verlengd',
  PAUSE_ENDED: 'Pauze beëindigd',
};

/** Why the counsellor ends the pause. */
export const END_REASON = {
  ARRANGEMENT_REACHED: 'Er is een regeling.',
  CLIENT_WITHDREW: 'De persoon stopt zelf.',
  CLIENT_DROPPED_OUT: 'De persoon is uitgevallen.',
  WSNP: 'De persoon gaat naar de wettelijke schuldsanering (Wsnp).',
  OTHER: 'Andere reden.',
};

/** The dossier of a debt arrangement. */
export const DOSSIER_STATE = {
  AWAITING_BALANCES: 'Wacht op saldo’s',
  BALANCES_COMPLETE: 'Alle saldo’s binnen',
  PROPOSED: 'Voorstel verstuurd',
  REJECTED: 'Voorstel afgewezen',
  AGREED: 'Regeling afgesproken',
  ENDED: 'Beëindigd',
};

/** One creditor of a dossier. */
export const DOSSIER_CREDITOR_STATE = {
  SENT: 'Verzonden',
  ACCEPTED: 'Aangenomen door de hub',
  DELIVERED: 'Afgeleverd',
  REJECTED: 'Niet aangenomen',
  STATED: 'Saldo opgegeven',
  UNKNOWN_DEBTOR: 'Kent de persoon niet',
  PROPOSED: 'Voorstel verstuurd',
  PROPOSAL_ACCEPTED: 'Voorstel aangenomen',
  PROPOSAL_REJECTED: 'Voorstel afgewezen',
  AGREED: 'Regeling afgesproken',
  ENDED: 'Beëindigd',
};

export const ARRANGEMENT_TYPE = {
  SCHULDBEMIDDELING: 'Schuldbemiddeling',
  SANERINGSKREDIET: 'Saneringskrediet',
};

export const PROPOSAL_REJECT_REASON = {
  AMOUNT_TOO_LOW: 'Het bedrag is te laag.',
  CLAIM_DISPUTED: 'De schuldeiser is het niet eens met de vordering.',
  FRAUD_CLAIM: 'Het gaat om een fraudevordering.',
  NO_COOPERATION: 'De schuldeiser doet niet mee.',
  OTHER: 'Andere reden.',
};

export const CLAIM_KIND = { ZORG: 'Zorg', PUBLIEK: 'Overheid', NUTS: 'Energie en water', OVERIG: 'Overig' };

/** Lines of the timeline of one Kennisgeving. */
export const EVENT_KIND = {
  SENT: 'Verzonden',
  ACCEPTED: 'Aangenomen door de hub',
  DELIVERED: 'Afgeleverd bij de schuldeiser',
  REJECTED: 'Niet aangenomen door de hub',
  PAUSED: 'Pauze bevestigd',
  DECLINED: 'Pauze geweigerd',
  OVERDUE: 'Geen antwoord op tijd',
  PROGRESS_SENT: 'Voortgang verzonden',
  PROGRESS_ACCEPTED: 'Voortgang aangenomen door de hub',
  PROGRESS_DELIVERED: 'Voortgang afgeleverd',
  PROGRESS_REJECTED: 'Voortgang niet aangenomen',
  IGNORED: 'Bericht genegeerd (kwam te laat of dubbel)',
};

/** The API's rule names, for errors per field (new-case form and CSV lines). */
export const RULE = {
  required: 'Dit veld is verplicht.',
  string: 'Vul hier tekst in.',
  'bsn-format': 'Een BSN bestaat uit 9 cijfers.',
  'bsn-11-proef': 'Dit BSN bestaat niet: controleer de cijfers (elfproef).',
  postcode: 'Een postcode is 4 cijfers en 2 letters, bijvoorbeeld 3521 AZ.',
  'iso-date': 'Dit is geen bestaande datum.',
  'pause-end-after-start': 'De einddatum van de pauze moet na de begindatum liggen.',
  'pause-max-8-months': 'Een pauze duurt hoogstens 8 maanden.',
  oin: 'Dit OIN klopt niet.',
  integer: 'Vul een heel getal in.',
  'house-letter': 'Een huisletter is één letter.',
  'house-number-addition': 'Een toevoeging is 1 tot 4 letters of cijfers.',
  email: 'Dit is geen e-mailadres.',
  'duplicate-creditor': 'Deze schuldeiser staat er twee keer in.',
  'at-least-one': 'Kies minstens één schuldeiser.',
};

const RULE_FAMILIES = [
  [/^max-length-/, 'Deze tekst is te lang.'],
  [/^minimum-(\d+)$/, (m) => `Vul een getal van ${m[1]} of meer in.`],
  [/^maximum-(\d+)$/, (m) => `Vul een getal van hoogstens ${m[1]} in.`],
];

/** A rule in words, or the API's own message when there are no words for it yet. */
export function ruleText(violation) {
  if (RULE[violation.rule]) {
    return RULE[violation.rule];
  }
  for (const [pattern, text] of RULE_FAMILIES) {
    const match = pattern.exec(violation.rule ?? '');
    if (match) {
      return typeof text === 'function' ? text(match) : text;
    }
  }
  return violation.message;
}

export function words(table, code) {
  return code ? (table[code] ?? code) : '';
}

/** The audit's words for this portal's own routes (`METHOD route-pattern`): what was tried; the outcome column says whether it worked. */
export const MUNICIPALITY_ACTIONS = [
  [/^POST \/kennisgevingen\/import$/, 'Bestand inlezen'],
  [/^POST \/kennisgevingen\/:caseReference\/progress$/, 'Voortgang doorgeven'],
  [/^POST \/kennisgevingen$/, 'Nieuwe zaak versturen'],
  [/^POST \/help-requests\/:id\/status$/, 'Status van een hulpvraag doorgeven'],
  [/^GET \/help-requests\/:id$/, 'Hulpvraag bekeken'],
  [/^POST \/schuldregelingen\/:caseReference\/proposal\/preview$/, 'Voorstel berekenen'],
  [/^POST \/schuldregelingen\/:caseReference\/proposal$/, 'Betalingsvoorstel versturen'],
  [/^POST \/schuldregelingen\/:caseReference\/end$/, 'Regeling beëindigen'],
  [/^POST \/schuldregelingen$/, 'Schuldregeling starten'],
  [/^POST \/status-requests\/:messageId\/answer$/, 'Vraag van een schuldeiser beantwoorden'],
];
