import { afterEach, describe, expect, it } from 'vitest';
import { muteErrors, showToast, toasts } from './toasts.svelte';

describe('toasts', () => {
  afterEach(() => {
    toasts.splice(0);
    muteErrors(null);
  });

  it('shows the same failure once while its toast is on screen', () => {
    showToast('database is locked', { kind: 'error' });
    showToast('database is locked', { kind: 'error' });
    showToast('Saved Ada', {});
    showToast('Saved Ada', {});
    expect(toasts.map((t) => t.message)).toEqual(['database is locked', 'Saved Ada', 'Saved Ada']);
  });

  it('drops error toasts that repeat what a banner already says', () => {
    muteErrors('The database file /d/leadbook.db is damaged');
    showToast('The database file /d/leadbook.db is damaged', { kind: 'error' });
    showToast('Notes not saved: The database file /d/leadbook.db is damaged. Leadbook keeps trying.', {
      kind: 'error',
    });
    showToast('Snapshot restore failed: disk full', { kind: 'error' });
    expect(toasts.map((t) => t.message)).toEqual(['Snapshot restore failed: disk full']);
    muteErrors(null);
    showToast('The database file /d/leadbook.db is damaged', { kind: 'error' });
    expect(toasts).toHaveLength(2);
  });
});
