import { parseDjangoDump, topLevelBranches, wholeUrlDifference } from './django-import';

describe('django-cas-server patterns under whole-URL matching', () => {
  it('reports a pattern anchored at the start only, suggesting .* appended', () => {
    expect(wholeUrlDifference('^https://a\\.org')).toEqual({ suggestion: '^https://a\\.org.*' });
  });

  it('accepts patterns that already reach the end of the URL', () => {
    expect(wholeUrlDifference('^https://a\\.org/.*')).toBeNull();
    expect(wholeUrlDifference('^https://a\\.org/x$')).toBeNull();
    expect(wholeUrlDifference('^https://a\\.org/x\\Z')).toBeNull();
  });

  it('does not take an escaped $ or .* for an end', () => {
    expect(wholeUrlDifference('^https://a\\.org/\\$')).not.toBeNull();
    expect(wholeUrlDifference('^https://a\\.org\\.*')).not.toBeNull();
  });

  it('wraps a pattern with top-level alternatives before appending', () => {
    expect(topLevelBranches('^https://a|^https://(b|c)[|]')).toEqual(['^https://a', '^https://(b|c)[|]']);
    expect(wholeUrlDifference('^https://a\\.org|^https://b\\.org/.*')).toEqual({
      suggestion: '(?:^https://a\\.org|^https://b\\.org/.*).*',
    });
  });
});

describe('reading a dumpdata file', () => {
  const dump = [
    {
      model: 'cas_server.servicepattern',
      pk: 3,
      fields: {
        pos: 10,
        name: 'Wiki',
        pattern: '^https://wiki\\.example\\.org/.*$',
        user_field: 'uid',
        restrict_users: true,
        proxy: false,
        proxy_callback: true,
        single_log_out: true,
        single_log_out_callback: 'https://wiki.example.org/slo',
      },
    },
    { model: 'cas_server.username', pk: 1, fields: { value: 'alice', service_pattern: 3 } },
    { model: 'cas_server.replaceattributname', pk: 1, fields: { name: 'mail', replace: 'email', service_pattern: 3 } },
    { model: 'cas_server.replaceattributname', pk: 2, fields: { name: 'uid', replace: '', service_pattern: 3 } },
    {
      model: 'cas_server.replaceattributvalue',
      pk: 1,
      fields: { attribut: 'mail', pattern: '@old\\.org$', replace: '@new.org', service_pattern: 3 },
    },
    {
      model: 'cas_server.filterattributvalue',
      pk: 1,
      fields: { attribut: 'group', pattern: 'staff', service_pattern: 3 },
    },
    { model: 'cas_server.user', pk: 9, fields: { username: 'ignored' } },
  ];

  it('maps every field and child row of a service pattern', () => {
    const [service] = parseDjangoDump(dump);
    expect(service.wholeUrl).toBeNull();
    expect(service.refused).toEqual([]);
    expect(service.definition).toEqual({
      name: 'Wiki',
      pattern: '^https://wiki\\.example\\.org/.*$',
      position: 10,
      userField: 'uid',
      restrictUsers: true,
      allowedUsers: ['alice'],
      proxy: false,
      proxyCallback: true,
      singleLogOut: true,
      singleLogOutCallback: 'https://wiki.example.org/slo',
      frontChannelLogout: false,
      releasedAttributes: [
        { name: 'mail', renameTo: 'email' },
        { name: 'uid', renameTo: '' },
      ],
      attributeRewrites: [{ attribute: 'mail', pattern: '@old\\.org$', replacement: '@new.org' }],
      requiredAttributes: [{ attribute: 'group', pattern: 'staff' }],
    });
  });

  it('lists the regular expressions the linear-time engine cannot run, by field', () => {
    const [service] = parseDjangoDump([
      { ...dump[0], fields: { ...dump[0].fields, pattern: '^https://(?P<app>[a-z]+)\\.org/(?P=app)/' } },
      {
        model: 'cas_server.filterattributvalue',
        pk: 1,
        fields: { attribut: 'group', pattern: '(?!guests)', service_pattern: 3 },
      },
    ]);
    expect(service.refused).toEqual([
      {
        field: 'pattern',
        source: '^https://(?P<app>[a-z]+)\\.org/(?P=app)/',
        message: expect.stringContaining('the back-reference (?P=app)'),
      },
      {
        field: 'requiredAttributes[0].pattern',
        source: '(?!guests)',
        message: expect.stringContaining('the look-ahead (?!'),
      },
    ]);
  });

  it('refuses a file that is not a dumpdata array or has dangling rows', () => {
    expect(() => parseDjangoDump({ model: 'x' })).toThrow(/JSON array/);
    expect(() => parseDjangoDump([dump[1]])).toThrow(/missing service pattern 3/);
  });
});
