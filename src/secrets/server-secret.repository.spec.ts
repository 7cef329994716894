import {
  declaredColumns,
  migratedColumns,
  openRepositoryDb,
  type RepositoryDb,
} from '../../test/support/repository-db';
import { DATABASES } from '../../test/support/test-db';
import { ServerSecret } from './server-secret.entity';
import { ServerSecretRepository } from './server-secret.repository';

describe.each(DATABASES)('ServerSecretRepository on %s', (kind) => {
  let db: RepositoryDb;
  let secrets: ServerSecretRepository;

  beforeAll(async () => {
    db = await openRepositoryDb(kind, [ServerSecret]);
    secrets = new ServerSecretRepository(db.source.getRepository(ServerSecret));
  });
  afterAll(() => db.close());

  it('declares exactly the columns the migrations created', async () => {
    expect(declaredColumns(db.source, ServerSecret)).toEqual(await migratedColumns(db.source, 'server_secrets'));
  });

  it('keeps the first secret of a name: a second insert changes nothing', async () => {
    await Promise.all([
      secrets.insertSecretIfAbsent({ name: 'k', value: 'first', createdAt: 1 }),
      secrets.insertSecretIfAbsent({ name: 'k', value: 'second', createdAt: 2 }),
    ]);
    const kept = await secrets.loadSecret('k');
    await secrets.insertSecretIfAbsent({ name: 'k', value: 'third', createdAt: 3 });
    expect(await secrets.loadSecret('k')).toEqual(kept);
    await expect(secrets.loadSecret('missing')).rejects.toThrow();
  });
});
