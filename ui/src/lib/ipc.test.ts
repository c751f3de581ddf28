import { describe, expect, it } from 'vitest';
import { mockBackend } from '../test/fixtures';
import { api, toAppError } from './ipc';

describe('ipc', () => {
  it('passes backend errors through as AppError', async () => {
    mockBackend({
      people_get: () => {
        throw { code: 'not_found', message: 'Person not found' };
      },
    });
    await expect(api.people.get('x')).rejects.toEqual({ code: 'not_found', message: 'Person not found' });
  });

  it('wraps anything else as a storage error', () => {
    expect(toAppError('boom')).toEqual({ code: 'storage', message: 'boom' });
  });

  it('sends named arguments the Rust commands expect', async () => {
    const backend = mockBackend({ people_list: () => [] });
    await api.people.list({ filter: null, include_archived: false });
    expect(backend.calls).toEqual([{ cmd: 'people_list', args: { query: { filter: null, include_archived: false } } }]);
  });
});
