// Where a form shows a failed save: the backend's AppError names the field it is about
// (`field`), and the message goes under that field; anything else is a message for the form as a
// whole (or a toast, where the form has no place for one).
import { toAppError, type AppError } from './ipc';

export type FieldErrors<F extends string> = {
  /** The message under the field it concerns; at most one is set. */
  fields: Partial<Record<F, string>>;
  /** That field, to put the cursor there; null for a general message. */
  field: F | null;
  /** The message when it belongs to no field this form shows. */
  general: string | null;
  /** The error as thrown, normalised. */
  error: AppError;
};

/**
 * Splits what a save threw into a message under one of the form's fields or a general one.
 * `fields` lists the backend field names the form shows, or maps them onto the form's own places
 * (several backend fields may share one, such as a group of inputs).
 */
export function mapFieldError<F extends string>(
  thrown: unknown,
  fields: readonly F[] | Readonly<Record<string, F>>,
): FieldErrors<F> {
  const error = toAppError(thrown);
  const name = error.field;
  let field: F | null = null;
  if (name !== undefined) {
    if (Array.isArray(fields)) field = fields.includes(name as F) ? (name as F) : null;
    else if (Object.hasOwn(fields, name)) field = (fields as Readonly<Record<string, F>>)[name] ?? null;
  }
  if (field === null) return { fields: {}, field: null, general: error.message, error };
  return { fields: { [field]: error.message } as Partial<Record<F, string>>, field, general: null, error };
}
