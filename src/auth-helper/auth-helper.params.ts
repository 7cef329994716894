/** The form fields of POST /auth, in the order they are checked. */
import { z } from 'zod';
import type { CasConfig } from '../config/cas-config';
import { formBody, param, serviceUrlParam } from '../protocol/params';

export function authHelperForm(config: CasConfig) {
  return formBody(
    z.object({
      username: param(256),
      password: param(1024),
      service: serviceUrlParam(config),
      secret: param(1024),
    }),
  );
}

export type AuthHelperForm = z.output<ReturnType<typeof authHelperForm>>;
