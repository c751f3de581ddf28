// Numbers on the Settings page, in the user's locale.
const count = new Intl.NumberFormat();
const size = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** 12345 → "12,345". */
export function formatCount(n: number): string {
  return count.format(n);
}

/** A file size: "820 bytes", "48 KB", "1.3 MB", "2.1 GB" (1 KB = 1024 bytes, as file managers show). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${count.format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${size.format(value)} ${units[unit]}`;
}
