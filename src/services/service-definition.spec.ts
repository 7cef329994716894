import { DEFAULT_DEFINITION, checkDefinition, type ServiceDefinition } from './service-definition';
import { planImport } from './service-import-plan';

function def(overrides: Partial<ServiceDefinition> = {}): ServiceDefinition {
  return { ...DEFAULT_DEFINITION, name: 'App', pattern: 'https://app\\.example\\.org/.*', ...overrides };
}

describe('checking a service definition', () => {
  it('accepts an ordinary definition', () => {
    expect(checkDefinition(def({ pattern: 'https?://(www\\.)?example\\.org(/.*)?' }))).toEqual([]);
  });

  it('refuses patterns that do not compile', () => {
    expect(checkDefinition(def({ pattern: 'https://(a' }))).toEqual([
      {
        field: 'pattern',
        message: 'is not a valid regular expression for the linear-time engine (RE2): missing closing ): `https://(a`',
      },
    ]);
  });

  it('refuses what the linear-time engine cannot run, wherever it is, naming the construct', () => {
    const errors = checkDefinition(
      def({
        pattern: 'https://(?P<app>[a-z]+)\\.example\\.org/(?P=app)/.*',
        attributeRewrites: [{ attribute: 'mail', pattern: '(?<=@)example\\.org', replacement: '' }],
        requiredAttributes: [{ attribute: 'group', pattern: '(staff)-\\1' }],
      }),
    );
    expect(errors).toEqual([
      { field: 'pattern', message: expect.stringContaining('the back-reference (?P=app)') },
      { field: 'attributeRewrites[0].pattern', message: expect.stringContaining('the look-behind (?<=') },
      { field: 'requiredAttributes[0].pattern', message: expect.stringContaining('the back-reference \\1') },
    ]);
  });

  it('accepts nested and adjacent quantifiers, which run in linear time here', () => {
    expect(
      checkDefinition(
        def({
          pattern: 'https://x\\.org/(a+)+$',
          attributeRewrites: [{ attribute: 'mail', pattern: '(x|xx)*y', replacement: '' }],
          requiredAttributes: [{ attribute: 'group', pattern: '.*a.*a.*a.*b' }],
        }),
      ),
    ).toEqual([]);
  });

  it('reports every bad field: empty names, bad URLs, duplicates, lengths', () => {
    const errors = checkDefinition(
      def({
        name: ' ',
        singleLogOutCallback: 'ftp://x',
        allowedUsers: [''],
        releasedAttributes: [
          { name: 'mail', renameTo: '' },
          { name: 'mail', renameTo: 'email' },
        ],
        userField: 'u'.repeat(256),
      }),
    );
    expect(errors).toEqual([
      { field: 'name', message: 'must not be empty' },
      { field: 'userField', message: 'must be at most 255 characters' },
      { field: 'singleLogOutCallback', message: 'must be an absolute http(s) URL' },
      { field: 'allowedUsers[0]', message: 'must not be empty' },
      { field: 'releasedAttributes[1].name', message: 'is listed twice' },
    ]);
  });
});

describe('planning an import', () => {
  const current = [
    { id: 1, ...def({ name: 'A', pattern: 'https://a/.*' }) },
    { id: 2, ...def({ name: 'B', pattern: 'https://b/.*' }) },
  ];

  it('creates new names, updates changed ones, keeps the others in merge mode', () => {
    const plan = planImport(
      current,
      [
        def({ name: 'A', pattern: 'https://a/.*' }),
        def({ name: 'B', pattern: 'https://b2/.*' }),
        def({ name: 'C', pattern: 'https://c/.*' }),
      ],
      'merge',
    );
    expect(plan.unchanged).toEqual(['A']);
    expect(plan.updated.map((u) => u.id)).toEqual([2]);
    expect(plan.created.map((d) => d.name)).toEqual(['C']);
    expect(plan.deleted).toEqual([]);
    expect(plan.conflicts).toEqual([]);
  });

  it('deletes unlisted services in replace mode', () => {
    const plan = planImport(current, [def({ name: 'C', pattern: 'https://c/.*' })], 'replace');
    expect(plan.deleted.map((s) => s.name)).toEqual(['A', 'B']);
  });

  it('reports names and patterns that would clash', () => {
    const plan = planImport(
      current,
      [
        def({ name: 'C', pattern: 'https://a/.*' }),
        def({ name: 'D', pattern: 'https://d/.*' }),
        def({ name: 'D', pattern: 'https://e/.*' }),
      ],
      'merge',
    );
    expect(plan.conflicts).toEqual([
      { field: 'services[2].name', message: 'same name as services[1]' },
      { field: 'services[0].pattern', message: 'same pattern as the existing service "A"' },
    ]);
  });
});
