import { toBoundQuery } from './sql-auth';

describe('SQL user query', () => {
  it("turns django-cas-server's %s placeholder into a bound parameter", () => {
    expect(toBoundQuery('SELECT user AS username, pass AS password, users.* FROM users WHERE user = %s')).toBe(
      'SELECT user AS username, pass AS password, users.* FROM users WHERE user = ?',
    );
  });

  it('turns %% into a literal percent sign', () => {
    expect(toBoundQuery("SELECT * FROM users WHERE user = %s AND mail LIKE '%%@example.org'")).toBe(
      "SELECT * FROM users WHERE user = ? AND mail LIKE '%@example.org'",
    );
  });

  it('wants exactly one placeholder', () => {
    expect(() => toBoundQuery('SELECT * FROM users')).toThrow(/exactly one %s.*found 0/);
    expect(() => toBoundQuery('SELECT * FROM users WHERE user = %s OR mail = %s')).toThrow(/found 2/);
  });

  it('refuses a lone percent sign', () => {
    expect(() => toBoundQuery("SELECT * FROM users WHERE user = %s AND mail LIKE '%@x'")).toThrow(/lone "%"/);
  });
});
