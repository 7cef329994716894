import { ValueTooLongError } from '../database/column-limits';
import { FastSql } from '../database/fast-sql';
import {
  declaredColumns,
  migratedColumns,
  openRepositoryDb,
  type RepositoryDb,
} from '../../test/support/repository-db';
import { DATABASES } from '../../test/support/test-db';
import { Ticket } from './ticket.entity';
import { TicketRepository } from './ticket.repository';

function ticket(id: string, changes: Partial<Ticket> = {}): Ticket {
  return Object.assign(new Ticket(), {
    id,
    type: 'ST',
    sessionId: 'session-1',
    username: 'zoé',
    loginName: 'Zoé',
    service: 'https://app.example/?a=1&b=\u{1F600}',
    servicePatternId: 7,
    attributes: { mail: ['zoe@example.org'], name: ['Zoé'] },
    fromNewLogin: true,
    authenticatedAt: 1_764_000_000_123,
    createdAt: 1_764_000_001_000,
    expiresAt: 1_764_000_011_000,
    validatedAt: null,
    singleLogOut: true,
    proxies: ['https://p2.example/cb', 'https://p1.example/cb'],
    pgtUrl: null,
    ...changes,
  } satisfies Ticket);
}

describe.each(DATABASES)('TicketRepository on %s', (kind) => {
  let db: RepositoryDb;
  let tickets: TicketRepository;

  beforeAll(async () => {
    db = await openRepositoryDb(kind, [Ticket]);
    tickets = new TicketRepository(db.source.getRepository(Ticket), new FastSql(db.source));
  });
  afterAll(() => db.close());

  it('declares exactly the columns the migrations created, and the raw statements use them all', async () => {
    const declared = declaredColumns(db.source, Ticket);
    expect(declared).toEqual(await migratedColumns(db.source, 'tickets'));
    const properties = Object.keys(ticket('x')).sort();
    expect(
      db.source
        .getMetadata(Ticket)
        .columns.map((c) => c.propertyName)
        .sort(),
    ).toEqual(properties);
  });

  it('gives back every property of a ticket as stored, once', async () => {
    const stored = ticket('ST-round-trip');
    await tickets.insertTicket(stored);
    const consumed = await tickets.consumeTicket(stored.id, ['ST', 'PT'], 1_764_000_002_000);
    expect(consumed).toBeInstanceOf(Ticket);
    expect(consumed).toEqual({ ...stored, validatedAt: 1_764_000_002_000 });
    expect(await tickets.consumeTicket(stored.id, ['ST', 'PT'], 1_764_000_003_000)).toBeNull();
  });

  it('maps nulls and false back as such, and refuses another type', async () => {
    const stored = ticket('PT-nulls', {
      type: 'PT',
      servicePatternId: null,
      fromNewLogin: false,
      singleLogOut: false,
      attributes: {},
      proxies: [],
    });
    await tickets.insertTicket(stored);
    expect(await tickets.consumeTicket(stored.id, ['ST'], 5)).toBeNull();
    expect(await tickets.consumeTicket(stored.id, ['PT'], 5)).toEqual({ ...stored, validatedAt: 5 });
  });

  it('lets one of many concurrent consumptions have the ticket', async () => {
    await tickets.insertTicket(ticket('ST-race'));
    const results = await Promise.all(Array.from({ length: 8 }, () => tickets.consumeTicket('ST-race', ['ST'], 9)));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it('refuses a value longer than its column before writing', async () => {
    await expect(tickets.insertTicket(ticket('ST-long', { username: 'u'.repeat(256) }))).rejects.toThrow(
      ValueTooLongError,
    );
    expect(await tickets.consumeTicket('ST-long', ['ST'], 1)).toBeNull();
  });

  it('deletes useless tickets in batches of at most the limit', async () => {
    for (let i = 0; i < 5; i++) await tickets.insertTicket(ticket(`ST-old-${i}`, { expiresAt: 10 }));
    await tickets.insertTicket(ticket('ST-live', { expiresAt: 1_000 }));
    expect(await tickets.deleteUseless(100, 3)).toBe(3);
    expect(await tickets.deleteUseless(100, 3)).toBeGreaterThanOrEqual(2);
    expect(await tickets.consumeTicket('ST-live', ['ST'], 50)).not.toBeNull();
    expect(await tickets.consumeTicket('ST-old-4', ['ST'], 50)).toBeNull();
  });
});
