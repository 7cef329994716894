import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import type { Attributes } from '../common/attributes';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';
import { assertValidUser } from './user-values';

export class UserExistsError extends Error {}

/** Local users: creation and maintenance (CLI and admin API). */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly repo: Repository<User>,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly hasher: PasswordHasher,
  ) {}

  hashPassword(password: string): Promise<string> {
    return this.hasher.hash(password, this.config.bcryptRounds);
  }

  async create(username: string, password: string, attributes: Attributes): Promise<User> {
    assertValidUser({ username, attributes });
    if (await this.repo.exists({ where: { username } })) throw new UserExistsError(username);
    const now = Date.now();
    return this.repo.save(
      this.repo.create({
        username,
        passwordHash: await this.hashPassword(password),
        attributes,
        disabled: false,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  findByUsername(username: string): Promise<User | null> {
    return this.repo.findOne({ where: { username } });
  }

  list(): Promise<User[]> {
    return this.repo.find({ order: { username: 'ASC' } });
  }

  async page(offset: number, limit: number): Promise<{ items: User[]; total: number }> {
    const [items, total] = await this.repo.findAndCount({ order: { username: 'ASC' }, skip: offset, take: limit });
    return { items, total };
  }

  /** Applies the given changes; null if there is no such user. */
  async update(username: string, changes: { attributes?: Attributes; disabled?: boolean }): Promise<User | null> {
    const user = await this.findByUsername(username);
    if (!user) return null;
    assertValidUser({ attributes: changes.attributes });
    if (changes.attributes !== undefined) user.attributes = changes.attributes;
    if (changes.disabled !== undefined) user.disabled = changes.disabled;
    user.updatedAt = Date.now();
    return this.repo.save(user);
  }

  /** False if there is no such user. The password is only ever stored as a bcrypt hash. */
  async setPassword(username: string, password: string): Promise<boolean> {
    const user = await this.findByUsername(username);
    if (!user) return false;
    await this.repo.update({ id: user.id }, { passwordHash: await this.hashPassword(password), updatedAt: Date.now() });
    return true;
  }

  async delete(username: string): Promise<boolean> {
    const result = await this.repo.delete({ username });
    return (result.affected ?? 0) > 0;
  }
}
