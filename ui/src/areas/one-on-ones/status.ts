// Words for what the backend decided (cadence state, dates). Nothing here computes a rule:
// the state, the days since the last 1:1 and the next due date all come from Rust.
import type { Tone } from '../../lib/components/Pill.svelte';
import { daysAgo, formatDay } from '../../lib/dates';
import type { Cadence, CadenceStatus, DueState, GoalStatus } from '../../lib/ipc';

export const dueBadges: Record<DueState, { label: string; tone: Tone; icon: string }> = {
  overdue: { label: 'Overdue', tone: 'danger', icon: 'alert' },
  due: { label: 'Due today', tone: 'warning', icon: 'clock' },
  due_soon: { label: 'Due soon', tone: 'info', icon: 'clock' },
  on_track: { label: 'On track', tone: 'success', icon: 'check' },
  never_met: { label: 'No 1:1 yet', tone: 'neutral', icon: 'circle' },
};

/** Group headings on Today, where everyone listed is due within the week. */
export const dueGroups: Record<DueState, string> = {
  overdue: 'Overdue',
  due: 'Due today',
  due_soon: 'Due soon',
  on_track: 'This week',
  never_met: 'Never met',
};

export const cadences: { value: Cadence; label: string }[] = [
  { value: 'weekly', label: 'Weekly' },
  { value: 'biweekly', label: 'Every 2 weeks' },
  { value: 'monthly', label: 'Monthly' },
];

export function cadenceLabel(cadence: Cadence): string {
  return cadences.find((c) => c.value === cadence)?.label ?? cadence;
}

/** "Last 1:1 12 days ago" / "No 1:1 yet". */
export function lastMet(status: CadenceStatus, capital = true): string {
  if (status.days_since_last === null) return capital ? 'No 1:1 yet' : 'no 1:1 yet';
  return `${capital ? 'Last' : 'last'} 1:1 ${daysAgo(status.days_since_last)}`;
}

/** "Due Mon 24 Nov" / "Was due Mon 17 Nov" / "" when never met. */
export function nextDue(status: CadenceStatus): string {
  if (!status.next_due) return '';
  if (status.state === 'due') return 'Due today';
  return `${status.state === 'overdue' ? 'Was due' : 'Due'} ${formatDay(status.next_due)}`;
}

export const goalStatuses: { value: GoalStatus; label: string }[] = [
  { value: 'not_started', label: 'Not started' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'achieved', label: 'Achieved' },
  { value: 'dropped', label: 'Dropped' },
];

/** The first lines of Markdown notes as plain text, for previews. */
export function preview(markdown: string, max = 180): string {
  const text = markdown
    .split('\n')
    .map((l) => l.replace(/^\s*(#{1,6}\s+|[-*+]\s+(\[[ xX]\]\s+)?|\d+\.\s+|>\s?)/, '').trim())
    .filter(Boolean)
    .join(' · ')
    .replace(/\*\*|__|`|~~/g, '');
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
