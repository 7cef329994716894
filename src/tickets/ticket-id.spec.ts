import { generateTicketId, randomAlphanumeric } from './ticket-id';

describe('ticket ids', () => {
  it('have the prefix, the requested length and only [A-Za-z0-9-]', () => {
    for (const length of [32, 64, 256]) {
      const id = generateTicketId('ST', length);
      expect(id).toHaveLength(length);
      expect(id).toMatch(/^ST-[A-Za-z0-9]+$/);
    }
  });

  it('never repeat and use the whole alphabet evenly', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(generateTicketId('ST', 64));
    expect(seen.size).toBe(2000);

    const counts = new Map<string, number>();
    const sample = randomAlphanumeric(62 * 2000);
    for (const ch of sample) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    for (const n of counts.values()) {
      // Expected 2000 each; a biased generator (e.g. modulo on 256) drifts far beyond this.
      expect(n).toBeGreaterThan(1700);
      expect(n).toBeLessThan(2300);
    }
  });
});
