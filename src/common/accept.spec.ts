import { prefersHtml } from './accept';

describe('prefersHtml', () => {
  it.each([
    // What browsers send for a page.
    'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
    'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'application/xhtml+xml',
    'TEXT/HTML',
    'text/*',
    'text/html;q=0.9, application/json;q=0.5',
    'application/json;q=0.5, text/html',
  ])('a browser asking %s gets HTML', (accept) => {
    expect(prefersHtml(accept)).toBe(true);
  });

  it.each([
    [undefined],
    [''],
    ['*/*'],
    ['application/json'],
    ['application/problem+json, application/json'],
    ['application/json, text/html;q=0.5'],
    ['text/html;q=0, */*'],
    ['text/html;q=nonsense'],
    ['text/css,*/*;q=0.1'],
    ['image/avif,image/webp,*/*;q=0.8'],
    ['text/html, application/json'],
    [',,;;//'],
  ])('an API client or asset request sending %s gets JSON', (accept) => {
    expect(prefersHtml(accept)).toBe(false);
  });

  it('looks at a bounded number of entries', () => {
    const noise = Array.from({ length: 10000 }, () => 'image/png').join(',');
    expect(prefersHtml(`${noise},text/html`)).toBe(false);
    expect(prefersHtml(`text/html,${noise}`)).toBe(true);
  });
});
