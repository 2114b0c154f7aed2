import { api } from './api.js';
import { meta } from './meta.js';
import { badge, dateTime, duration, h, oinLabel, replace, table } from './dom.js';

const REFRESH_MS = 3000;

export async function renderDashboard(ctx) {
  const { messageTypes } = await meta();
  const body = h('div', { class: 'dashboard', 'data-testid': 'dashboard' });
  const stamp = h('span', { class: 'muted', 'data-testid': 'dashboard-updated' });
  replace(ctx.main, h('div', { class: 'page-head' }, h('h1', {}, 'Dashboard'), stamp), body);
  const refresh = async () => {
    try {
      const stats = await api('GET', '/api/stats');
      replace(body, ...view(stats, messageTypes));
      stamp.textContent = `updated ${dateTime(stats.generatedAt)} · refreshes every ${REFRESH_MS / 1000} s`;
    } catch (error) {
      stamp.textContent = `refresh failed: ${error.message}`;
    }
  };
  await refresh();
  ctx.every(REFRESH_MS, refresh);
}

function figure(label, value, testid, hint) {
  return h(
    'div',
    { class: 'figure card' },
    h('div', { class: 'figure-value', 'data-testid': testid }, String(value)),
    h('div', { class: 'figure-label' }, label),
    hint ? h('div', { class: 'muted' }, hint) : null,
  );
}

function view(stats, types) {
  const lastMinute = stats.messagesPerMinute[stats.messagesPerMinute.length - 1];
  const oldest = stats.oldestUndelivered;
  const totalNow = Object.values(stats.states).reduce((a, b) => a + b, 0);
  return [
    h(
      'section',
      { class: 'figures' },
      figure('messages in the last hour', stats.messagesLastHour, 'fig-last-hour'),
      figure('this minute', lastMinute.total, 'fig-this-minute'),
      figure('outbox backlog', stats.outboxBacklog, 'fig-outbox'),
      figure('open dead letters', stats.openDeadLetters, 'fig-dead-letters'),
      figure(
        'oldest undelivered',
        oldest ? duration(oldest.ageSeconds) : 'none',
        'fig-oldest',
        oldest
          ? h('a', { href: `#/messages/${oldest.messageId}` }, `${oldest.type} to ${oldest.recipient ?? '?'}`)
          : null,
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Messages per minute, last 60 minutes'),
      chart(stats.messagesPerMinute, types),
    ),
    h(
      'div',
      { class: 'columns' },
      h(
        'section',
        { class: 'card' },
        h('h2', {}, `States now (${totalNow})`),
        table(
          [
            { label: 'state', cell: (r) => h('a', { href: `#/messages?state=${r.state}` }, badge(r.state)) },
            {
              label: 'messages',
              class: 'num',
              cell: (r) => h('span', { 'data-testid': `state-${r.state}` }, r.count),
            },
          ],
          Object.entries(stats.states).map(([state, count]) => ({ state, count })),
          { testid: 'states' },
        ),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Rejections by reason, 24 h'),
        table(
          [
            { label: 'reason code', cell: (r) => h('code', {}, r.reason) },
            {
              label: 'messages',
              class: 'num',
              cell: (r) => h('span', { 'data-testid': `rejections-${r.reason}` }, r.count),
            },
          ],
          Object.entries(stats.rejectionsByReason24h).map(([reason, count]) => ({ reason, count })),
          { testid: 'rejections', empty: 'No rejections in the last 24 hours.' },
        ),
        h('h3', {}, 'Dead letters by reason, 24 h'),
        table(
          [
            { label: 'reason code', cell: (r) => h('code', {}, r.reason) },
            { label: 'count', class: 'num', cell: (r) => r.count },
          ],
          Object.entries(stats.deadLettersByReason24h).map(([reason, count]) => ({ reason, count })),
          { empty: 'None.' },
        ),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, `BalanceRequests per creditor, ${stats.balanceRequests.windowDays} days`),
        table(
          [
            { label: 'creditor', cell: (r) => oinLabel(r.creditor, null) },
            { label: 'routed', class: 'num', cell: (r) => r.routed },
            { label: 'answered', class: 'num', cell: (r) => r.answered },
            { label: 'median answer', class: 'num', cell: (r) => duration(r.medianAnswerSeconds) },
            {
              label: 'vooraf akkoord',
              class: 'num',
              cell: (r) => (r.preApprovalShare === null ? '—' : `${Math.round(r.preApprovalShare * 100)}%`),
            },
          ],
          stats.balanceRequests.creditors.map((r) => ({ ...r, __id: r.creditor })),
          { testid: 'balance-requests', empty: 'No BalanceRequests yet.' },
        ),
        h('h3', {}, 'Queue depth'),
        table(
          [
            { label: 'queue', cell: (r) => (r.oin ? oinLabel(r.oin, r.name) : h('code', {}, r.queue)) },
            { label: 'status', cell: (r) => (r.status ? badge(r.status) : '') },
            { label: 'waiting', class: 'num', cell: (r) => (r.depth === null ? 'missing' : r.depth) },
          ],
          stats.queues,
          { testid: 'queues' },
        ),
      ),
    ),
  ];
}

/** Stacked bars per minute and type, drawn with divs: no chart library. */
function chart(series, types) {
  const max = Math.max(1, ...series.map((m) => m.total));
  return h(
    'div',
    { class: 'chart-wrap' },
    h(
      'div',
      {
        class: 'chart',
        'data-testid': 'per-minute-chart',
        role: 'img',
        'aria-label': 'messages per minute by type',
      },
      series.map((m) =>
        h(
          'div',
          {
            class: 'bar',
            title: `${m.minute}: ${m.total} (${types.map((t) => `${t} ${m.byType[t] ?? 0}`).join(', ')})`,
          },
          types.map((t) =>
            m.byType[t]
              ? h('div', { class: `seg seg-${t}`, style: { height: `${(100 * m.byType[t]) / max}%` } })
              : null,
          ),
        ),
      ),
    ),
    h(
      'div',
      { class: 'legend' },
      types.map((t) => h('span', {}, h('i', { class: `seg-${t}` }), t)),
    ),
  );
}
