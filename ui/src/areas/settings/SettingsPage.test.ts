import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Preferences } from '../../bindings';
import { reloadWith } from '../../lib/reload';
import { appStatus, dbInfo, mockBackend, preferences, snapshot, type Routes } from '../../test/fixtures';
import { reasonLabel } from './backups';
import { formatBytes, formatCount } from './format';
import SettingsPage from './SettingsPage.svelte';

vi.mock('../../lib/reload', () => ({ reloadWith: vi.fn(), takeAfterReload: () => null }));

/** Preferences kept the way the backend keeps them; `failOn` refuses saves that change that key. */
function fakeBackend(options: { failOn?: keyof Preferences; routes?: Routes } = {}) {
  let saved = preferences();
  return mockBackend({
    settings_preferences: () => saved,
    settings_set_preferences: (args) => {
      const next = args.preferences as Preferences;
      if (options.failOn && next[options.failOn] !== saved[options.failOn]) {
        throw { code: 'storage', message: 'The database is read-only' };
      }
      saved = next;
      return saved;
    },
    settings_db_info: () => dbInfo(),
    settings_check_db: () => ({ ok: true, problems: [] }),
    settings_snapshots: () => [],
    ...options.routes,
  });
}

const theme = () => document.documentElement.dataset.theme;
const radio = (name: string) => screen.getByRole('radio', { name });

