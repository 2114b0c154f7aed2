import { api, query } from './api.js';
import { dateTime, duration, h, oinLabel, percent, replace, table } from './dom.js';

export async function renderOverdue(ctx) {
  const data = await api('GET', `/api/overdue${query({ days: 90 })}`);
  replace(
    ctx.main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, 'Overdue answers per creditor'),
      h(
        'span',
        { class: 'muted' },
        `answer rate and median over Kennisgevingen of the last ${data.windowDays} days`,
      ),
    ),
    h(
      'section',
      { class: 'figures' },
      h(
        'div',
        { class: 'figure card' },
        h('div', { class: 'figure-value', 'data-testid': 'total-overdue' }, String(data.totalOverdue)),
        h(
          'div',
          { class: 'figure-label' },
          'Kennisgevingen and BalanceRequests overdue now (Pauzeknop requests: own page)',
        ),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      table(
        [
          { label: 'creditor', cell: (c) => oinLabel(c.creditor, c.name) },
          {
            label: 'overdue',
            class: 'num',
            cell: (c) =>
              c.overdue
                ? h(
                    'a',
                    {
                      href: `#/messages${query({ state: 'OVERDUE', recipient: c.creditor })}`,
                      'data-testid': 'overdue-count',
                    },
                    String(c.overdue),
                  )
                : h('span', { 'data-testid': 'overdue-count' }, '0'),
          },
          { label: 'oldest deadline', cell: (c) => dateTime(c.oldestOverdueDeadline) },
          { label: 'Kennisgevingen', class: 'num', cell: (c) => c.kennisgevingen },
          { label: 'answered', class: 'num', cell: (c) => c.answered },
          {
            label: 'answer rate',
            class: 'num',
            cell: (c) => h('span', { 'data-testid': 'answer-rate' }, percent(c.answerRate)),
          },
          { label: 'median answer time', class: 'num', cell: (c) => duration(c.medianAnswerSeconds) },
        ],
        data.creditors.map((c) => ({ ...c, __id: c.creditor })),
        { testid: 'overdue', empty: 'No Kennisgevingen to creditors yet.' },
      ),
    ),
  );
}
