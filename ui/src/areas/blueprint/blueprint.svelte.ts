// State and actions shared by the Blueprint page and its (recursive) node views: the document,
// which node is being edited, and every change, each of which returns the updated section.
import { getContext, setContext, tick } from 'svelte';
import {
  api,
  type AppError,
  type BlueprintDocument,
  type BlueprintNode,
  type NodeContent,
  type NodeKind,
  type Section,
} from '../../lib/ipc';
import { showToast } from '../../lib/toasts.svelte';

/** The blocks a section (or a heading in it) can take. */
export type BlockKind = 'heading' | 'paragraph' | 'list' | 'table';

export const blockKinds: { kind: BlockKind; label: string; hint: string }[] = [
  { kind: 'heading', label: 'Heading', hint: 'A sub-heading that groups what follows' },
  { kind: 'paragraph', label: 'Paragraph', hint: 'Prose, with Markdown' },
  { kind: 'list', label: 'List', hint: 'Bulleted or numbered items' },
  { kind: 'table', label: 'Table', hint: 'Columns with headers, then rows' },
];

/**
 * What the one open inline editor is for: an existing node, a new child of a list or table, or
 * a new block at the end of a section (`parentId` null) or of a heading.
 */
export type EditTarget =
  | { mode: 'edit'; nodeId: string }
  | { mode: 'add'; parentId: string; kind: 'item' | 'row' }
  | { mode: 'add-block'; sectionId: string; parentId: string | null; kind: BlockKind };

/** What a new list is saved with besides its (empty) own content. */
export type ListDraft = { ordered: boolean; items: NodeContent[] };

/** A node's full editable content, as the backend expects it back on edit. */
export function contentOf(node: BlueprintNode): NodeContent {
  return {
    title: node.title,
    body: node.body,
    fields: node.fields.map((f) => ({ ...f })),
    columns: [...node.columns],
    cells: [...node.cells],
  };
}

const kindNames: Record<NodeKind, string> = {
  heading: 'heading',
  paragraph: 'paragraph',
  list: 'list',
  item: 'item',
  table: 'table',
  row: 'row',
};

export function kindName(kind: NodeKind): string {
  return kindNames[kind];
}

/** A short human label for a node, for toasts and button labels. */
export function nodeLabel(
  node: Pick<BlueprintNode, 'kind' | 'title' | 'body' | 'cells' | 'columns'>,
  max = 60,
): string {
  const text = (
    [node.title, node.body, node.cells[0], node.columns[0]].find((t) => t && t.trim()) ?? kindName(node.kind)
  )
    .replace(/\s+/g, ' ')
    .replace(/\*\*|__|`/g, '')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function cssEscape(id: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(id) : id.replace(/["\\]/g, '\\$&');
}

export function nodeElement(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-testid="bp-node"][data-node-id="${cssEscape(id)}"]`);
}

