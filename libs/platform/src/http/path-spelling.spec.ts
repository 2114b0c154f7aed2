import { oddPathReason } from './path-spelling';

describe('oddPathReason', () => {
  it.each([
    '/',
    '/api/messages',
    '/api/parties/00000099000000000001',
    '/assets/app.js',
    '/api/x%20y',
    '/docs',
  ])('lets the plain path %s through', (path) => expect(oddPathReason(path)).toBeNull());

  it.each([
    ['/%61pi/messages', /percent-encode/],
    ['/api/%4Dessages', /percent-encode/],
    ['/api%2fmessages', /percent-encode/],
    ['/api/%2e%2e/audit', /percent-encode/],
    ['//api/messages', /empty segment/],
    ['/api//messages', /empty segment/],
    ['/api\\messages', /backslash/],
    ['/api/messages.', /dot/],
    ['/./api/messages', /dot/],
    ['/api/../api/audit', /dot/],
    ['/api/%00', /control/],
    ['api/messages', /start with/],
  ])('refuses %s', (path, reason) => expect(oddPathReason(path)).toMatch(reason));
});
