import { FastSql } from '../database/fast-sql';
import {
  declaredColumns,
  migratedColumns,
  openRepositoryDb,
  type RepositoryDb,
} from '../../test/support/repository-db';
import { DATABASES } from '../../test/support/test-db';
import { ConsumedLoginTicket } from './consumed-login-ticket.entity';
import { LoginTicketRepository } from './login-ticket.repository';

describe.each(DATABASES)('LoginTicketRepository on %s', (kind) => {
  let db: RepositoryDb;
  let spent: LoginTicketRepository;

  beforeAll(async () => {
    db = await openRepositoryDb(kind, [ConsumedLoginTicket]);
    spent = new LoginTicketRepository(db.source.getRepository(ConsumedLoginTicket), new FastSql(db.source));
  });
  afterAll(() => db.close());

  it('declares exactly the columns the migrations created', async () => {
    expect(declaredColumns(db.source, ConsumedLoginTicket)).toEqual(
      await migratedColumns(db.source, 'consumed_login_tickets'),
    );
  });

  it('spends a ticket once, however many try at the same time', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => spent.consumeLoginTicket('nonce-1', 5_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await spent.consumeLoginTicket('nonce-1', 5_000)).toBe(false);
  });

  it('deletes the spent tickets expired before the cut, in batches', async () => {
    for (let i = 0; i < 3; i++) await spent.consumeLoginTicket(`old-${i}`, 100);
    await spent.consumeLoginTicket('live', 10_000);
    expect(await spent.deleteExpired(1_000, 2)).toBe(2);
    expect(await spent.deleteExpired(1_000, 2)).toBe(1);
    expect(await spent.deleteExpired(1_000, 2)).toBe(0);
    expect(await spent.consumeLoginTicket('live', 10_000)).toBe(false);
  });
});
