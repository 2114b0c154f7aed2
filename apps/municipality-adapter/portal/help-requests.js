// #/hulpvragen: residents who pressed the Pauzeknop (DESIGN §11), urgent first, with the deadline
// for first contact; #/hulpvragen/<id>: the resident's data and the status buttons (editors only),
// each with a confirm step. Toegelaten leads to the new-case form, pre-filled, with signal 1.
import { api } from './api.js';
import { badge, dateTime, h, replace, table } from './dom.js';
import { debtorFacts } from './case.js';

export const HELP_STATUS = {
  NEW: 'Nieuw',
  CONTACTED: 'Gecontacteerd',
  ADMITTED: 'Toegelaten',
  REFERRED: 'Doorverwezen',
  NOT_ADMITTED: 'Niet toegelaten',
};
const HELP_STATUS_KIND = {
  NEW: 'new',
  CONTACTED: 'sent',
  ADMITTED: 'accepted',
  REFERRED: 'sent',
  NOT_ADMITTED: 'declined',
};
const RANK = { NEW: 0, CONTACTED: 1, ADMITTED: 2, REFERRED: 2, NOT_ADMITTED: 2 };

/** What the buttons say, and what the confirm step asks. */
const ACTIONS = [
  ['CONTACTED', 'Gecontacteerd', 'Heeft u contact gehad met deze persoon?'],
  ['ADMITTED', 'Toegelaten', 'Is deze persoon toegelaten? U maakt daarna de zaak aan (signaal 1).'],
  ['REFERRED', 'Doorverwezen', 'Is deze persoon doorverwezen naar een andere organisatie?'],
  ['NOT_ADMITTED', 'Niet toegelaten', 'Is deze persoon niet toegelaten?'],
];

export const helpRequestHash = (id) => `#/hulpvragen/${encodeURIComponent(id)}`;

/** The deadline in words: overdue, or by when contact is due. */
function deadlineWords(r) {
  if (r.overdue) {
    return h(
      'span',
      {},
      badge('Te laat', 'overdue'),
      ` contact was nodig uiterlijk ${dateTime(r.contactDueAt)}`,
    );
  }
  if (r.status === 'NEW') {
    return `Contact uiterlijk ${dateTime(r.contactDueAt)}`;
  }
  return '—';
}

export async function renderHelpRequests(ctx) {
  const list = h('div', { 'aria-live': 'polite' });
  async function load() {
    const page = await api('GET', '/help-requests?limit=200');
    replace(
      list,
      table(
        [
          {
            label: 'Hulpvraag',
            cell: (r) =>
              h('a', { href: helpRequestHash(r.id), 'data-testid': 'help-request-link' }, r.reference),
          },
          { label: 'Persoon', cell: (r) => r.residentLabel },
          { label: 'Spoed', cell: (r) => (r.urgent ? badge('Spoed', 'warn') : 'Nee') },
          { label: 'Ontvangen', cell: (r) => dateTime(r.receivedAt) },
          { label: 'Eerste contact', cell: deadlineWords },
          {
            label: 'Status',
            cell: (r) => badge(HELP_STATUS[r.status] ?? r.status, HELP_STATUS_KIND[r.status]),
          },
        ],
        page.items.map((r) => ({ ...r, __id: r.id })),
        { testid: 'help-request-list', empty: 'Er zijn geen hulpvragen.' },
      ),
    );
  }
  replace(
    ctx.main,
    h('h1', { tabindex: '-1' }, 'Hulpvragen'),
    h(
      'p',
      { class: 'muted' },
      'Mensen die zelf om hulp vroegen met de Pauzeknop. Spoed staat bovenaan, daarna wie het eerst gebeld moet worden.',
    ),
    list,
  );
  await load();
  ctx.every(5000, () => load().catch(() => undefined));
}

function contactFacts(r) {
  return h(
    'dl',
    { class: 'facts', 'data-testid': 'help-contact' },
    h('dt', {}, 'Telefoon'),
    h('dd', {}, r.contact.phone ?? '—'),
    h('dt', {}, 'E-mail'),
    h('dd', {}, r.contact.email ?? '—'),
    h('dt', {}, 'Toelichting'),
    h('dd', { class: 'pre-line' }, r.description ?? '—'),
    h('dt', {}, 'Toestemming gegeven'),
    h('dd', {}, dateTime(r.consentAt)),
  );
}