describe('SettingsPage', () => {
  afterEach(() => {
    delete document.documentElement.dataset.theme;
    vi.unstubAllGlobals();
  });

  it('shows where the data lives, the schema, the size and the rows of every table', async () => {
    fakeBackend();
    render(SettingsPage);
    const dir = await screen.findByTestId<HTMLInputElement>('settings-data-dir');
    expect(dir.value).toBe('/home/me/.local/share/leadbook');
    expect(dir.readOnly).toBe(true);
    expect(screen.getByTestId<HTMLInputElement>('settings-db-path').value).toBe(
      '/home/me/.local/share/leadbook/leadbook.db',
    );
    expect(screen.getByTestId('settings-schema-version').textContent).toBe('6');
    expect(screen.getByTestId('settings-db-size').textContent?.trim()).toBe('1.3 MB');
    const rows = within(screen.getByTestId('settings-tables')).getAllByTestId('settings-table-row');
    expect(rows.map((r) => r.textContent)).toEqual(['meetings1,204', 'people8']);
    expect(rows[0]!.querySelector('.rows')!.classList.contains('num')).toBe(true);
    // The preferences as saved.
    expect(radio('System').getAttribute('aria-checked')).toBe('true');
    expect(screen.getByTestId<HTMLSelectElement>('settings-cadence').value).toBe('weekly');
    expect(screen.getByTestId<HTMLSelectElement>('settings-week-start').value).toBe('monday');
  });

  it('applies a theme at once and saves it, with the quiet Saved marker', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(SettingsPage);
    await user.click(await screen.findByRole('radio', { name: 'Dark' }));
    expect(theme()).toBe('dark');
    await waitFor(() => expect(screen.getByTestId('settings-saved').textContent).toContain('Saved'));
    expect(backend.lastArgs('settings_set_preferences')).toEqual({ preferences: preferences({ theme: 'dark' }) });
    expect(radio('Dark').getAttribute('aria-checked')).toBe('true');

    // Arrow keys move through the choices like any radio group.
    radio('Dark').focus();
    await user.keyboard('{ArrowLeft}');
    expect(theme()).toBe('light');
    await waitFor(() =>
      expect(backend.lastArgs('settings_set_preferences')).toEqual({ preferences: preferences({ theme: 'light' }) }),
    );
  });

  it('saves the default cadence and the first day of the week', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(SettingsPage);
    await user.selectOptions(await screen.findByTestId('settings-cadence'), 'biweekly');
    await user.selectOptions(screen.getByTestId('settings-week-start'), 'sunday');
    await waitFor(() =>
      expect(backend.argsOf('settings_set_preferences')).toEqual([
        { preferences: preferences({ default_cadence: 'biweekly' }) },
        { preferences: preferences({ default_cadence: 'biweekly', week_start: 'sunday' }) },
      ]),
    );
    expect(screen.getAllByTestId('settings-saved')).toHaveLength(1);
  });

  it('puts a control back and says why when saving fails, without taking the next change down with it', async () => {
    const backend = fakeBackend({ failOn: 'theme' });
    const user = userEvent.setup();
    render(SettingsPage);
    await user.click(await screen.findByRole('radio', { name: 'Dark' }));
    await user.selectOptions(screen.getByTestId('settings-cadence'), 'monthly');
    const error = await screen.findByTestId('settings-error-theme');
    expect(error.textContent).toContain('The database is read-only');
    expect(radio('System').getAttribute('aria-checked')).toBe('true');
    expect(theme()).not.toBe('dark');
    await waitFor(() =>
      expect(backend.lastArgs('settings_set_preferences')).toEqual({
        preferences: preferences({ default_cadence: 'monthly' }),
      }),
    );
    expect(screen.getByTestId<HTMLSelectElement>('settings-cadence').value).toBe('monthly');
    expect(screen.queryByTestId('settings-error-default_cadence')).toBeNull();
  });

  it('checks the database: no problems, or each problem listed', async () => {
    let report = { ok: true, problems: [] as string[] };
    fakeBackend({ routes: { settings_check_db: () => report } });
    const user = userEvent.setup();
    render(SettingsPage);
    await user.click(await screen.findByTestId('settings-check'));
    expect((await screen.findByTestId('settings-check-result')).textContent).toContain('No problems found');

    report = {
      ok: false,
      problems: ['row 3 missing from index note_docs_person', 'meetings row 7: person_id not found'],
    };
    await user.click(screen.getByTestId('settings-check'));
    await waitFor(() => expect(screen.getByTestId('settings-check-result').textContent).toContain('2 problems found'));
    expect(within(screen.getByTestId('settings-check-result')).getAllByRole('listitem')).toHaveLength(2);
  });

  it('copies a path, or selects it and says how when the clipboard is not available', async () => {
    fakeBackend();
    const user = userEvent.setup();
    render(SettingsPage);
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await user.click(await screen.findByTestId('settings-copy-path'));
    expect(writeText).toHaveBeenCalledWith('/home/me/.local/share/leadbook/leadbook.db');
    expect(screen.getByTestId('settings-copy-path').textContent).toContain('Copied');

    writeText.mockRejectedValue(new Error('not allowed'));
    await user.click(screen.getByTestId('settings-copy-dir'));
    const dir = screen.getByTestId<HTMLInputElement>('settings-data-dir');
    await waitFor(() => expect(document.activeElement).toBe(dir));
    expect([dir.selectionStart, dir.selectionEnd]).toEqual([0, dir.value.length]);
    expect(screen.getByTestId('settings-press-copy').textContent).toContain('Press Ctrl+C');
  });

  it('says when the preferences or the database cannot be read, and tries again', async () => {
    let broken = true;
    const fail = () => {
      if (broken) throw { code: 'storage', message: 'database disk image is malformed' };
    };
    fakeBackend({
      routes: {
        settings_preferences: () => (fail(), preferences()),
        settings_db_info: () => (fail(), dbInfo()),
        app_status: () => appStatus({ data_dir: '/srv/leadbook' }),
      },
    });
    const user = userEvent.setup();
    render(SettingsPage);
    expect((await screen.findByTestId('settings-prefs-error')).textContent).toContain('malformed');
    expect((await screen.findByTestId('settings-db-error')).textContent).toContain('malformed');
    // Where the data lives is still shown, so the file can be found.
    expect((await screen.findByTestId<HTMLInputElement>('settings-data-dir')).value).toBe('/srv/leadbook');

    broken = false;
    await user.click(within(screen.getByTestId('settings-db-error')).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('settings-schema-version')).toBeTruthy();
    await user.click(within(screen.getByTestId('settings-prefs-error')).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('radio', { name: 'System' })).toBeTruthy();
  });
});

