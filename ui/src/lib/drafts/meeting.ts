// 1:1 drafts: what MeetingView keeps when its notes cannot be saved, and how recovery reads
// them back. The draft's content is JSON: the unsaved notes, with the person and the day so the
// 1:1 can be found and named again.
import type { Meeting, NotesInput } from '../ipc';

export type MeetingDraft = { person_id: string; date: string; notes: NotesInput };

export type NotesField = {
  key: keyof NotesInput;
  label: string;
  /** Prose (shown as text) or a 1–5 scale (shown as a number). */
  kind: 'text' | 'scale';
  private?: boolean;
};

/** The fields of a 1:1's notes, in the order the meeting view shows them. */
export const NOTES_FIELDS: NotesField[] = [
  { key: 'agenda', label: 'Agenda', kind: 'text' },
  { key: 'shared_notes', label: 'Shared notes', kind: 'text' },
  { key: 'private_notes', label: 'Private notes', kind: 'text', private: true },
  { key: 'mood', label: 'Mood', kind: 'scale' },
  { key: 'energy', label: 'Energy', kind: 'scale' },
];

/** The autosave key (and draft key) of a meeting's notes. */
export function meetingKey(meetingId: string): string {
  return `meeting:${meetingId}`;
}

export function meetingDraftContent(meeting: Pick<Meeting, 'person_id' | 'date'>, notes: NotesInput): MeetingDraft {
  return { person_id: meeting.person_id, date: meeting.date, notes };
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const scale = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5 ? v : null);

/** Reads a 1:1 draft's content back; null if it is not one (unreadable JSON, wrong shape). */
export function parseMeetingDraft(content: string): MeetingDraft | null {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const notes = (typeof r.notes === 'object' && r.notes !== null ? r.notes : null) as Record<string, unknown> | null;
  if (!notes || typeof r.person_id !== 'string') return null;
  return {
    person_id: r.person_id,
    date: text(r.date),
    notes: {
      agenda: text(notes.agenda),
      shared_notes: text(notes.shared_notes),
      private_notes: text(notes.private_notes),
      mood: scale(notes.mood),
      energy: scale(notes.energy),
    },
  };
}

/** The notes a meeting holds now, in the editor's shape. */
export function notesOf(meeting: Meeting): NotesInput {
  return {
    agenda: meeting.agenda,
    shared_notes: meeting.shared_notes,
    private_notes: meeting.private_notes,
    mood: meeting.mood,
    energy: meeting.energy,
  };
}

/** The fields whose value differs between two note states. */
export function changedFields(a: NotesInput, b: NotesInput): NotesField[] {
  return NOTES_FIELDS.filter((f) => (a[f.key] ?? null) !== (b[f.key] ?? null));
}

/** Everything a draft holds as plain text, headed by field, for copying elsewhere. */
export function notesAsText(notes: NotesInput): string {
  return NOTES_FIELDS.filter((f) => notes[f.key] !== null && notes[f.key] !== '')
    .map((f) => `${f.label}${f.kind === 'scale' ? `: ${notes[f.key]} of 5` : `\n${notes[f.key]}`}`)
    .join('\n\n');
}

/** A line or two to recognise a draft by: its notes first, then the private notes, then the agenda. */
export function notesPreview(notes: NotesInput, max = 220): string {
  const first = [notes.shared_notes, notes.private_notes, notes.agenda].find((t) => t.trim()) ?? '';
  const flat = first.trim().replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
