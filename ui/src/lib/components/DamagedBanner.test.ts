import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockBackend, snapshot, type Routes } from '../../test/fixtures';
import type { AppError } from '../ipc';
import { reloadWith } from '../reload';
import DamagedBanner from './DamagedBanner.svelte';

vi.mock('../reload', () => ({ reloadWith: vi.fn(), takeAfterReload: () => null }));

const damaged: AppError = {
  code: 'damaged',
  message:
    'The database file /srv/lb/leadbook.db is damaged (*** in database main *** Page 4: btreeInitPage() returns error code 11). It was left as it is.',
};
const good = snapshot(30, 'auto');
const older = snapshot(300, 'manual');

function show(routes: Routes) {
  const backend = mockBackend(routes);
  render(DamagedBanner, { error: damaged, dataDir: '/srv/lb' });
  return backend;
}

describe('DamagedBanner', () => {
  afterEach(() => vi.mocked(reloadWith).mockClear());

  it('explains in plain words, says the file was left untouched, and restores the latest good snapshot', async () => {
    const backend = show({
      settings_snapshots: () => [good, older],
      settings_restore_latest_good: () => ({
        restored: good.path,
        previous: '/srv/lb/backups/damaged-20261204T100000.000Z-leadbook.db',
        schema_version: 6,
      }),
    });
    const user = userEvent.setup();
    const banner = screen.getByTestId('damaged-banner');
    expect(banner.textContent).toContain('Leadbook’s database is damaged');
    expect(banner.textContent).toContain('The file was left untouched');
    expect((await screen.findByTestId('damaged-snapshot')).textContent).toContain('30 minutes ago');
    // The technical message is there, out of the way.
    expect(banner.querySelector('details')!.textContent).toContain('btreeInitPage');
    expect(screen.queryByTestId('damaged-data-dir')).toBeNull();

    await user.click(screen.getByTestId('damaged-restore'));
    await waitFor(() => expect(reloadWith).toHaveBeenCalledTimes(1));
    expect(backend.called('settings_restore_latest_good')).toBe(true);
    const after = vi.mocked(reloadWith).mock.calls[0]![0];
    expect(after.message).toMatch(
      /^Restored the snapshot from .+\. The damaged file is kept at \/srv\/lb\/backups\/damaged-/,
    );
  });

  it('with no snapshot at all, says so and shows the data folder', async () => {
    show({ settings_snapshots: () => [] });
    expect((await screen.findByTestId('damaged-no-snapshot')).textContent).toContain('no snapshot to restore');
    expect(screen.getByTestId<HTMLInputElement>('damaged-data-dir').value).toBe('/srv/lb');
    expect(screen.queryByTestId('damaged-restore')).toBeNull();
  });

  it('when no snapshot passes the check, says nothing was restored and shows the data folder', async () => {
    show({
      settings_snapshots: () => [good],
      settings_restore_latest_good: () => {
        throw { code: 'not_found', message: 'A snapshot that passes the integrity check not found' };
      },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('damaged-restore'));
    expect((await screen.findByTestId('damaged-failure')).textContent).toContain(
      'None of the snapshots passes the integrity check',
    );
    expect(screen.getByTestId<HTMLInputElement>('damaged-data-dir').value).toBe('/srv/lb');
    expect(reloadWith).not.toHaveBeenCalled();
  });
});
