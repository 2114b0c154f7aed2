import { api, query } from './api.js';
import { badge, dateTime, h, oinLabel, replace, table } from './dom.js';

export async function renderDeadLetters(ctx) {
  const [deadLetters, rejections] = await Promise.all([
    api('GET', `/api/dead-letters${query({ limit: 100 })}`),
    api('GET', '/api/rejections'),
  ]);
  const selected = new Set();
  const preview = h('div', { 'data-testid': 'bulk-preview' });

  const redeliverOne = async (d) => {
    if (!confirm(`Redeliver dead letter ${d.id} (${d.type ?? 'unknown type'}) to ${d.queue}?`)) {
      return;
    }
    try {
      await api('POST', `/api/dead-letters/${d.id}/redeliver`);
      ctx.flash(`Dead letter ${d.id} redelivered.`, 'ok');
      await renderDeadLetters(ctx);
    } catch (error) {
      ctx.flash(`Redelivery refused: ${error.message}`, 'error');
    }
  };

  const bulk = async (dryRun) => {
    if (selected.size === 0) {
      ctx.flash('Select dead letters first.', 'warn');
      return;
    }
    try {
      const result = await api('POST', '/api/dead-letters/redeliver', { ids: [...selected], dryRun });
      if (!dryRun) {
        const done = result.items.filter((i) => i.outcome === 'redelivered').length;
        ctx.flash(`${done} of ${result.items.length} dead letters redelivered.`, 'ok');
        await renderDeadLetters(ctx);
        return;
      }
      replace(
        preview,
        h('h3', {}, 'Preview: nothing has been sent yet'),
        table(
          [
            { label: 'id', cell: (i) => i.id },
            { label: 'messageId', cell: (i) => (i.messageId ? h('code', {}, i.messageId) : '—') },
            { label: 'type', cell: (i) => i.type ?? '—' },
            { label: 'queue', cell: (i) => h('code', {}, i.queue ?? '—') },
            { label: 'reason', cell: (i) => h('code', {}, i.reasonCode) },
            { label: 'will redeliver', cell: (i) => (i.redeliverable ? 'yes' : `no: ${i.problem}`) },
          ],
          result.items,
          { testid: 'bulk-preview-table' },
        ),
        h(
          'button',
          {
            type: 'button',
            'data-testid': 'bulk-confirm',
            disabled: !result.items.some((i) => i.redeliverable),
            onclick: () => void bulk(false),
          },
          `Redeliver ${result.items.filter((i) => i.redeliverable).length}`,
        ),
      );
    } catch (error) {
      ctx.flash(`Bulk redelivery refused: ${error.message}`, 'error');
    }
  };

  const columns = [
    ...(ctx.canEdit
      ? [
          {
            label: '',
            cell: (d) =>
              h('input', {
                type: 'checkbox',
                'aria-label': `Select dead letter ${d.id} for redelivery`,
                'data-testid': 'dead-letter-select',
                disabled: !d.party || d.redeliveredAt || !d.hasContent,
                onchange: (e) => (e.target.checked ? selected.add(d.id) : selected.delete(d.id)),
              }),
          },
        ]
      : []),
    { label: 'at', cell: (d) => dateTime(d.at) },
    { label: 'id', cell: (d) => d.id },
    { label: 'type', cell: (d) => d.type ?? '—' },
    {
      label: 'message',
      cell: (d) =>
        d.messageId ? h('a', { href: `#/messages/${d.messageId}` }, h('code', {}, d.messageId)) : '—',
    },
    { label: 'reason', cell: (d) => h('span', { title: d.reason }, h('code', {}, d.reasonCode)) },
    { label: 'queue', cell: (d) => (d.party ? oinLabel(d.party) : h('code', {}, d.queue ?? '—')) },
    {
      label: 'redelivered',
      cell: (d) =>
        d.redeliveredAt ? h('span', { 'data-testid': 'redelivered-at' }, dateTime(d.redeliveredAt)) : '—',
    },
    ...(ctx.canEdit
      ? [
          {
            label: '',
            cell: (d) =>
              d.party && !d.redeliveredAt && d.hasContent
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'small',
                      'data-testid': 'redeliver-dead-letter',
                      onclick: () => void redeliverOne(d),
                    },
                    'Redeliver',
                  )
                : '',
          },
        ]
      : []),
  ];

  replace(
    ctx.main,
    h('h1', {}, 'Dead letters & rejections'),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Dead letters'),
      h(
        'p',
        { class: 'muted' },
        'Messages a queue gave up on, or the hub could not read. Content is kept for redelivery but never shown.',
      ),
      table(
        columns,
        deadLetters.items.map((d) => ({ ...d, __id: d.id })),
        { testid: 'dead-letters', empty: 'No dead letters.' },
      ),
      ctx.canEdit
        ? h(
            'div',
            { class: 'actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'data-testid': 'bulk-preview-button',
                onclick: () => void bulk(true),
              },
              'Preview redelivery of selected',
            ),
          )
        : null,
      preview,
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Rejections by reason, 24 h'),
      table(
        [
          { label: 'reason code', cell: (r) => h('code', {}, r.reason) },
          { label: 'messages', class: 'num', cell: (r) => r.count },
        ],
        Object.entries(rejections.byReason24h).map(([reason, count]) => ({ reason, count })),
        { testid: 'rejections-by-reason', empty: 'No rejections in the last 24 hours.' },
      ),
      h('h3', {}, 'Latest rejected messages'),
      table(
        [
          { label: 'received', cell: (m) => dateTime(m.receivedAt) },
          { label: 'type', cell: (m) => m.type },
          {
            label: 'reason',
            cell: (m) => h('span', {}, badge('REJECTED'), ' ', h('code', {}, m.reasonCode ?? '—')),
          },
          { label: 'from', cell: (m) => oinLabel(m.sender, m.senderName) },
          { label: 'to', cell: (m) => oinLabel(m.recipient, m.recipientName) },
          {
            label: 'messageId',
            cell: (m) => h('a', { href: `#/messages/${m.messageId}` }, h('code', {}, m.messageId)),
          },
        ],
        rejections.items,
        { testid: 'rejected-messages', empty: 'No rejected messages.' },
      ),
    ),
  );
}
