// #/inbox: requests received, newest first, refreshed every 5 seconds.
import { api, query } from './api.js';
import { badge, dateTime, h, replace, table } from './dom.js';
import { INBOX_STATES, MESSAGE_TYPES, label } from './creditor-labels.js';
import { select } from './forms.js';

const REFRESH_MS = 5000;
/** the filter chosen last, kept while the page is open (no personal data) */
const filter = { state: 'NEW', type: '' };

export async function renderInbox(ctx) {
  const list = h('div', { 'data-testid': 'inbox-list', 'aria-live': 'polite' });
  const stateSelect = select(
    'state',
    { '': 'Alle berichten', ...INBOX_STATES },
    {
      testid: 'inbox-filter-state',
      value: filter.state,
    },
  );
  const typeSelect = select(
    'type',
    { '': 'Alle soorten', ...pick(MESSAGE_TYPES, ANSWERABLE_AND_NEWS) },
    {
      testid: 'inbox-filter-type',
      value: filter.type,
    },
  );
  let shown = null;
  const load = async () => {
    const { messages } = await api(
      'GET',
      `/inbox${query({ state: filter.state, type: filter.type, limit: 100 })}`,
    );
    // redrawn only when something changed, so a keyboard user's focus stays where it is
    const fingerprint = JSON.stringify(messages);
    if (fingerprint !== shown) {
      shown = fingerprint;
      replace(list, inboxTable(messages));
    }
  };
  const onChange = () => {
    filter.state = stateSelect.value;
    filter.type = typeSelect.value;
    void load().catch((error) => ctx.flash(error.message, 'error'));
  };
  stateSelect.onchange = onChange;
  typeSelect.onchange = onChange;
  replace(
    ctx.main,
    h('h1', { tabindex: '-1' }, 'Inbox'),
    h(
      'p',
      {},
      'Verzoeken van gemeenten. Nieuwe verzoeken wachten op uw antwoord. De lijst ververst zichzelf elke 5 seconden.',
    ),
    h(
      'form',
      { class: 'filters', 'data-testid': 'inbox-filters', onsubmit: (event) => event.preventDefault() },
      h('label', {}, 'Toon ', stateSelect),
      h('label', {}, 'Soort ', typeSelect),
    ),
    list,
  );
  await load();
  ctx.every(REFRESH_MS, () => load().catch(() => undefined));
}

const ANSWERABLE_AND_NEWS = [
  'Kennisgeving',
  'ProgressUpdate',
  'BalanceRequest',
  'PaymentProposal',
  'ArrangementAgreed',
  'ArrangementEnded',
  'StatusRequest',
];

function pick(table, keys) {
  return Object.fromEntries(keys.map((key) => [key, table[key]]));
}

function inboxTable(messages) {
  return table(
    [
      { label: 'Ontvangen', cell: (m) => dateTime(m.receivedAt) },
      {
        label: 'Soort',
        cell: (m) =>
          h(
            'a',
            { href: `#/inbox/${m.messageId}`, 'data-testid': 'inbox-open' },
            label(MESSAGE_TYPES, m.type),
          ),
      },
      { label: 'Van', cell: (m) => m.municipality?.name ?? m.sender },
      { label: 'Zaak', cell: (m) => m.caseReference ?? '' },
      { label: 'Status', cell: stateCell },
    ],
    messages.map((m) => ({ ...m, __id: m.messageId })),
    { testid: 'inbox-table', empty: 'Er zijn geen berichten die bij dit filter passen.' },
  );
}

const ANSWER_WORDS = {
  PAUSED: 'gepauzeerd',
  DECLINED: 'geweigerd',
  ACCEPTED: 'akkoord',
  REJECTED: 'niet akkoord',
};

function stateCell(m) {
  if (m.state === 'NEW') {
    return badge('Nieuw: wacht op antwoord', 'warn');
  }
  if (m.state === 'ANSWERED') {
    const words =
      ANSWER_WORDS[m.answer?.decision] ?? (m.answer?.known !== undefined ? 'saldo opgegeven' : '');
    return badge(
      words ? `Beantwoord: ${words}` : 'Beantwoord',
      m.answer?.status === 'REJECTED' ? 'bad' : 'accepted',
    );
  }
  return badge('Ter informatie', 'new');
}
