// Hub console: a hash-routed single page over the operator API. Pages are plain ES modules.
import { api, session, whenUnauthorized } from './api.js';
import { h, replace } from './dom.js';
import { renderDashboard } from './dashboard.js';
import { renderMessages, renderMessage } from './messages.js';
import { renderOverdue } from './overdue.js';
import { renderDeadLetters } from './dead-letters.js';
import { renderParties } from './parties.js';
import { renderAudit } from './audit.js';
import { renderAccount, renderOperators } from './operators.js';

const main = document.getElementById('main');
let cleanup = [];

/** What a page may use: where to render, a way to register timers to stop on leaving, flash messages. */
function context() {
  return {
    main,
    isAdmin: session.isAdmin,
    every(ms, fn) {
      const id = setInterval(fn, ms);
      cleanup.push(() => clearInterval(id));
    },
    flash,
  };
}

export function flash(text, kind = 'info') {
  const el = document.getElementById('flash');
  el.textContent = text;
  el.className = `flash flash-${kind}`;
  el.hidden = false;
  clearTimeout(flash.timer);
  flash.timer = setTimeout(() => (el.hidden = true), 6000);
}

const routes = [
  [/^#\/dashboard$/, () => renderDashboard],
  [/^#\/messages\/([0-9a-f-]{36})$/i, (m) => (ctx) => renderMessage(ctx, m[1])],
  [/^#\/messages(\?.*)?$/, (m) => (ctx) => renderMessages(ctx, new URLSearchParams((m[1] ?? '').slice(1)))],
  [/^#\/overdue$/, () => renderOverdue],
  [/^#\/dead-letters$/, () => renderDeadLetters],
  [/^#\/parties$/, () => renderParties],
  [/^#\/audit$/, () => renderAudit],
  [/^#\/operators$/, () => renderOperators],
  [/^#\/account$/, () => renderAccount],
];

async function route() {
  cleanup.forEach((stop) => stop());
  cleanup = [];
  if (!session.token) {
    showShell(false);
    renderLogin();
    return;
  }
  showShell(true);
  const hash = location.hash || '#/dashboard';
  for (const [pattern, page] of routes) {
    const match = pattern.exec(hash);
    if (match) {
      for (const a of document.querySelectorAll('#nav a')) {
        a.classList.toggle('active', hash.startsWith(a.getAttribute('href')));
      }
      try {
        await page(match)(context());
      } catch (error) {
        replace(
          main,
          h(
            'p',
            { class: 'error', 'data-testid': 'page-error' },
            `Could not load this page: ${error.message}`,
          ),
        );
      }
      return;
    }
  }
  location.hash = '#/dashboard';
}

function showShell(loggedIn) {
  document.getElementById('nav').hidden = !loggedIn;
  document.getElementById('who').hidden = !loggedIn;
  if (loggedIn) {
    document.getElementById('who-name').textContent = `${session.username} (${session.role})`;
    for (const el of document.querySelectorAll('[data-admin-only]')) {
      el.hidden = !session.isAdmin;
    }
  }
}

function renderLogin() {
  const error = h('p', { class: 'error', 'data-testid': 'login-error', hidden: true });
  const username = h('input', {
    name: 'username',
    autocomplete: 'username',
    required: true,
    'data-testid': 'login-username',
  });
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'data-testid': 'login-password',
  });
  const form = h(
    'form',
    {
      class: 'login card',
      'data-testid': 'login-form',
      async onsubmit(event) {
        event.preventDefault();
        error.hidden = true;
        try {
          const result = await api('POST', '/api/auth/login', {
            username: username.value,
            password: password.value,
          });
          session.save({
            token: result.token,
            role: result.role,
            username: result.username ?? username.value,
          });
          password.value = '';
          location.hash = '#/dashboard';
          await route();
        } catch (e) {
          error.textContent = e.status === 401 ? 'Username or password is incorrect.' : e.message;
          error.hidden = false;
        }
      },
    },
    h('h1', {}, 'Operator login'),
    h('label', { class: 'field' }, h('span', {}, 'Username'), username),
    h('label', { class: 'field' }, h('span', {}, 'Password'), password),
    error,
    h('button', { type: 'submit', 'data-testid': 'login-submit' }, 'Log in'),
  );
  replace(main, form);
  username.focus();
}

document.getElementById('logout').addEventListener('click', async () => {
  try {
    await api('POST', '/api/auth/logout');
  } catch {
    /* the session ends here either way */
  }
  session.clear();
  location.hash = '#/login';
  await route();
});

whenUnauthorized(() => {
  flash('Your session has ended; please log in again.', 'warn');
  void route();
});
window.addEventListener('hashchange', () => void route());
void route();
