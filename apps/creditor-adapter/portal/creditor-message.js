// #/inbox/<messageId>: one request in words, with the answer form for editors.
import { api } from './api.js';
import { badge, date, dateTime, h, money, replace } from './dom.js';
import {
  ANSWER_STATUSES,
  ARRANGEMENT_TYPES,
  DECISIONS,
  DECLINE_REASONS,
  MESSAGE_TYPES,
  PROGRESS_STATUSES,
  PROPOSAL_DECISIONS,
  PROPOSAL_REJECT_REASONS,
  SIGNALS,
  label,
} from './creditor-labels.js';
import { facts } from './forms.js';
import { acknowledgementForm } from './creditor-answer-pause.js';
import { balanceForm } from './creditor-answer-balance.js';
import { proposalForm } from './creditor-answer-proposal.js';
import { statusRequestSection } from './creditor-status-request.js';

export async function renderInboxMessage(ctx, messageId) {
  const entry = await api('GET', `/inbox/${messageId}`);
  const { body } = entry.message;
  const answerArea = h('section', { 'data-testid': 'answer-area', 'aria-labelledby': 'answer-heading' });
  replace(
    ctx.main,
    h('p', {}, h('a', { href: '#/inbox', 'data-testid': 'back-to-inbox' }, '← Terug naar de inbox')),
    h('h1', { tabindex: '-1', 'data-testid': 'message-title' }, label(MESSAGE_TYPES, entry.type)),
    facts('message-facts', [
      ['Ontvangen', dateTime(entry.receivedAt)],
      ['Van', whoText(body, entry.sender)],
      ['Contactpersoon', counsellorText(body.counsellor)],
      ['Zaaknummer', body.caseReference ?? entry.caseReference, 'fact-case'],
      ['Uw klantnummer', body.creditorCustomerNumber],
      ['Facturen', (body.invoiceNumbers ?? []).join(', ')],
      ['Status', stateBadge(entry), 'fact-state'],
    ]),
    ...debtorSection(body),
    ...aboutSection(entry.type, body),
    answerArea,
    statusRequestSection(ctx, entry),
  );
  renderAnswerArea(ctx, entry, answerArea);
}

function renderAnswerArea(ctx, entry, area) {
  if (entry.answer) {
    replace(area, h('h2', { id: 'answer-heading' }, 'Uw antwoord'), answerFacts(entry.answer));
    followDelivery(ctx, entry, area);
    return;
  }
  const form = formFor(entry);
  if (!form) {
    area.hidden = true;
    return;
  }
  if (!ctx.canEdit) {
    replace(
      area,
      h('h2', { id: 'answer-heading' }, 'Antwoord'),
      h(
        'p',
        { 'data-testid': 'viewer-note' },
        'U kunt dit verzoek bekijken. Alleen een bewerker kan het beantwoorden.',
      ),
    );
    return;
  }
  const answered = async (updated) => {
    ctx.flash('Uw antwoord is verstuurd.', 'ok');
    await renderInboxMessage(ctx, updated.messageId);
  };
  replace(area, h('h2', { id: 'answer-heading' }, 'Antwoord geven'), form(entry, answered));
}

/** Until the answer is delivered or refused, its delivery state is fetched again every few seconds. */
function followDelivery(ctx, entry, area) {
  let status = entry.answer.status;
  ctx.every(3000, async () => {
    if (status === 'DELIVERED' || status === 'REJECTED') {
      return;
    }
    const fresh = await api('GET', `/inbox/${entry.messageId}`).catch(() => null);
    if (fresh?.answer && fresh.answer.status !== status) {
      status = fresh.answer.status;
      replace(area, h('h2', { id: 'answer-heading' }, 'Uw antwoord'), answerFacts(fresh.answer));
    }
  });
}

function formFor(entry) {
  switch (entry.type) {
    case 'Kennisgeving':
      return acknowledgementForm;
    case 'BalanceRequest':
      return balanceForm;
    case 'PaymentProposal':
      return proposalForm;
    default:
      return null;
  }
}

function whoText(body, sender) {
  if (body.municipality) {
    return `${body.municipality.name} (gemeentecode ${body.municipality.code})`;
  }
  return `Partij met OIN ${sender}`;
}

function counsellorText(counsellor) {
  if (!counsellor) {
    return '';
  }
  return [counsellor.name, counsellor.organisation, counsellor.email, counsellor.phone]
    .filter(Boolean)
    .join(', ');
}

