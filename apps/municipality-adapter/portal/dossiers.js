// #/regelingen and #/regelingen/<caseReference>: debt arrangement dossiers, balances per creditor,
// and the proposal calculator (offers shown through the preview route before anything is sent).
import { api } from './api.js';
import { badge, date, dateTime, h, money, replace, table } from './dom.js';
import { proposalCalculator } from './calculator.js';
import {
  DOSSIER_CREDITOR_STATE,
  DOSSIER_STATE,
  PROPOSAL_REJECT_REASON,
  REASON_CODE,
  words,
} from './words.js';

const dossierHash = (caseReference) => `#/regelingen/${encodeURIComponent(caseReference)}`;

export async function renderDossiers(ctx) {
  const page = await api('GET', '/schuldregelingen?limit=200');
  replace(
    ctx.main,
    h('h1', { tabindex: '-1' }, 'Schuldregelingen'),
    table(
      [
        {
          label: 'Zaak',
          cell: (d) =>
            h('a', { href: dossierHash(d.caseReference), 'data-testid': 'dossier-link' }, d.caseReference),
        },
        { label: 'Stand', cell: (d) => badge(words(DOSSIER_STATE, d.state), 'sent') },
        { label: 'Saldo’s binnen', cell: (d) => `${d.answered} van ${d.creditors}`, class: 'num' },
        { label: 'Totale schuld tot nu toe', cell: (d) => money(d.totalDebtCents), class: 'num' },
        { label: 'Geopend', cell: (d) => dateTime(d.createdAt) },
      ],
      page.items.map((d) => ({ ...d, __id: d.caseReference })),
      { testid: 'dossier-list', empty: 'Nog geen schuldregelingen.' },
    ),
  );
}

function response(c) {
  if (!c.response) {
    return '—';
  }
  const decision = c.response.decision === 'ACCEPTED' ? 'Aangenomen' : 'Afgewezen';
  const reason = c.response.rejectReason
    ? ` — ${words(PROPOSAL_REJECT_REASON, c.response.rejectReason)}`
    : '';
  const pre = c.response.byPreApproval ? ' (vooraf akkoord)' : '';
  return `${decision}${pre}${reason}`;
}

export async function renderDossier(ctx, caseReference) {
  const dossier = await api('GET', `/schuldregelingen/${encodeURIComponent(caseReference)}`);
  const names = new Map();
  try {
    for (const entry of await api('GET', '/directory')) {
      names.set(entry.oin, entry.name);
    }
  } catch {
    /* OINs are shown anyway */
  }
  const facts = [
    ['Stand', words(DOSSIER_STATE, dossier.state)],
    ['Totale schuld', money(dossier.totalDebtCents)],
    ['Collectief (vooraf akkoord gevraagd)', dossier.collective ? 'Ja' : 'Nee'],
  ];
  if (dossier.payoutPercentage) {
    facts.push(['Afgesproken percentage', `${dossier.payoutPercentage.replace('.', ',')} %`]);
    facts.push(['Looptijd', `${date(dossier.startDate)} tot ${date(dossier.endDate)}`]);
  }
  replace(
    ctx.main,
    h('p', {}, h('a', { href: '#/regelingen' }, '← Alle schuldregelingen')),
    h('h1', { tabindex: '-1', 'data-testid': 'dossier-title' }, `Schuldregeling ${caseReference}`),
    h(
      'section',
      { class: 'card' },
      h(
        'dl',
        { class: 'facts' },
        facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Schuldeisers'),
      table(
        [
          {
            label: 'Schuldeiser',
            cell: (c) => h('span', {}, names.get(c.oin) ? `${names.get(c.oin)} ` : '', h('code', {}, c.oin)),
          },
          {
            label: 'Stand',
            cell: (c) =>
              `${words(DOSSIER_CREDITOR_STATE, c.state)}${c.overdue ? ' (te laat)' : ''}${c.reasonCode ? ` — ${words(REASON_CODE, c.reasonCode)}` : ''}`,
          },
          { label: 'Saldo', cell: (c) => money(c.totalOutstandingCents), class: 'num' },
          { label: 'Vorderingen', cell: (c) => String(c.claims?.length ?? 0), class: 'num' },
          {
            label: 'Voorstel',
            cell: (c) => (c.proposal ? money(c.proposal.offeredAmountCents) : '—'),
            class: 'num',
          },
          { label: 'Antwoord', cell: response },
        ],
        dossier.creditors.map((c) => ({ ...c, __id: c.oin })),
        { testid: 'dossier-creditors' },
      ),
    ),
    dossier.state === 'AWAITING_BALANCES' || dossier.state === 'BALANCES_COMPLETE'
      ? h(
          'section',
          { class: 'card' },
          h('h2', {}, 'Rekenhulp voor het voorstel'),
          proposalCalculator(ctx, dossier, names, () => renderDossier(ctx, caseReference)),
        )
      : null,
  );
}
