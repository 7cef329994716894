import { z } from 'zod';
import { isWithin, salvage } from './salvage';

const Item = z.strictObject({ name: z.string(), renameTo: z.string().default('') });
const Schema = z.strictObject({
  name: z.string(),
  position: z.number().int().optional(),
  proxy: z.boolean().optional(),
  items: z.array(Item).optional(),
});

describe('salvage', () => {
  it('keeps what fits and replaces what does not by a neutral value of the right type', () => {
    expect(
      salvage(Schema, {
        name: 42,
        position: 3,
        proxy: 'yes',
        items: [{ name: 'mail' }, { nam: 'x' }, 'uid'],
        colour: 'blue',
      }),
    ).toEqual({
      name: '',
      position: 3,
      proxy: false,
      items: [
        { name: 'mail', renameTo: '' },
        { name: '', renameTo: '' },
        { name: '', renameTo: '' },
      ],
    });
  });

  it('returns a valid input exactly as the schema parses it', () => {
    expect(salvage(Schema, { name: 'a', items: [{ name: 'b' }] })).toEqual({
      name: 'a',
      items: [{ name: 'b', renameTo: '' }],
    });
  });

  it('makes a neutral object of something that is not an object, optional fields left out', () => {
    expect(salvage(Schema, 'text')).toEqual({ name: '' });
  });

  it('drops a list longer than its maximum instead of checking each of its items', () => {
    const Capped = z.strictObject({ names: z.array(z.string()).max(2), other: z.number() });
    expect(salvage(Capped, { names: ['a', 'b', 'c'], other: 'x' })).toEqual({ names: [], other: 0 });
    expect(salvage(Capped, { names: ['a', 7], other: 'x' })).toEqual({ names: ['a', ''], other: 0 });
  });
});

describe('isWithin', () => {
  it('tells a field inside a flagged one from a field with a longer name', () => {
    expect(isWithin('items[0].name', 'items')).toBe(true);
    expect(isWithin('items.x', 'items')).toBe(true);
    expect(isWithin('items', 'items')).toBe(true);
    expect(isWithin('itemsCount', 'items')).toBe(false);
  });
});
