import { api, query } from './api.js';
import { meta } from './meta.js';
import { badge, dateTime, field, h, oinLabel, replace, table } from './dom.js';

const FILTERS = ['type', 'state', 'sender', 'recipient', 'conversationId', 'since', 'until'];

function select(name, options, value) {
  return h(
    'select',
    { name, 'data-testid': `filter-${name}` },
    h('option', { value: '' }, 'any'),
    options.map((o) => h('option', { value: o, selected: o === value }, o)),
  );
}

/** datetime-local shows local time; the API takes RFC 3339. */
function toLocalInput(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

const messageColumns = (linkSelf = true) => [
  { label: 'received', cell: (m) => dateTime(m.receivedAt) },
  { label: 'type', cell: (m) => m.type },
  {
    label: 'state',
    cell: (m) =>
      h('span', {}, badge(m.state), m.reasonCode ? h('code', { class: 'reason' }, ` ${m.reasonCode}`) : ''),
  },
  { label: 'from', cell: (m) => oinLabel(m.sender, m.senderName) },
  { label: 'to', cell: (m) => oinLabel(m.recipient, m.recipientName) },
  {
    label: 'messageId',
    cell: (m) =>
      linkSelf
        ? h(
            'a',
            { href: `#/messages/${m.messageId}`, 'data-testid': 'message-link' },
            h('code', {}, m.messageId),
          )
        : h('code', {}, m.messageId),
  },
];

export async function renderMessages(ctx, params) {
  const { messageTypes, messageStates } = await meta();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? '']));
  // cursors of the pages shown so far: the last one is the current page (undefined = newest)
  const pages = [undefined];
  const form = h(
    'form',
    {
      class: 'filters card',
      'data-testid': 'message-filters',
      onsubmit(event) {
        event.preventDefault();
        const data = new FormData(form);
        const next = {};
        for (const f of FILTERS) {
          const v = String(data.get(f) ?? '').trim();
          if (v) {
            next[f] = f === 'since' || f === 'until' ? new Date(v).toISOString() : v;
          }
        }
        location.hash = `#/messages${query(next)}`;
      },
    },
    field('type', select('type', messageTypes, filters.type)),
    field('state', select('state', messageStates, filters.state)),
    field(
      'sender OIN',
      h('input', {
        name: 'sender',
        value: filters.sender,
        pattern: '\\d{20}',
        size: 22,
        'data-testid': 'filter-sender',
      }),
    ),
    field(
      'recipient OIN',
      h('input', {
        name: 'recipient',
        value: filters.recipient,
        pattern: '\\d{20}',
        size: 22,
        'data-testid': 'filter-recipient',
      }),
    ),
    field(
      'conversation',
      h('input', {
        name: 'conversationId',
        value: filters.conversationId,
        size: 38,
        'data-testid': 'filter-conversationId',
      }),
    ),
    field('since', h('input', { name: 'since', type: 'datetime-local', value: toLocalInput(filters.since) })),
    field('until', h('input', { name: 'until', type: 'datetime-local', value: toLocalInput(filters.until) })),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', 'data-testid': 'filter-apply' }, 'Search'),
      h('a', { href: '#/messages', class: 'button secondary' }, 'Clear'),
    ),
  );
  const results = h('div', { 'data-testid': 'message-results' });
  const pager = h('div', { class: 'pager' });
  replace(ctx.main, h('h1', {}, 'Messages'), form, results, pager);

  const load = async () => {
    const cursor = pages[pages.length - 1];
    const page = await api('GET', `/api/messages${query({ ...filters, cursor, limit: 50 })}`);
    replace(
      results,
      table(
        messageColumns(),
        page.items.map((m) => ({ ...m, __id: m.messageId })),
        { testid: 'messages', empty: 'No messages match these filters.' },
      ),
    );
    replace(
      pager,
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'data-testid': 'previous-page',
          disabled: pages.length === 1,
          onclick: () => {
            pages.pop();
            void load();
          },
        },
        '← Newer',
      ),
      h('span', { class: 'muted' }, `page ${pages.length} · ${page.items.length} shown`),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'data-testid': 'next-page',
          disabled: !page.nextCursor,
          onclick: () => {
            pages.push(page.nextCursor);
            void load();
          },
        },
        'Older →',
      ),
    );
  };
  await load();
}

