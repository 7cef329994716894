import { pageCsp } from './page-csp';

describe('page CSP', () => {
  it('is the header value of the directives', () => {
    expect(pageCsp()).toBe(
      "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data: https:; " +
        "form-action 'self' https: http:; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  it('adds front-channel logout origins to img-src only', () => {
    expect(pageCsp(['https://a.example'])).toContain("img-src 'self' data: https: https://a.example; form-action");
  });
});
