import { describe, expect, it } from 'vitest';
import { mapFieldError } from './fieldErrors';

const invalidEmail = { code: 'invalid_input', message: 'Not a valid email', field: 'email' };

describe('mapFieldError', () => {
  it('puts the message under the field the error names, when the form shows it', () => {
    expect(mapFieldError(invalidEmail, ['name', 'email'])).toEqual({
      fields: { email: 'Not a valid email' },
      field: 'email',
      general: null,
      error: invalidEmail,
    });
  });

  it('makes it a general message when no field is named, or one the form does not show', () => {
    const locked = { code: 'storage', message: 'The database is locked' };
    expect(mapFieldError(locked, ['name', 'email'])).toMatchObject({
      fields: {},
      field: null,
      general: 'The database is locked',
    });
    expect(mapFieldError(invalidEmail, ['name'])).toMatchObject({
      fields: {},
      field: null,
      general: 'Not a valid email',
    });
  });

  it('maps backend fields onto the form’s own places', () => {
    const slots = { title: 'title', cells: 'group', body: 'group' } as const;
    const empty = { code: 'invalid_input', message: 'A row needs at least one filled cell', field: 'cells' };
    expect(mapFieldError(empty, slots)).toMatchObject({
      fields: { group: 'A row needs at least one filled cell' },
      field: 'group',
      general: null,
    });
    // Only the map's own keys count, not what every object inherits.
    expect(mapFieldError({ ...empty, field: 'toString' }, slots).general).toBe(empty.message);
  });

  it('turns anything else thrown into a general message', () => {
    expect(mapFieldError('disk full', ['name'])).toMatchObject({ general: 'disk full', field: null });
    expect(mapFieldError(new Error('boom'), ['name']).general).toContain('boom');
  });
});
