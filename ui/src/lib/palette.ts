// What the Ctrl/Cmd+K palette offers besides records, and where a record takes the user. The
// records and their order come from Rust (palette_search); commands are UI lookup: a plain,
// case-insensitive substring match of what was typed, nothing ranked.
import { areas, type AreaId } from './areas';
import { api, toAppError, type ExportFormat, type PaletteHit } from './ipc';
import { withMod } from './keys';
import { openArea, type NavParams } from './nav.svelte';
import { showToast } from './toasts.svelte';

export type CommandGroup = 'Go to' | 'Actions';

export type Command = {
  /** Stable within one list (tests and keyed rendering use it). */
  id: string;
  group: CommandGroup;
  label: string;
  icon: string;
  /** A keyboard shortcut that does the same, shown on the right. */
  shortcut?: string;
  /** Other words that find it ("Go to Settings" finds "Open Settings"). */
  aliases?: string[];
  run: () => void;
};

/** Where opening a record goes: the area, and the record in it; null for a kind no area opens. */
export function hitTarget(hit: PaletteHit): { area: AreaId; params: NavParams } | null {
  switch (hit.kind) {
    case 'person':
      return { area: 'people', params: { personId: hit.ref_id } };
    case 'meeting':
    case 'private':
      return hit.person_id ? { area: 'one-on-ones', params: { personId: hit.person_id, meetingId: hit.ref_id } } : null;
    case 'point':
    case 'action':
      return hit.person_id ? { area: 'one-on-ones', params: { personId: hit.person_id } } : null;
    case 'blueprint':
      return { area: 'blueprint', params: { nodeId: hit.ref_id } };
    // Skills and ladders (their area's records).
    case 'skill':
      return { area: 'skills', params: { skillId: hit.ref_id } };
    case 'competency':
      return { area: 'ladders', params: { competencyId: hit.ref_id } };
    default:
      return null;
  }
}

/** Opens a record where it lives. */
export function openHit(hit: PaletteHit) {
  const target = hitTarget(hit);
  if (target) openArea(target.area, target.params);
}

const exportFormats: { format: ExportFormat; label: string }[] = [
  { format: 'pdf', label: 'PDF' },
  { format: 'markdown', label: 'Markdown' },
  { format: 'json', label: 'JSON' },
];

/** Exports the blueprint through the native save dialog, as the Blueprint page's buttons do. */
export async function exportBlueprint(format: ExportFormat) {
  try {
    const path = await api.blueprint.exportTo(format);
    if (path) showToast(`Exported to ${path}`);
  } catch (e) {
    showToast(toAppError(e).message, { kind: 'error' });
  }
}

function allCommands(hits: PaletteHit[]): Command[] {
  const goTo: Command[] = areas.map((area) =>
    area.id === 'settings'
      ? {
          id: `go-${area.id}`,
          group: 'Go to',
          label: 'Open Settings',
          icon: area.icon,
          shortcut: withMod(area.shortcut),
          aliases: ['Go to Settings', 'Preferences'],
          run: () => openArea(area.id),
        }
      : {
          id: `go-${area.id}`,
          group: 'Go to',
          label: `Go to ${area.label}`,
          icon: area.icon,
          shortcut: withMod(area.shortcut),
          run: () => openArea(area.id),
        },
  );
  const people = hits.filter((h) => h.kind === 'person');
  const forPeople: Command[] = people.flatMap((p) => [
    {
      id: `start-${p.ref_id}`,
      group: 'Actions',
      label: `Start 1:1 with ${p.title}`,
      icon: 'play',
      run: () => openArea('one-on-ones', { personId: p.ref_id, then: 'start' }),
    },
    {
      id: `export-${p.ref_id}`,
      group: 'Actions',
      label: `Export 1:1 history of ${p.title}…`,
      icon: 'download',
      run: () => openArea('one-on-ones', { personId: p.ref_id, then: 'export' }),
    },
  ]);
  const exports: Command[] = exportFormats.map(({ format, label }) => ({
    id: `export-blueprint-${format}`,
    group: 'Actions',
    label: `Export the role blueprint as ${label}…`,
    icon: 'download',
    run: () => void exportBlueprint(format),
  }));
  return [...goTo, ...forPeople, ...exports];
}

/**
 * The commands for what was typed: every "Go to" area and the exports when nothing is typed
 * (the palette as a launcher); otherwise those whose label (or an alias) contains the text, plus
 * "Start 1:1" and "Export 1:1 history" for each person among the hits, under the same rule.
 */
export function paletteCommands(query: string, hits: PaletteHit[]): Command[] {
  const q = query.trim().toLowerCase();
  const commands = allCommands(q ? hits : []);
  if (!q) return commands;
  return commands.filter((c) => [c.label, ...(c.aliases ?? [])].some((text) => text.toLowerCase().includes(q)));
}
