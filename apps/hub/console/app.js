// Hub console: a hash-routed single page over the operator API, in the frame every web UI of the
// project shares (libs/web-ui/shell.js). Pages are plain ES modules.
import { startShell } from './shell.js';
import { renderDashboard } from './dashboard.js';
import { renderMessages, renderMessage } from './messages.js';
import { renderOverdue } from './overdue.js';
import { renderPauzeknop } from './pauzeknop.js';
import { renderDeadLetters } from './dead-letters.js';
import { renderParties } from './parties.js';
import { renderAudit } from './audit.js';
import { renderAccount, renderOperators } from './operators.js';

startShell({
  brand: 'Schuldenknooppunt hub',
  loginPath: '/api/auth/login',
  logoutPath: '/api/auth/logout',
  home: '#/dashboard',
  nav: [
    { hash: '#/dashboard', label: 'Dashboard', testid: 'nav-dashboard' },
    { hash: '#/messages', label: 'Messages', testid: 'nav-messages' },
    { hash: '#/overdue', label: 'Overdue', testid: 'nav-overdue' },
    { hash: '#/pauzeknop', label: 'Pauzeknop', testid: 'nav-pauzeknop' },
    { hash: '#/dead-letters', label: 'Dead letters & rejections', testid: 'nav-dead-letters' },
    { hash: '#/parties', label: 'Parties', testid: 'nav-parties' },
    { hash: '#/audit', label: 'Audit log', testid: 'nav-audit', editorOnly: true },
    { hash: '#/operators', label: 'Operators', testid: 'nav-operators', editorOnly: true },
    { hash: '#/account', label: 'Account', testid: 'nav-account' },
  ],
  routes: [
    [/^#\/dashboard$/, () => renderDashboard],
    [/^#\/messages\/([0-9a-f-]{36})$/i, (m) => (ctx) => renderMessage(ctx, m[1])],
    [/^#\/messages(\?.*)?$/, (m) => (ctx) => renderMessages(ctx, new URLSearchParams((m[1] ?? '').slice(1)))],
    [/^#\/overdue$/, () => renderOverdue],
    [/^#\/pauzeknop$/, () => renderPauzeknop],
    [/^#\/dead-letters$/, () => renderDeadLetters],
    [/^#\/parties$/, () => renderParties],
    [/^#\/audit$/, () => renderAudit],
    [/^#\/operators$/, () => renderOperators],
    [/^#\/account$/, () => renderAccount],
  ],
  texts: {
    skip: 'Skip to content',
    navigation: 'Main menu',
    loginTitle: 'Operator login',
    username: 'Username',
    password: 'Password',
    submit: 'Log in',
    logout: 'Log out',
    badLogin: 'Username or password is incorrect.',
    locked: 'This account is locked after too many failed logins; try again later.',
    tooMany: 'Too many login attempts from this address; wait a minute and try again.',
    sessionEnded: 'Your session has ended; please log in again.',
    pageError: 'Could not load this page',
    roles: { admin: 'admin', viewer: 'viewer' },
  },
});
