import { InvalidUserError } from '../auth/user-values';
import { UserExistsError } from '../auth/users.service';
import { ServiceConflictError, ServiceDefinitionError } from '../services/service-definition';
import { InvalidInputError, NotFoundError } from './use-case-errors';
import { invalid, notFound } from './validation';

/**
 * Runs a use case and answers its refusals in the admin API's terms: 422 for input that breaks
 * a rule, 409 for a clash with what exists, 404 for what does not exist.
 */
export async function adminCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof InvalidInputError) throw invalid(422, 'The request body is not valid', err.errors);
    if (err instanceof InvalidUserError) throw invalid(422, 'The user is not valid', err.errors);
    if (err instanceof ServiceDefinitionError) throw invalid(422, 'The service is not valid', err.errors);
    if (err instanceof ServiceConflictError) throw invalid(409, 'The service clashes with another one', err.errors);
    if (err instanceof UserExistsError) {
      throw invalid(409, 'A user with this username already exists', [{ field: 'username', message: 'is taken' }]);
    }
    if (err instanceof NotFoundError) throw notFound(`This ${err.kind}`);
    throw err;
  }
}
