import { boundAttributes } from './attribute-limits';

const limits = { maxValueLength: 10, maxTotalLength: 40 };

describe('bounding the attributes of a user at login', () => {
  it('keeps attributes within the limits as they are', () => {
    const attributes = { mail: 'a@b.org', groups: ['staff', 'admins'] };
    expect(boundAttributes(attributes, limits)).toEqual({ attributes, dropped: [], total: 28, tooLarge: false });
  });

  it('leaves out an over-long value, keeping the other values of the attribute', () => {
    const bounded = boundAttributes({ groups: ['staff', 'x'.repeat(11)], photo: 'p'.repeat(5000) }, limits);
    expect(bounded.attributes).toEqual({ groups: ['staff'] });
    expect(bounded.dropped).toEqual([
      { name: 'groups', length: 11 },
      { name: 'photo', length: 5000 },
    ]);
    expect(bounded.tooLarge).toBe(false);
  });

  it('keeps a single value single and a list a list', () => {
    expect(boundAttributes({ a: 'x', b: ['y'] }, limits).attributes).toEqual({ a: 'x', b: ['y'] });
  });

  it('counts names and kept values against the total', () => {
    const full = { abcde: ['0123456789', '0123456789', '01234'] };
    expect(boundAttributes(full, limits)).toMatchObject({ total: 30, tooLarge: false });
    expect(boundAttributes({ ...full, more: '0123456789' }, limits)).toMatchObject({ total: 44, tooLarge: true });
  });
});