function stateBadge(entry) {
  if (entry.state === 'NEW') {
    return badge('Nieuw: wacht op antwoord', 'warn');
  }
  if (entry.state === 'ANSWERED') {
    return badge('Beantwoord', 'accepted');
  }
  return badge('Ter informatie', 'new');
}

function personName(person) {
  const name = [person.givenNames, person.surnamePrefix, person.surname].filter(Boolean).join(' ');
  return person.initials ? `${name} (${person.initials})` : name;
}

function addressText(address) {
  const number = `${address.houseNumber}${address.houseLetter ?? ''}${address.houseNumberAddition ? `-${address.houseNumberAddition}` : ''}`;
  return `${address.street} ${number}, ${address.postcode} ${address.city}`;
}

function debtorSection(body) {
  if (!body.debtor) {
    return [];
  }
  const { debtor, partner } = body;
  return [
    h('h2', {}, 'Debiteur (zoals ontvangen)'),
    facts('debtor-facts', [
      ['Naam', personName(debtor), 'debtor-name'],
      ['Geboortedatum', date(debtor.birthDate)],
      ['BSN', debtor.bsn],
      ['Adres', addressText(debtor.address)],
      ['Partner', partner ? `${personName(partner)}, geboren ${date(partner.birthDate)}` : ''],
      ['Soort verzoek', body.variant === 'PUBLIC' ? 'Met BSN (publieke schuldeiser)' : 'Zonder BSN'],
    ]),
  ];
}

function aboutSection(type, body) {
  switch (type) {
    case 'Kennisgeving':
      return [
        h('h2', {}, 'Gevraagde pauze'),
        facts('pause-facts', [
          ['Toegelaten tot de schuldhulp op', date(body.admissionDate)],
          ['Pauze vanaf', date(body.pause.start), 'pause-start'],
          ['Pauze tot en met', date(body.pause.end), 'pause-end'],
          ['Signaal', label(SIGNALS, body.signal ?? 4)],
        ]),
      ];
    case 'BalanceRequest':
      return [
        h(
          'p',
          { 'data-testid': 'balance-intro' },
          body.collective
            ? 'De gemeente vraagt een saldo-opgave voor Collectief Schuldregelen, en of u vooraf akkoord geeft.'
            : 'De gemeente vraagt een saldo-opgave: welke vorderingen u op deze debiteur heeft.',
        ),
      ];
    case 'PaymentProposal':
      return [
        h('h2', {}, 'Het voorstel'),
        facts('proposal-facts', [
          ['Soort regeling', label(ARRANGEMENT_TYPES, body.arrangementType)],
          ['Uw vordering', money(body.creditorTotalCents)],
          ['Afkooppercentage', `${String(body.payoutPercentage).replace('.', ',')} %`],
          ['Aangeboden bedrag', money(body.offeredAmountCents), 'proposal-offered'],
          ['Looptijd', body.termMonths ? `${body.termMonths} maanden` : ''],
        ]),
      ];
    case 'ProgressUpdate':
      return [
        facts('progress-facts', [
          ['Wat er is gebeurd', label(PROGRESS_STATUSES, body.status)],
          ['Nieuw einde van de pauze', body.newPauseEnd ? date(body.newPauseEnd) : ''],
          ['Toelichting', body.note],
        ]),
      ];
    default:
      return [];
  }
}

function answerFacts(answer) {
  const decision = answer.decision
    ? (DECISIONS[answer.decision] ?? PROPOSAL_DECISIONS[answer.decision] ?? answer.decision)
    : answer.known === false
      ? 'Debiteur niet bekend'
      : answer.known
        ? 'Saldo opgegeven'
        : '';
  return facts('answer-facts', [
    ['Besluit', decision, 'answer-decision'],
    ['Gepauzeerd tot en met', answer.pausedUntil ? date(answer.pausedUntil) : ''],
    ['Reden', answer.declineReason ? label(DECLINE_REASONS, answer.declineReason) : ''],
    ['Reden', answer.rejectReason ? label(PROPOSAL_REJECT_REASONS, answer.rejectReason) : ''],
    [
      'Totaal openstaand',
      answer.totalOutstandingCents !== undefined ? money(answer.totalOutstandingCents) : '',
    ],
    ['Vooraf akkoord', answer.preApproval === undefined ? '' : answer.preApproval ? 'Ja' : 'Nee'],
    [
      'Beantwoord',
      `${dateTime(answer.answeredAt)} (${answer.answeredBy === 'AUTO' ? 'automatisch' : 'met de hand'})`,
    ],
    ['Bezorging', label(ANSWER_STATUSES, answer.status), 'answer-status'],
  ]);
}
