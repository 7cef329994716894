import { Column, Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { COLUMN_LIMITS } from '../database/column-limits';
import { epochMs } from '../database/columns';
import { AllowedUser, AttributeRewrite, ReleasedAttribute, RequiredAttribute } from './service-pattern-children.entity';

const L = COLUMN_LIMITS.service_patterns;

/** A registered application: which service URLs it covers and what they receive. */
@Entity('service_patterns')
export class ServicePattern {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Evaluation order, ascending; the first matching pattern wins. */
  @Column({ type: 'int', default: 100 })
  position!: number;

  @Column({ type: 'varchar', length: L.name.chars, unique: true })
  name!: string;

  /** Regular expression that must match the whole service URL. */
  @Column({ type: 'varchar', length: L.pattern.chars, unique: true })
  pattern!: string;

  /** Attribute sent as the username instead of the login name; empty = the login name. */
  @Column({ name: 'user_field', type: 'varchar', length: L.user_field.chars, default: '' })
  userField!: string;

  @Column({ name: 'restrict_users', type: 'boolean', default: false })
  restrictUsers!: boolean;

  @Column({ type: 'boolean', default: false })
  proxy!: boolean;

  @Column({ name: 'proxy_callback', type: 'boolean', default: false })
  proxyCallback!: boolean;

  @Column({ name: 'single_log_out', type: 'boolean', default: false })
  singleLogOut!: boolean;

  @Column({ name: 'single_log_out_callback', type: 'varchar', length: L.single_log_out_callback.chars, default: '' })
  singleLogOutCallback!: string;

  /** Tell the service through the user's browser on the logout page, not server to server. */
  @Column({ name: 'front_channel_logout', type: 'boolean', default: false })
  frontChannelLogout!: boolean;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;

  @OneToMany(() => AllowedUser, (child) => child.service, { cascade: true, eager: true })
  allowedUsers!: AllowedUser[];

  @OneToMany(() => ReleasedAttribute, (child) => child.service, { cascade: true, eager: true })
  releasedAttributes!: ReleasedAttribute[];

  @OneToMany(() => AttributeRewrite, (child) => child.service, { cascade: true, eager: true })
  attributeRewrites!: AttributeRewrite[];

  @OneToMany(() => RequiredAttribute, (child) => child.service, { cascade: true, eager: true })
  requiredAttributes!: RequiredAttribute[];
}
