// #/zaken/<caseReference>: the debtor, per creditor the state in words, the timeline, and the
// progress update (extend or end the pause; editors only). Refreshed every 3 s.
import { api } from './api.js';
import { date, dateTime, h, replace, table } from './dom.js';
import { progressForm } from './progress-form.js';
import {
  CREDITOR_STATE,
  CREDITOR_STATE_KIND,
  DECLINE_REASON,
  EVENT_KIND,
  REASON_CODE,
  words,
} from './words.js';

function address(a) {
  const number = [a.houseNumber, a.houseLetter, a.houseNumberAddition ? `-${a.houseNumberAddition}` : '']
    .filter(Boolean)
    .join('');
  return `${a.street} ${number}, ${a.postcode} ${a.city}`;
}

export function debtorFacts(debtor) {
  if (!debtor) {
    return h('p', { class: 'muted' }, 'De gegevens van de persoon zijn niet bewaard bij deze zaak.');
  }
  const name = [debtor.initials, debtor.givenNames, debtor.surnamePrefix, debtor.surname]
    .filter(Boolean)
    .join(' ');
  return h(
    'dl',
    { class: 'facts', 'data-testid': 'debtor' },
    h('dt', {}, 'Naam'),
    h('dd', {}, name),
    h('dt', {}, 'Geboortedatum'),
    h('dd', {}, date(debtor.birthDate)),
    h('dt', {}, 'BSN'),
    h('dd', {}, debtor.bsn ?? '—'),
    h('dt', {}, 'Adres'),
    h('dd', {}, address(debtor.address)),
  );
}

/** The reason in words: why the hub did not take it, or why the creditor declined. */
function reason(c) {
  if (c.state === 'REJECTED' || c.reasonCode) {
    return words(REASON_CODE, c.reasonCode);
  }
  if (c.declineReason) {
    return words(DECLINE_REASON, c.declineReason);
  }
  return '';
}

function creditorRows(creditors, names) {
  if (creditors.length === 0) {
    return h('p', { class: 'empty' }, 'Geen schuldeisers.');
  }
  return h(
    'table',
    { 'data-testid': 'creditor-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Schuldeiser', 'Stand', 'Reden', 'Gepauzeerd tot', 'Antwoord uiterlijk'].map((label) =>
          h('th', {}, label),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      creditors.map((c) =>
        h(
          'tr',
          { 'data-testid': 'creditor-row', 'data-oin': c.creditor },
          h('td', {}, names.get(c.creditor) ? `${names.get(c.creditor)} ` : '', h('code', {}, c.creditor)),
          h(
            'td',
            {},
            h(
              'span',
              {
                'data-testid': 'creditor-state',
                class: `badge badge-${CREDITOR_STATE_KIND[c.state] ?? 'sent'}`,
              },
              CREDITOR_STATE[c.state] ?? c.state,
            ),
          ),
          h('td', { 'data-testid': 'creditor-reason' }, reason(c)),
          h('td', { 'data-testid': 'paused-until' }, c.pausedUntil ? date(c.pausedUntil) : '—'),
          h(
            'td',
            {},
            c.state === 'SENT' || c.state === 'ACCEPTED' || c.state === 'DELIVERED'
              ? dateTime(c.answerDeadline)
              : '—',
          ),
        ),
      ),
    ),
  );
}

function timeline(creditors, names) {
  const events = creditors
    .flatMap((c) => c.events.map((e) => ({ ...e, creditor: names.get(c.creditor) ?? c.creditor })))
    .sort((a, b) => b.at.localeCompare(a.at));
  return table(
    [
      { label: 'Moment', cell: (e) => dateTime(e.at) },
      { label: 'Schuldeiser', cell: (e) => e.creditor },
      { label: 'Wat er gebeurde', cell: (e) => EVENT_KIND[e.kind] ?? e.kind },
    ],
    events,
    { testid: 'timeline', empty: 'Nog niets gebeurd.' },
  );
}

export async function renderCase(ctx, caseReference) {
  const names = new Map();
  try {
    for (const entry of await api('GET', '/directory')) {
      names.set(entry.oin, entry.name);
    }
  } catch {
    /* names are a courtesy: OINs are shown anyway */
  }
  const path = `/kennisgevingen/${encodeURIComponent(caseReference)}`;
  const first = await api('GET', path);
  const creditorsBox = h('div', { 'aria-live': 'polite' });
  const timelineBox = h('div');
  const pauseStart = first.creditors
    .flatMap((c) => c.events)
    .find((e) => e.kind === 'SENT' && e.detail?.pauseStart)?.detail.pauseStart;

  function show(view) {
    replace(creditorsBox, creditorRows(view.creditors, names));
    replace(timelineBox, timeline(view.creditors, names));
  }

  replace(
    ctx.main,
    h('p', {}, h('a', { href: '#/zaken' }, '← Alle zaken')),
    h('h1', { tabindex: '-1', 'data-testid': 'case-title' }, `Zaak ${caseReference}`),
    h('section', { class: 'card' }, h('h2', {}, 'Persoon'), debtorFacts(first.debtor)),
    h('section', { class: 'card' }, h('h2', {}, 'Schuldeisers'), creditorsBox),
    ctx.canEdit
      ? h(
          'section',
          { class: 'card', 'data-editor-only': true },
          h('h2', {}, 'Voortgang doorgeven'),
          progressForm(ctx, caseReference, pauseStart, async () => show(await api('GET', path))),
        )
      : null,
    h('section', { class: 'card' }, h('h2', {}, 'Tijdlijn'), timelineBox),
  );
  show(first);
  ctx.every(3000, async () => {
    try {
      show(await api('GET', path));
    } catch {
      /* the next refresh tries again; a 401 ends the session through the shell */
    }
  });
}
