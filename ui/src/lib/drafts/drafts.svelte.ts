// Drafts from an earlier run: text the page could not save (see lib/autosave), kept as files in
// the data folder. Loaded once at start; the banner offers each back (Restore) or lets it go
// (Discard). Only 1:1 notes keep drafts today; any other kind can still be read and copied.
import { reserveDraftKeys } from '../autosave.svelte';
import { api, toAppError, type Draft } from '../ipc';
import { notesAsText, notesPreview, parseMeetingDraft, type MeetingDraft } from './meeting';

export const recovery: { drafts: Draft[]; error: string | null } = $state({ drafts: [], error: null });

/** Reads the drafts waiting in the data folder; new drafts for the same records go beside them. */
export async function loadDrafts(): Promise<void> {
  try {
    const list = await api.drafts.list();
    // Newest first: the one just lost is the one the user is looking for.
    recovery.drafts = [...list].reverse();
    recovery.error = null;
    reserveDraftKeys(list.map((d) => d.key));
  } catch (e) {
    recovery.error = toAppError(e).message;
  }
}

/** Deletes a draft for good and drops it from the banner. */
export async function discardDraft(key: string): Promise<void> {
  await api.drafts.discard(key);
  recovery.drafts = recovery.drafts.filter((d) => d.key !== key);
}

/** What a draft belongs to: `meeting:<id>` (possibly `:<run>` after it). */
export type DraftTarget = { kind: 'meeting'; meetingId: string; draft: MeetingDraft } | { kind: 'unknown' };

export function draftTarget(draft: Draft): DraftTarget {
  const [kind, id] = draft.key.split(':');
  if (kind === 'meeting' && id) {
    const parsed = parseMeetingDraft(draft.content);
    if (parsed) return { kind: 'meeting', meetingId: id, draft: parsed };
  }
  return { kind: 'unknown' };
}

/** The draft's text as it would be copied out of it. */
export function draftText(draft: Draft): string {
  const target = draftTarget(draft);
  return target.kind === 'meeting' ? notesAsText(target.draft.notes) : draft.content;
}

/** A line or two to recognise a draft by. */
export function draftPreview(draft: Draft): string {
  const target = draftTarget(draft);
  if (target.kind === 'meeting') return notesPreview(target.draft.notes);
  const flat = draft.content.replace(/\s+/g, ' ').trim();
  return flat.length > 220 ? `${flat.slice(0, 219)}…` : flat;
}
