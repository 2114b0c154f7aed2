import { api } from './api.js';
import { badge, dateTime, h, oinLabel, replace, table } from './dom.js';

/** Residents' HelpRequests per municipality and overdue first contacts: metadata only (DESIGN §11). */
export async function renderPauzeknop(ctx) {
  const data = await api('GET', '/api/pauzeknop/overview');
  replace(
    ctx.main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, 'Pauzeknop requests'),
      h(
        'span',
        { class: 'muted' },
        'residents asking their municipality for help; first contact due within the working-day deadline',
      ),
    ),
    h(
      'section',
      { class: 'figures' },
      h(
        'div',
        { class: 'figure card' },
        h(
          'div',
          { class: 'figure-value', 'data-testid': 'pauzeknop-total-overdue' },
          String(data.totalOverdue),
        ),
        h('div', { class: 'figure-label' }, 'first contacts overdue now'),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Per municipality'),
      table(
        [
          { label: 'municipality', cell: (m) => oinLabel(m.municipality, m.name) },
          { label: 'requests', class: 'num', cell: (m) => m.total },
          { label: 'awaiting contact', class: 'num', cell: (m) => m.open },
          {
            label: 'overdue',
            class: 'num',
            cell: (m) => h('span', { 'data-testid': 'pauzeknop-overdue' }, String(m.overdue)),
          },
        ],
        data.municipalities.map((m) => ({ ...m, __id: m.municipality })),
        { testid: 'pauzeknop-municipalities', empty: 'No Pauzeknop requests yet.' },
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Recent requests'),
      table(
        [
          {
            label: 'reference',
            cell: (r) => h('code', { 'data-testid': 'pauzeknop-reference' }, r.reference ?? '—'),
          },
          { label: 'municipality', cell: (r) => oinLabel(r.municipality, r.municipalityName) },
          { label: 'sent at', cell: (r) => dateTime(r.sentAt) },
          { label: 'due by', cell: (r) => dateTime(r.dueBy) },
          { label: 'state', cell: (r) => badge(r.state) },
          { label: 'conversation', cell: (r) => r.conversationState ?? '—' },
          { label: 'message', cell: (r) => h('a', { href: `#/messages/${r.messageId}` }, 'timeline') },
        ],
        data.requests.map((r) => ({ ...r, __id: r.messageId })),
        { testid: 'pauzeknop-requests', empty: 'No Pauzeknop requests yet.' },
      ),
    ),
  );
}
