import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ServicePattern } from './service-pattern.entity';

/** A username allowed to use a service whose `restrictUsers` is set. */
@Entity('service_allowed_users')
export class AllowedUser {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 255 })
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

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'rename_to', type: 'varchar', length: 255, default: '' })
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

  @Column({ type: 'varchar', length: 255 })
  attribute!: string;

  @Column({ type: 'varchar', length: 1024 })
  pattern!: string;

  @Column({ type: 'varchar', length: 1024, default: '' })
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

  @Column({ type: 'varchar', length: 255 })
  attribute!: string;

  @Column({ type: 'varchar', length: 1024 })
  pattern!: string;

  @ManyToOne('ServicePattern', 'requiredAttributes', { onDelete: 'CASCADE', orphanedRowAction: 'delete' })
  @JoinColumn({ name: 'service_id' })
  service!: ServicePattern;
}
