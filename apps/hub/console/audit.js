import { api, query } from './api.js';
import { dateTime, h, replace, table } from './dom.js';

export async function renderAudit(ctx) {
  if (!ctx.canEdit) {
    replace(ctx.main, h('p', { class: 'error' }, 'The audit log is for admins.'));
    return;
  }
  const data = await api('GET', `/api/audit${query({ limit: 200 })}`);
  replace(
    ctx.main,
    h('h1', {}, 'Audit log'),
    h(
      'section',
      { class: 'card' },
      table(
        [
          { label: 'at', cell: (e) => dateTime(e.at) },
          { label: 'operator', cell: (e) => e.operator ?? '—' },
          { label: 'action', cell: (e) => h('code', { 'data-testid': 'audit-action' }, e.action) },
          { label: 'target', cell: (e) => (e.target ? h('code', {}, e.target) : '—') },
          {
            label: 'detail',
            cell: (e) => (e.detail ? h('code', { class: 'detail' }, JSON.stringify(e.detail)) : ''),
          },
        ],
        data.items.map((e) => ({ ...e, __id: e.id })),
        { testid: 'audit' },
      ),
    ),
  );
}
