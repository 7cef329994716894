import { randomAlphanumeric } from './random';

describe('randomAlphanumeric', () => {
  it('gives the requested length from [A-Za-z0-9] only', () => {
    for (const length of [0, 1, 48, 500])
      expect(randomAlphanumeric(length)).toMatch(new RegExp(`^[A-Za-z0-9]{${length}}$`));
  });

  it('uses the whole alphabet evenly', () => {
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