/** The element that takes keyboard focus for a node (the node itself, or its table's bar). */
export function focusTarget(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-rove="${cssEscape(id)}"]`);
}

/** The roving key of the section heading, every section's first tab stop. */
export const HEAD = 'head';

/** The id of the page's one description of the keys on a focused node. */
export const ROVE_HINT_ID = 'bp-keys-hint';

function failed(e: unknown) {
  showToast((e as AppError).message, { kind: 'error' });
}

export class BlueprintState {
  /** Replaced (never mutated) on every change, so unchanged sections keep their identity. */
  doc: BlueprintDocument | null = $state.raw(null);
  editing: EditTarget | null = $state(null);
  /** Counts changes, so the history drawer knows to reload. */
  changes = $state(0);
  /** The section changed last (a new object each time): the page makes it the current one. */
  lastChanged: { sectionId: string } | null = $state(null);
  /**
   * Roving focus: per section, the key (`data-rove`) of the one element Tab stops at; the
   * section heading until the user moves into the section.
   */
  stops: Record<string, string> = $state({});

  tabindex(sectionId: string, key: string): 0 | -1 {
    return (this.stops[sectionId] ?? HEAD) === key ? 0 : -1;
  }

  /** Makes `key` the section's tab stop (when it gets focus). */
  setStop(sectionId: string, key: string) {
    if (this.stops[sectionId] !== key) this.stops[sectionId] = key;
  }

  section(id: string): Section | undefined {
    return this.doc?.sections.find((s) => s.id === id);
  }

  replaceSection(section: Section) {
    if (!this.doc) return;
    this.doc = {
      ...this.doc,
      sections: this.doc.sections.map((s) => (s.id === section.id ? section : s)),
    };
    this.changes++;
    this.lastChanged = { sectionId: section.id };
  }

  isEditing(nodeId: string): boolean {
    return this.editing?.mode === 'edit' && this.editing.nodeId === nodeId;
  }

  isAdding(parentId: string): boolean {
    return this.editing?.mode === 'add' && this.editing.parentId === parentId;
  }

  /** The kind of block being added at the end of a section (`parentId` null) or heading. */
  addingBlock(sectionId: string, parentId: string | null): BlockKind | null {
    const e = this.editing;
    return e?.mode === 'add-block' && e.sectionId === sectionId && e.parentId === parentId ? e.kind : null;
  }

  startAddBlock(sectionId: string, parentId: string | null, kind: BlockKind) {
    this.editing = { mode: 'add-block', sectionId, parentId, kind };
  }

  startEdit(nodeId: string) {
    this.editing = { mode: 'edit', nodeId };
  }

  startAdd(parentId: string, kind: 'item' | 'row') {
    this.editing = { mode: 'add', parentId, kind };
  }

  /** Closes the editor and puts keyboard focus back on the node (or on `focusKey`'s element). */
  async closeEditor(focusNodeId?: string, focusKey?: string) {
    this.editing = null;
    if (focusNodeId) await this.focusNode(focusNodeId);
    else if (focusKey) {
      await tick();
      focusTarget(focusKey)?.focus();
    }
  }

  /** Focuses a node (its roving element), which also makes it its section's tab stop. */
  async focusNode(nodeId: string) {
    await tick();
    focusTarget(nodeId)?.focus();
  }

  async focusAction(nodeId: string, testid: string) {
    await tick();
    const button = nodeElement(nodeId)?.querySelector<HTMLButtonElement>(`[data-testid="${testid}"]`);
    if (button && !button.disabled) button.focus();
    else focusTarget(nodeId)?.focus();
  }

  /** Saves an edit. Throws the AppError so the editor can show it next to its field. */
  async save(node: BlueprintNode, content: NodeContent) {
    const section = await api.blueprint.edit(node.id, content);
    this.replaceSection(section);
    await this.closeEditor(node.id);
  }

  /** Adds a node at the end of a list or table. Throws the AppError for the editor. */
  async add(sectionId: string, parent: BlueprintNode, kind: 'item' | 'row', content: NodeContent) {
    const last = parent.children.at(-1);
    const added = await api.blueprint.add({
      section_id: sectionId,
      parent_id: parent.id,
      after_id: last ? last.id : null,
      kind,
      ordered: false,
      // A new item offers its neighbours' field labels; keep only the ones filled in.
      content: { ...content, fields: content.fields.filter((f) => f.value.trim()) },
      items: [],
    });
    this.replaceSection(added.section);
    await this.closeEditor(added.node_id);
    this.flash(added.node_id);
  }

  /**
   * Adds a block at the end of a section (`parentId` null) or of a heading's blocks; a list
   * comes with its items. Throws the AppError for the editor.
   */
  async addBlock(
    section: Section,
    parentId: string | null,
    kind: BlockKind,
    content: NodeContent,
    list: ListDraft = { ordered: false, items: [] },
  ) {
    const siblings = parentId === null ? section.nodes : (findNode(section.nodes, parentId)?.children ?? []);
    const last = siblings.at(-1);
    const added = await api.blueprint.add({
      section_id: section.id,
      parent_id: parentId,
      after_id: last ? last.id : null,
      kind,
      ordered: kind === 'list' && list.ordered,
      content,
      items: kind === 'list' ? list.items : [],
    });
    this.replaceSection(added.section);
    // A new list takes the keyboard on its first item; anything else on itself.
    const focus = kind === 'list' ? (findNode(added.section.nodes, added.node_id)?.children[0]?.id ?? null) : null;
    await this.closeEditor(focus ?? added.node_id);
    this.flash(added.node_id);
  }

  async remove(node: BlueprintNode, sectionId: string) {
    // Where the keyboard goes if it was on the node: the next stop in the section, else the one before.
    const el = focusTarget(node.id);
    const hadFocus = !!el && el.contains(document.activeElement);
    const neighbour = hadFocus ? neighbourKey(el, node.id) : null;
    try {
      this.replaceSection(await api.blueprint.remove(node.id));
      if (this.isEditing(node.id)) this.editing = null;
      if (hadFocus) {
        await tick();
        const next = neighbour ? focusTarget(neighbour) : null;
        (next ?? sectionHead(sectionId))?.focus();
      }
      showToast(`Deleted “${nodeLabel(node)}”`, {
        action: { label: 'Undo', run: () => this.undoDelete(node.id, sectionId) },
      });
    } catch (e) {
      failed(e);
    }
  }

  /** Restores a deletion from the section's history (its newest revision for that node). */
  async undoDelete(nodeId: string, sectionId: string) {
    try {
      const revisions = await api.blueprint.revisions(sectionId);
      const revision =
        revisions.find((r) => r.action === 'delete' && r.node_id === nodeId && r.restorable) ?? revisions[0];
      if (!revision) return;
      this.replaceSection(await api.blueprint.restore(revision.id));
      await tick();
      this.flash(nodeId);
    } catch (e) {
      failed(e);
    }
  }

  /** Moves a node among its siblings; the keyboard stays where it was (the node or its button). */
  async move(node: BlueprintNode, offset: -1 | 1) {
    const onNode = document.activeElement === focusTarget(node.id);
    try {
      this.replaceSection(await api.blueprint.move(node.id, offset));
      if (onNode) await this.focusNode(node.id);
      else await this.focusAction(node.id, offset < 0 ? 'bp-move-up' : 'bp-move-down');
    } catch (e) {
      failed(e);
    }
  }

  async reset(sectionId: string) {
    try {
      const section = await api.blueprint.reset(sectionId);
      this.editing = null;
      this.replaceSection(section);
      showToast(`Section ${section.number} is back as shipped. Your edits are in History.`);
    } catch (e) {
      failed(e);
    }
  }

  async restore(revisionId: number): Promise<boolean> {
    try {
      this.replaceSection(await api.blueprint.restore(revisionId));
      showToast('Restored');
      return true;
    } catch (e) {
      failed(e);
      return false;
    }
  }

  /** Briefly highlights a node, e.g. the one a search result or an undo brought back. */
  flash(nodeId: string) {
    const el = nodeElement(nodeId);
    if (!el) return;
    el.classList.remove('bp-flash');
    // Restart the animation if it is already running.
    void el.offsetWidth;
    el.classList.add('bp-flash');
    el.addEventListener('animationend', () => el.classList.remove('bp-flash'), { once: true });
  }
}

/** About how tall a section's blocks are when rendered (px), before they are. */
export function estimateHeight(section: Section): number {
  let px = 0;
  const walk = (nodes: BlueprintNode[]) => {
    for (const n of nodes) {
      const text = (n.title?.length ?? 0) + (n.body?.length ?? 0) + n.cells.join(' ').length;
      const lines = Math.max(1, Math.ceil(text / 90)) + n.fields.length;
      px += n.kind === 'row' ? 22 + 18 * Math.ceil(text / 120) : n.kind === 'list' ? 34 : 8 + 23 * lines;
      walk(n.children);
    }
  };
  walk(section.nodes);
  return Math.round(px);
}

/** The node with `id` anywhere under `nodes`. */
export function findNode(nodes: BlueprintNode[], id: string): BlueprintNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const found = findNode(n.children, id);
    if (found) return found;
  }
  return undefined;
}

function sectionHead(sectionId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-section-id="${cssEscape(sectionId)}"] [data-rove="${HEAD}"]`);
}

/** The roving key after `el` in its section (else the one before), skipping `el`'s own subtree. */
function neighbourKey(el: HTMLElement, id: string): string | null {
  const section = el.closest('[data-section-id]');
  if (!section) return null;
  const stops = [...section.querySelectorAll<HTMLElement>('[data-rove]')];
  const at = stops.indexOf(el);
  const subtree = document.querySelector(`[data-subtree-of="${cssEscape(id)}"]`) ?? nodeElement(id);
  const inside = (s: HTMLElement) => !!subtree?.contains(s);
  const after = stops.slice(at + 1).find((s) => !inside(s));
  const before = stops
    .slice(0, at)
    .reverse()
    .find((s) => !inside(s));
  return (after ?? before)?.dataset.rove ?? null;
}

const KEY = Symbol('blueprint');

export function provideBlueprint(state: BlueprintState) {
  setContext(KEY, state);
}

export function useBlueprint(): BlueprintState {
  return getContext<BlueprintState>(KEY);
}
