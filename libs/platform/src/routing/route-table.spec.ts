import { apiServiceOf, ROUTE_TABLE, routeOf, rulesInMatchOrder } from './route-table';

describe('the route table', () => {
  it.each([
    ['/v1/sessions', 'catalog'],
    ['/v1/sessions/series', 'catalog'],
    ['/v1/sessions/0193/publish', 'catalog'],
    ['/v1/sessions/0193/registrations', 'registration'],
    ['/v1/sessions/0193/waitlist', 'registration'],
    ['/v1/sessions/0193/seats', 'registration'],
    ['/v1/public/tenants/cpts-adour/sessions', 'catalog'],
    ['/v1/public/tenants/cpts-adour/sessions/0193/registrations', 'registration'],
    ['/v1/facilitators/0193', 'catalog'],
    ['/v1/facilitators/0193/contact', 'notifications'],
    ['/v1/public/preferences/unsubscribe', 'notifications'],
    ['/v1/reports/export.csv', 'reporting'],
    ['/v1/session-seats', 'registration'],
    ['/v1/tenants', 'catalog'],
    ['/v1/tenants/0193', 'catalog'],
    ['/v1/tenants/0193/staff', 'identity'],
    ['/v1/staff/0193/sign-out', 'identity'],
    ['/v1/auth/sign-in/request', 'identity'],
    ['/v1/regions/bourgogne-franche-comte/funders/0193/sign-out', 'identity'],
    ['/.well-known/jwks.json', 'identity'],
    ['/.well-known/openid-configuration', 'identity'],
    ['/v1/public/tenants/cpts-adour/registrations', 'registration'],
    ['/capacites-besancon', 'web'],
    ['/inscriptions/0193/annuler', 'web'],
    ['/app/seances/0193', 'web'],
    ['/', 'web'],
  ])('sends %s to %s', (path, service) => {
    expect(routeOf(path).service).toBe(service);
  });

  it('leaves a /v1 path no service owns to the web app (its 404), and does not match a longer word', () => {
    expect(apiServiceOf('/v1/nothing')).toBeNull();
    expect(apiServiceOf('/v1/sessionsx')).toBeNull();
    expect(routeOf('/v1/sessionsx').service).toBe('web');
    expect(apiServiceOf('/v1/sessions/0193/seats')).toBe('registration');
  });

  it('tries the web catch-all last', () => {
    expect(rulesInMatchOrder().at(-1)?.service).toBe('web');
  });

  it('holds only RE2-compatible expressions (no lookaround), each rule once', () => {
    for (const { path } of ROUTE_TABLE) expect(path).not.toMatch(/\(\?[=!<]/);
    expect(new Set(ROUTE_TABLE.map((r) => r.path)).size).toBe(ROUTE_TABLE.length);
    expect(rulesInMatchOrder()[0].path.length).toBeGreaterThanOrEqual(
      rulesInMatchOrder().at(-1)!.path.length,
    );
  });
});
