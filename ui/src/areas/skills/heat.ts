// Display helpers for skill levels: the scale's names and the heat colour tokens. No rules here:
// holders, coverage and the bus factor come computed from Rust.
import type { Cell, ScaleStep } from '../../lib/ipc';

/** The CSS background and text colour of a level (0-4), from tokens.css. */
export function heatStyle(level: number): string {
  return `background: var(--heat-${level}); color: var(--heat-text-${level});`;
}

/** "3 Proficient", or "3" when the scale is not loaded. */
export function levelLabel(level: number | null, scale: ScaleStep[]): string {
  if (level === null) return 'not rated';
  const step = scale.find((s) => s.level === level);
  return step ? `${level} ${step.name}` : String(level);
}

/** One line about a cell: the manager's and the self rating with their dates, and the flag. */
export function describeCell(cell: Cell, scale: ScaleStep[]): string {
  const parts = [
    cell.manager === null ? 'Manager: not rated' : `Manager: ${levelLabel(cell.manager, scale)} on ${cell.manager_on}`,
    cell.self_level === null ? 'Self: not rated' : `Self: ${levelLabel(cell.self_level, scale)} on ${cell.self_on}`,
  ];
  if (cell.wants_to_grow) parts.push('wants to grow this');
  return parts.join(' · ');
}

/** Today as YYYY-MM-DD in local time. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The date `months` months before `from`, as YYYY-MM-DD. */
export function monthsAgo(months: number, from: Date = new Date()): string {
  const d = new Date(from);
  d.setMonth(d.getMonth() - months);
  return todayIso(d);
}
