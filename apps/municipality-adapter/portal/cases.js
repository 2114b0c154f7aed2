// #/zaken: every case with each creditor's state at a glance; filters; refreshed every 5 s.
import { api, query } from './api.js';
import { badge, dateTime, field, h, replace, table } from './dom.js';
import { CREDITOR_STATE, CREDITOR_STATE_KIND } from './words.js';

const ATTENTION = [
  ['', 'Alle zaken'],
  ['overdue', 'Te laat (geen antwoord op tijd)'],
  ['declined', 'Geweigerd'],
  ['rejected', 'Niet aangenomen'],
];
const PAGE = 50;

export const caseHash = (caseReference) => `#/zaken/${encodeURIComponent(caseReference)}`;

/** One badge per creditor: its name (or OIN) and its state in words. */
export function creditorBadges(creditors) {
  return h(
    'span',
    { class: 'badges' },
    creditors.map((c) =>
      badge(
        `${c.name ?? c.oin}: ${CREDITOR_STATE[c.state] ?? c.state}`,
        CREDITOR_STATE_KIND[c.state] ?? 'sent',
      ),
    ),
  );
}

export async function renderCases(ctx) {
  const state = { attention: '', caseReference: '', offset: 0 };
  const list = h('div', { 'aria-live': 'polite' });
  const attention = h(
    'select',
    {
      'data-testid': 'filter-attention',
      onchange: () => {
        state.attention = attention.value;
        state.offset = 0;
        void load();
      },
    },
    ATTENTION.map(([value, label]) => h('option', { value }, label)),
  );
  const reference = h('input', {
    type: 'search',
    'data-testid': 'filter-reference',
    oninput: () => {
      state.caseReference = reference.value.trim();
      state.offset = 0;
      void load();
    },
  });
  const pager = h('div', { class: 'pager' });

  async function load() {
    const page = await api('GET', `/kennisgevingen${query({ ...state, limit: PAGE })}`);
    replace(
      list,
      table(
        [
          {
            label: 'Zaak',
            cell: (c) =>
              h('a', { href: caseHash(c.caseReference), 'data-testid': 'case-link' }, c.caseReference),
          },
          { label: 'Persoon', cell: (c) => c.debtorLabel ?? '—' },
          { label: 'Aangemaakt', cell: (c) => dateTime(c.createdAt) },
          { label: 'Schuldeisers', cell: (c) => creditorBadges(c.creditors) },
        ],
        page.items.map((c) => ({ ...c, __id: c.caseReference })),
        { testid: 'case-list', empty: 'Geen zaken gevonden.' },
      ),
    );
    replace(
      pager,
      state.offset > 0
        ? h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onclick: () => {
                state.offset = Math.max(0, state.offset - PAGE);
                void load();
              },
            },
            'Vorige',
          )
        : null,
      page.nextOffset !== undefined
        ? h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onclick: () => {
                state.offset = page.nextOffset;
                void load();
              },
            },
            'Volgende',
          )
        : null,
    );
  }

  replace(
    ctx.main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { tabindex: '-1' }, 'Zaken'),
      ctx.canEdit
        ? h('a', { class: 'button', href: '#/nieuw', 'data-editor-only': true }, 'Nieuwe zaak')
        : null,
    ),
    h('div', { class: 'filters card' }, field('Toon', attention), field('Zaaknummer begint met', reference)),
    list,
    pager,
  );
  await load();
  ctx.every(5000, () => load().catch(() => undefined));
}