describe('Settings → Backups', () => {
  afterEach(() => vi.mocked(reloadWith).mockClear());

  const manual = snapshot(3, 'manual');
  const auto = snapshot(60 * 26, 'auto', { size_bytes: 2048 });
  const migration = snapshot(60 * 24 * 9, 'migration from v3');

  it('lists the snapshots, newest first: when (relative, exact on hover), why and size', async () => {
    fakeBackend({ routes: { settings_snapshots: () => [manual, auto, migration] } });
    render(SettingsPage);
    const rows = await screen.findAllByTestId('settings-snapshot');
    expect(rows).toHaveLength(3);
    const time = rows[0]!.querySelector('time')!;
    expect(time.textContent).toBe('3 minutes ago');
    expect(time.getAttribute('datetime')).toBe(manual.at);
    expect(time.getAttribute('title')).toMatch(/\d{4}/);
    expect(rows.map((r) => within(r).getByTestId('settings-snapshot-reason').textContent)).toEqual([
      'Taken by hand',
      'Automatic',
      'Before upgrading from version 3',
    ]);
    expect(rows[1]!.textContent).toContain('yesterday');
    expect(rows[1]!.textContent).toContain('2 KB');
    expect(screen.getByTestId('settings-backups').textContent).toContain('3 snapshots');
  });

  it('says when there is no snapshot yet, and takes one on demand', async () => {
    let list: ReturnType<typeof snapshot>[] = [];
    const backend = fakeBackend({
      routes: {
        settings_snapshots: () => list,
        settings_snapshot_now: () => {
          list = [manual];
          return manual;
        },
      },
    });
    const user = userEvent.setup();
    render(SettingsPage);
    expect((await screen.findByTestId('settings-snapshots-empty')).textContent).toContain('No snapshots yet');
    await user.click(screen.getByTestId('settings-snapshot-now'));
    expect(await screen.findByTestId('settings-snapshot')).toBeTruthy();
    expect(backend.called('settings_snapshot_now')).toBe(true);
    expect(screen.getByTestId('settings-backups-outcome').textContent).toContain('Snapshot taken (1.3 MB)');
  });

  it('restores a snapshot after asking once (saying the current database is snapshotted first), then reloads', async () => {
    const backend = fakeBackend({
      routes: {
        settings_snapshots: () => [manual, auto],
        settings_restore_snapshot: () => ({ restored: auto.path, previous: manual.path, schema_version: 6 }),
      },
    });
    const user = userEvent.setup();
    render(SettingsPage);
    const rows = await screen.findAllByTestId('settings-snapshot');
    await user.click(within(rows[1]!).getByTestId('settings-snapshot-restore'));
    const confirm = screen.getByTestId('confirm-dialog');
    expect(confirm.textContent).toContain('everything written since leaves the database');
    expect(confirm.textContent).toContain('The current database is snapshotted first');
    expect(document.activeElement).toBe(within(confirm).getByTestId('confirm-cancel'));
    await user.click(within(confirm).getByTestId('confirm-cancel'));
    expect(backend.called('settings_restore_snapshot')).toBe(false);

    await user.click(within(rows[1]!).getByTestId('settings-snapshot-restore'));
    await user.click(within(screen.getByTestId('confirm-dialog')).getByTestId('confirm-ok'));
    await waitFor(() => expect(reloadWith).toHaveBeenCalledTimes(1));
    expect(backend.lastArgs('settings_restore_snapshot')).toEqual({ file: auto.file });
    expect(vi.mocked(reloadWith).mock.calls[0]![0]).toMatchObject({ area: 'settings' });
  });

  it('says why a restore failed, and does not reload', async () => {
    fakeBackend({
      routes: {
        settings_snapshots: () => [auto],
        settings_restore_snapshot: () => {
          throw { code: 'storage', message: 'snapshot.db is damaged; nothing was restored' };
        },
      },
    });
    const user = userEvent.setup();
    render(SettingsPage);
    await user.click(await screen.findByTestId('settings-snapshot-restore'));
    await user.click(within(screen.getByTestId('confirm-dialog')).getByTestId('confirm-ok'));
    expect((await screen.findByTestId('settings-backups-outcome')).textContent).toContain(
      'Nothing was restored: snapshot.db is damaged',
    );
    expect(reloadWith).not.toHaveBeenCalled();
  });

  it('shows progress for work that takes a moment', async () => {
    let finish!: (v: unknown) => void;
    fakeBackend({
      routes: {
        settings_snapshots: () => [auto],
        settings_export_archive: () => new Promise((resolve) => (finish = resolve)),
      },
    });
    const user = userEvent.setup();
    render(SettingsPage);
    await user.click(await screen.findByTestId('settings-export-archive'));
    const progress = await screen.findByTestId('settings-backups-progress', {}, { timeout: 2000 });
    expect(progress.textContent).toContain('Exporting everything…');
    expect(screen.getByRole('progressbar')).toBeTruthy();
    expect(screen.getByTestId<HTMLButtonElement>('settings-import-archive').disabled).toBe(true);
    finish('/home/me/leadbook-2026-12-04.json');
    expect((await screen.findByTestId('settings-backups-outcome')).textContent).toContain(
      'Exported to /home/me/leadbook-2026-12-04.json',
    );
    expect(screen.queryByTestId('settings-backups-progress')).toBeNull();
  });

  it('imports an archive; over a database with data, asks once more and replaces it after a snapshot', async () => {
    const backend = fakeBackend({
      routes: {
        settings_snapshots: () => [auto],
        settings_import_archive: (args) => {
          if (!args.replace) {
            throw { code: 'conflict', message: 'This database already holds data' };
          }
          return { tables: 12, rows: 1234 };
        },
      },
    });
    const user = userEvent.setup();
    render(SettingsPage);
    await user.click(await screen.findByTestId('settings-import-archive'));
    const confirm = await screen.findByTestId('confirm-dialog');
    expect(confirm.textContent).toContain('Replace everything in this database?');
    expect(confirm.textContent).toContain('The current database is snapshotted first');
    await user.click(within(confirm).getByTestId('confirm-ok'));
    await waitFor(() => expect(reloadWith).toHaveBeenCalledTimes(1));
    expect(backend.argsOf('settings_import_archive')).toEqual([{ replace: false }, { replace: true }]);
    expect(vi.mocked(reloadWith).mock.calls[0]![0].message).toContain('1,234 rows in 12 tables');
  });

  it('a cancelled file dialog changes nothing', async () => {
    fakeBackend({ routes: { settings_import_archive: () => null, settings_export_archive: () => null } });
    const user = userEvent.setup();
    render(SettingsPage);
    await user.click(await screen.findByTestId('settings-import-archive'));
    await user.click(screen.getByTestId('settings-export-archive'));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId('settings-backups-outcome')).toBeNull();
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(reloadWith).not.toHaveBeenCalled();
  });

  it('names why a snapshot was taken in words', () => {
    expect(reasonLabel('before restore')).toBe('Just before a restore');
    expect(reasonLabel('before archive import')).toBe('Before an archive import');
    expect(reasonLabel('something new')).toBe('Something new');
  });
});

describe('Settings numbers', () => {
  it('reads sizes and counts the way a file manager does', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(4096)).toBe('4 KB');
    expect(formatBytes(1_363_148)).toBe('1.3 MB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5 GB');
    expect(formatCount(120000)).toBe('120,000');
  });
});
