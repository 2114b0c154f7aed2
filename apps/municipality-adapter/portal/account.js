// #/account: change the password; for editors, the audit log of every change made in the portal.
import { api } from './api.js';
import { dateTime, field, h, replace, table } from './dom.js';
import { ruleText } from './words.js';

function passwordForm(ctx) {
  const current = h('input', {
    type: 'password',
    name: 'currentPassword',
    autocomplete: 'current-password',
    required: true,
    'data-testid': 'password-current',
  });
  const next = h('input', {
    type: 'password',
    name: 'newPassword',
    autocomplete: 'new-password',
    required: true,
    'data-testid': 'password-new',
  });
  const again = h('input', {
    type: 'password',
    name: 'again',
    autocomplete: 'new-password',
    required: true,
    'data-testid': 'password-again',
  });
  const error = h('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'password-error' });
  return h(
    'form',
    {
      class: 'card',
      'data-testid': 'password-form',
      async onsubmit(event) {
        event.preventDefault();
        error.hidden = true;
        if (next.value !== again.value) {
          error.textContent = 'De twee nieuwe wachtwoorden zijn niet gelijk.';
          error.hidden = false;
          return;
        }
        try {
          await api('POST', '/portal/password', { currentPassword: current.value, newPassword: next.value });
          for (const input of [current, next, again]) {
            input.value = '';
          }
          ctx.flash('Uw wachtwoord is gewijzigd.', 'ok');
        } catch (e) {
          error.textContent = e.violations.length
            ? e.violations.map(ruleText).join(' ')
            : e.status === 401 || e.status === 403
              ? 'Het huidige wachtwoord klopt niet.'
              : `Wijzigen lukte niet: ${e.message}`;
          error.hidden = false;
        }
      },
    },
    h('h2', {}, 'Wachtwoord wijzigen'),
    field('Huidig wachtwoord', current),
    field('Nieuw wachtwoord', next),
    field('Nieuw wachtwoord nog een keer', again),
    error,
    h('button', { type: 'submit', 'data-testid': 'password-submit' }, 'Wachtwoord wijzigen'),
  );
}

async function auditLog() {
  const answer = await api('GET', '/portal/audit');
  const items = Array.isArray(answer) ? answer : (answer?.items ?? []);
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, 'Logboek van wijzigingen'),
    table(
      [
        { label: 'Moment', cell: (e) => dateTime(e.at ?? e.createdAt) },
        { label: 'Gebruiker', cell: (e) => e.username ?? e.user ?? '—' },
        { label: 'Wat', cell: (e) => e.action ?? '—' },
        { label: 'Waarop', cell: (e) => e.target ?? '—' },
        { label: 'Uitkomst', cell: (e) => String(e.outcome ?? e.status ?? '—') },
      ],
      items.map((e, i) => ({ ...e, __id: String(e.id ?? i) })),
      { testid: 'audit-log', empty: 'Nog geen wijzigingen.' },
    ),
  );
}

export async function renderAccount(ctx) {
  replace(
    ctx.main,
    h('h1', { tabindex: '-1' }, 'Account'),
    h('p', {}, `Ingelogd als ${ctx.username ?? '—'}.`),
    passwordForm(ctx),
  );
  if (ctx.canEdit) {
    try {
      ctx.main.append(await auditLog());
    } catch (e) {
      ctx.main.append(h('p', { class: 'error' }, `Het logboek kon niet worden geladen: ${e.message}`));
    }
  }
}
