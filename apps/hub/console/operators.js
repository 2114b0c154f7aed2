import { api } from './api.js';
import { badge, dateTime, field, h, replace, table } from './dom.js';

/** Your own account: change your password (other sessions of yours end). */
export function renderAccount(ctx) {
  const current = h('input', {
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'data-testid': 'password-current',
  });
  const next = h('input', {
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minlength: 12,
    'data-testid': 'password-new',
  });
  const error = h('p', { class: 'error', hidden: true, 'data-testid': 'password-error' });
  const form = h(
    'form',
    {
      class: 'card',
      'data-testid': 'password-form',
      async onsubmit(event) {
        event.preventDefault();
        error.hidden = true;
        try {
          const result = await api('POST', '/api/auth/password', {
            currentPassword: current.value,
            newPassword: next.value,
          });
          current.value = '';
          next.value = '';
          ctx.flash(`Password changed; ${result.revokedSessions} other session(s) ended.`);
        } catch (e) {
          error.textContent = e.message;
          error.hidden = false;
        }
      },
    },
    h('h2', {}, 'Change password'),
    field('Current password', current),
    field('New password (at least 12 characters)', next),
    error,
    h('button', { type: 'submit', 'data-testid': 'password-submit' }, 'Change password'),
  );
  replace(ctx.main, h('h1', {}, 'Account'), form);
}

/** Admins: every operator, with a control to disable (ends its sessions) or enable it. */
export async function renderOperators(ctx) {
  if (!ctx.canEdit) {
    replace(ctx.main, h('p', { class: 'error' }, 'Operators are managed by admins.'));
    return;
  }
  const data = await api('GET', '/api/operators');
  const toggle = (o) =>
    h(
      'button',
      {
        type: 'button',
        'data-testid': `operator-toggle-${o.username}`,
        async onclick() {
          try {
            await api('PATCH', `/api/operators/${encodeURIComponent(o.username)}`, { disabled: !o.disabled });
            ctx.flash(`${o.username} ${o.disabled ? 'enabled' : 'disabled'}.`);
          } catch (e) {
            ctx.flash(e.message, 'warn');
          }
          await renderOperators(ctx);
        },
      },
      o.disabled ? 'Enable' : 'Disable',
    );
  replace(
    ctx.main,
    h('h1', {}, 'Operators'),
    h(
      'section',
      { class: 'card' },
      table(
        [
          { label: 'username', cell: (o) => h('code', {}, o.username) },
          { label: 'role', cell: (o) => o.role },
          {
            label: 'status',
            cell: (o) => (o.disabled ? badge('disabled') : o.lockedUntil ? badge('locked') : badge('active')),
          },
          { label: 'last login', cell: (o) => dateTime(o.lastLoginAt) },
          { label: '', cell: toggle },
        ],
        data.operators.map((o) => ({ ...o, __id: o.username })),
        { testid: 'operators' },
      ),
    ),
  );
}
