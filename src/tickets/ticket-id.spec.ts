import { generateTicketId } from './ticket-id';

describe('ticket ids', () => {
  it('have the prefix, the requested length and only [A-Za-z0-9-]', () => {
    for (const length of [32, 64, 256]) {
      const id = generateTicketId('ST', length);
      expect(id).toHaveLength(length);
      expect(id).toMatch(/^ST-[A-Za-z0-9]+$/);
    }
  });

  it('never repeat', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(generateTicketId('ST', 64));
    expect(seen.size).toBe(2000);
  });
});
