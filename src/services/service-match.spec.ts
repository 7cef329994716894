import { DEFAULT_DEFINITION } from './service-definition';
import { compileServices, findService, type RefusedService } from './service-match';
import type { ServiceRules } from './service-rules';

const service = (id: number, position: number, pattern: string, extra: Partial<ServiceRules> = {}): ServiceRules => ({
  ...DEFAULT_DEFINITION,
  id,
  position,
  name: `s${id}`,
  pattern,
  ...extra,
});

describe('compiling the stored services for matching', () => {
  it('finds the first service by position whose pattern matches the whole URL', () => {
    const compiled = compileServices([
      service(1, 20, 'https://.*'),
      service(2, 10, 'https://a\\.org/.*'),
      service(3, 10, 'https://a\\.org/x'),
    ]);
    expect(findService(compiled, 'https://a.org/x')?.rules.id).toBe(2);
    expect(findService(compiled, 'https://b.org/')?.rules.id).toBe(1);
    expect(findService(compiled, 'http://b.org/')).toBeNull();
  });

  it('skips, and reports, a stored service with a pattern the engine refuses, instead of failing', () => {
    const refused: RefusedService[] = [];
    const compiled = compileServices(
      [
        service(1, 10, 'https://(?P<h>[a-z]+)\\.org/(?P=h)/.*'),
        service(2, 20, 'https://a\\.org/.*', {
          attributeRewrites: [{ attribute: 'mail', pattern: '(?<=@)old', replacement: 'new' }],
        }),
        service(3, 30, 'https://.*'),
      ],
      (r) => refused.push(r),
    );
    expect(refused.map((r) => [r.rules.id, r.problems.map((p) => p.field)])).toEqual([
      [1, ['pattern']],
      [2, ['attributeRewrites[0].pattern']],
    ]);
    // The URLs of the skipped services fall through to the next pattern, or to none.
    expect(findService(compiled, 'https://wiki.org/wiki/')?.rules.id).toBe(3);
    expect(findService(compiled, 'https://a.org/x')?.rules.id).toBe(3);
    expect(compileServices([service(1, 10, '(a)\\1')])).toEqual([]);
  });
});
