import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { COLUMN_LIMITS } from '../database/column-limits';
import type { ServicePattern } from './service-pattern.entity';

/** A username allowed to use a service whose `restrictUsers` is set. */
@Entity('service_allowed_users')
export class AllowedUser {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: COLUMN_LIMITS.service_allowed_users.username.chars })
  username!: string;

  @ManyToOne('ServicePattern', 'allowedUsers', { onDelete: 'CASCADE', orphanedRowAction: 'delete' })
  @JoinColumn({ name: 'service_id' })
  service!: ServicePattern;
}

/** An attribute released to a service, optionally under another name; `*` releases all. */
@Entity('service_released_attributes')
export class ReleasedAttribute {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: COLUMN_LIMITS.service_released_attributes.name.chars })
  name!: string;

  @Column({
    name: 'rename_to',
    type: 'varchar',
    length: COLUMN_LIMITS.service_released_attributes.rename_to.chars,
    default: '',
  })
  renameTo!: string;

  @ManyToOne('ServicePattern', 'releasedAttributes', { onDelete: 'CASCADE', orphanedRowAction: 'delete' })
  @JoinColumn({ name: 'service_id' })
  service!: ServicePattern;
}

/** A regular-expression substitution applied to every value of an attribute. */
@Entity('service_attribute_rewrites')
export class AttributeRewrite {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: COLUMN_LIMITS.service_attribute_rewrites.attribute.chars })
  attribute!: string;

  @Column({ type: 'varchar', length: COLUMN_LIMITS.service_attribute_rewrites.pattern.chars })
  pattern!: string;

  @Column({ type: 'varchar', length: COLUMN_LIMITS.service_attribute_rewrites.replacement.chars, default: '' })
  replacement!: string;

  @ManyToOne('ServicePattern', 'attributeRewrites', { onDelete: 'CASCADE', orphanedRowAction: 'delete' })
  @JoinColumn({ name: 'service_id' })
  service!: ServicePattern;
}

/** The user must have this attribute with a value matching the pattern to get a ticket. */
@Entity('service_required_attributes')
export class RequiredAttribute {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: COLUMN_LIMITS.service_required_attributes.attribute.chars })
  attribute!: string;

  @Column({ type: 'varchar', length: COLUMN_LIMITS.service_required_attributes.pattern.chars })
  pattern!: string;

  @ManyToOne('ServicePattern', 'requiredAttributes', { onDelete: 'CASCADE', orphanedRowAction: 'delete' })
  @JoinColumn({ name: 'service_id' })
  service!: ServicePattern;
}
