import { looselyNormalised, matchRoutePattern } from './route-pattern';

const ROUTES = [
  { method: 'PATCH', path: '/api/parties/:oin' },
  { method: 'GET', path: '/api/messages' },
  { method: 'POST', path: '/api/auth/login' },
];

describe('route patterns of refused requests', () => {
  it('normalises case, percent-encoding, slashes, backslashes and trailing dots', () => {
    expect(looselyNormalised('/%61PI//Parties\\123./')).toBe('/api/parties/123');
  });

  it('names the route a variant spelling aimed at, by pattern only', () => {
    expect(matchRoutePattern(ROUTES, 'PATCH', '/API/parties/00000099123')).toEqual(ROUTES[0]);
    expect(matchRoutePattern(ROUTES, 'PATCH', '//api/parties/x.')).toEqual(ROUTES[0]);
    expect(matchRoutePattern(ROUTES, 'GET', '/API/parties/x')).toBeNull();
    expect(matchRoutePattern(ROUTES, 'POST', '/api/nothing')).toBeNull();
  });
});