function statusFacts(r) {
  return h(
    'dl',
    { class: 'facts', 'data-testid': 'help-status' },
    h('dt', {}, 'Status'),
    h('dd', { 'data-testid': 'help-status-value' }, HELP_STATUS[r.status] ?? r.status),
    h('dt', {}, 'Spoed'),
    h('dd', {}, r.urgent ? 'Ja: huisuitzetting, afsluiting of beslag dreigt' : 'Nee'),
    h('dt', {}, 'Ontvangen'),
    h('dd', {}, dateTime(r.receivedAt)),
    h('dt', {}, 'Eerste contact'),
    h('dd', { 'data-testid': 'help-deadline' }, r.status === 'NEW' ? deadlineWords(r) : 'Gedaan'),
    r.caseReference
      ? [
          h('dt', {}, 'Zaak'),
          h('dd', {}, h('a', { href: `#/zaken/${encodeURIComponent(r.caseReference)}` }, r.caseReference)),
        ]
      : null,
  );
}

/** The status buttons that may follow the current status, each asking to confirm first. */
function statusButtons(ctx, r, reload) {
  const confirmBox = h('div', {
    class: 'card',
    'data-testid': 'help-confirm',
    hidden: true,
    role: 'group',
    'aria-label': 'Bevestigen',
  });
  const error = h('div', { class: 'error', role: 'alert', hidden: true });
  const allowed = ACTIONS.filter(([status]) => RANK[status] > RANK[r.status] && RANK[r.status] < 2);
  if (allowed.length === 0) {
    return null;
  }
  function ask(status, label, question) {
    const yes = h(
      'button',
      {
        type: 'button',
        'data-testid': 'help-confirm-yes',
        onclick: async () => {
          if (status === 'ADMITTED') {
            ctx.go(`${helpRequestHash(r.id)}/toelaten`);
            return;
          }
          yes.disabled = true;
          try {
            await api('POST', `/help-requests/${encodeURIComponent(r.id)}/status`, { status });
            ctx.flash(`Status doorgegeven: ${label}.`, 'ok');
            await reload();
          } catch (e) {
            error.textContent = `Doorgeven lukte niet: ${e.message}`;
            error.hidden = false;
            yes.disabled = false;
          }
        },
      },
      status === 'ADMITTED' ? 'Ja, zaak aanmaken' : `Ja, ${label.toLowerCase()}`,
    );
    const no = h(
      'button',
      { type: 'button', class: 'secondary', onclick: () => (confirmBox.hidden = true) },
      'Annuleren',
    );
    replace(confirmBox, h('p', {}, question), yes, ' ', no);
    confirmBox.hidden = false;
    yes.focus();
  }
  return h(
    'section',
    { class: 'card', 'data-editor-only': true },
    h('h2', {}, 'Status doorgeven'),
    h(
      'div',
      { class: 'badges' },
      allowed.map(([status, label, question]) =>
        h(
          'button',
          {
            type: 'button',
            'data-testid': `help-action-${status}`,
            onclick: () => ask(status, label, question),
          },
          label,
        ),
      ),
    ),
    confirmBox,
    error,
  );
}

export async function renderHelpRequest(ctx, id) {
  const body = h('div');
  async function reload() {
    const r = await api('GET', `/help-requests/${encodeURIComponent(id)}`);
    replace(
      body,
      h('h1', { tabindex: '-1', 'data-testid': 'help-title' }, `Hulpvraag ${r.reference}`),
      h('section', { class: 'card' }, h('h2', {}, 'Stand van zaken'), statusFacts(r)),
      h('section', { class: 'card' }, h('h2', {}, 'Persoon'), debtorFacts(r.resident)),
      h('section', { class: 'card' }, h('h2', {}, 'Contact'), contactFacts(r)),
      ctx.canEdit ? statusButtons(ctx, r, reload) : null,
    );
  }
  replace(ctx.main, h('p', {}, h('a', { href: '#/hulpvragen' }, '← Alle hulpvragen')), body);
  await reload();
}