export async function renderMessage(ctx, messageId) {
  const detail = await api('GET', `/api/messages/${messageId}`);
  const m = detail.message;
  const actions = h('div', { class: 'actions' });
  if (ctx.canEdit) {
    actions.append(
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'redeliver-message',
          disabled: m.state === 'REJECTED' || !m.bodyStored,
          title:
            m.state === 'REJECTED'
              ? 'a rejected message is never delivered'
              : !m.bodyStored
                ? 'body purged after retention'
                : 'publish again, unchanged, to the recipient queue',
          async onclick() {
            if (
              !confirm(
                `Redeliver ${m.type} ${m.messageId} to ${m.recipient}? The recipient receives it again with the same messageId.`,
              )
            ) {
              return;
            }
            try {
              await api('POST', `/api/messages/${m.messageId}/redeliver`);
              ctx.flash('Redelivery queued.', 'ok');
              await renderMessage(ctx, messageId);
            } catch (error) {
              ctx.flash(`Redelivery refused: ${error.message}`, 'error');
            }
          },
        },
        'Redeliver',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'data-testid': 'download-evidence',
          title: 'signed message, receipts and timeline (contains personal data; audited)',
          async onclick() {
            try {
              const bundle = await api('GET', `/api/messages/${m.messageId}/evidence`);
              const url = URL.createObjectURL(
                new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }),
              );
              const a = h('a', { href: url, download: `evidence-${m.messageId}.json` });
              document.body.append(a);
              a.click();
              a.remove();
              setTimeout(() => URL.revokeObjectURL(url), 10000);
            } catch (error) {
              ctx.flash(`Evidence export failed: ${error.message}`, 'error');
            }
          },
        },
        'Download evidence',
      ),
    );
  }
  const facts = [
    ['messageId', h('code', { 'data-testid': 'detail-message-id' }, m.messageId)],
    ['type', m.type],
    [
      'state',
      h(
        'span',
        { 'data-testid': 'detail-state' },
        badge(m.state),
        m.reasonCode ? h('code', {}, ` ${m.reasonCode}`) : '',
      ),
    ],
    ['from', oinLabel(m.sender, m.senderName)],
    ['to', oinLabel(m.recipient, m.recipientName)],
    [
      'conversation',
      m.conversationId
        ? h('a', { href: `#/messages?conversationId=${m.conversationId}` }, h('code', {}, m.conversationId))
        : '—',
    ],
    [
      'in reply to',
      m.inReplyTo ? h('a', { href: `#/messages/${m.inReplyTo}` }, h('code', {}, m.inReplyTo)) : '—',
    ],
    ['created (by sender)', dateTime(m.createdAt)],
    ['received', dateTime(m.receivedAt)],
    ['routed', dateTime(m.routedAt)],
    ['delivered', dateTime(m.deliveredAt)],
    ['answered', dateTime(m.answeredAt)],
    ['answer deadline', dateTime(m.deadlineAt)],
    ['requested pause', m.pauseStart ? `${m.pauseStart} – ${m.pauseEnd}` : '—'],
    ['paused until', m.pausedUntil ?? '—'],
    ['decline reason', m.declineReason ?? '—'],
    ...(m.conversationState
      ? [
          [
            'conversation state',
            h('span', { 'data-testid': 'detail-conversation-state' }, badge(m.conversationState)),
          ],
        ]
      : []),
    ...(m.preApproval !== null && m.preApproval !== undefined
      ? [['vooraf akkoord', m.preApproval ? 'given' : 'not given']]
      : []),
    ['body', m.bodyStored ? `stored (${m.contentType})` : `purged ${dateTime(m.purgedAt)}`],
  ];
  replace(
    ctx.main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, `${m.type}`),
      h('a', { href: '#/messages' }, '← all messages'),
    ),
    h(
      'section',
      { class: 'card' },
      h(
        'dl',
        { class: 'facts' },
        facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
      ),
      actions,
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Timeline'),
      table(
        [
          { label: 'at', cell: (e) => dateTime(e.at) },
          { label: 'event', cell: (e) => h('strong', { 'data-testid': 'event-kind' }, e.kind) },
          {
            label: 'state',
            cell: (e) =>
              e.state ? badge(e.state) : e.detail?.conversationState ? badge(e.detail.conversationState) : '',
          },
          { label: 'cause', cell: (e) => (e.cause ? h('code', {}, e.cause) : '') },
          {
            label: 'detail',
            cell: (e) => (e.detail ? h('code', { class: 'detail' }, JSON.stringify(e.detail)) : ''),
          },
        ],
        detail.events.map((e) => ({ ...e, __id: e.id })),
        { testid: 'timeline' },
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Receipts and answers'),
      table(messageColumns(), detail.receipts, { testid: 'receipts', empty: 'No receipts or answers yet.' }),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Conversation'),
      table(messageColumns(), detail.conversation, { testid: 'conversation' }),
    ),
  );
}
