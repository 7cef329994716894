import { Inject, Injectable, type PipeTransform, type Type } from '@nestjs/common';
import type { z } from 'zod';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { invalidRequestOf } from './params';

/**
 * A pipe parsing an endpoint's parameters with its zod schema, built once from the settings
 * (bounds such as CAS_MAX_SERVICE_URL_LENGTH): `@Query(ParamsPipe(loginQuery)) query`. An
 * unreadable request throws InvalidRequest (a ParamError naming the parameter), which the
 * endpoint family's error filter answers in its format.
 */
export function ParamsPipe<S extends z.ZodType>(schemaFor: (config: CasConfig) => S): Type<PipeTransform> {
  @Injectable()
  class ZodParamsPipe implements PipeTransform<unknown, z.output<S>> {
    private readonly schema: S;

    constructor(@Inject(CAS_CONFIG) config: CasConfig) {
      this.schema = schemaFor(config);
    }

    transform(value: unknown): z.output<S> {
      const parsed = this.schema.safeParse(value);
      if (!parsed.success) throw invalidRequestOf(parsed.error);
      return parsed.data;
    }
  }
  return ZodParamsPipe;
}
