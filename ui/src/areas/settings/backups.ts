// Words for the Backups card: why each snapshot was taken, as a person would say it.

/** "auto" → "Automatic", "migration from v3" → "Before upgrading from version 3", … */
export function reasonLabel(reason: string): string {
  const migration = /^migration from v(\d+)$/.exec(reason);
  if (migration) return `Before upgrading from version ${migration[1]}`;
  const known: Record<string, string> = {
    auto: 'Automatic',
    manual: 'Taken by hand',
    'before restore': 'Just before a restore',
    'before archive import': 'Before an archive import',
    'before import': 'Before an import',
  };
  if (known[reason]) return known[reason];
  return reason ? reason[0]!.toUpperCase() + reason.slice(1) : 'Snapshot';
}
