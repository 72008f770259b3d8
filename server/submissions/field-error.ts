/** A submission refused for one field: 400 with the field named and what to do about it. */
import { ApiError } from '../http/errors.ts';

export const fieldError = (field: string, message: string) =>
  new ApiError(400, 'validation_failed', 'Some fields need attention', { [field]: [message] });
