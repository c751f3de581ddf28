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

/** What the one open inline editor is for: an existing node, or a new child of a list/table. */
export type EditTarget = { mode: 'edit'; nodeId: string } | { mode: 'add'; parentId: string; kind: 'item' | 'row' };

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

function cssEscape(id: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(id) : id.replace(/["\\]/g, '\\$&');
}

export function nodeElement(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-testid="bp-node"][data-node-id="${cssEscape(id)}"]`);
}

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

  startEdit(nodeId: string) {
    this.editing = { mode: 'edit', nodeId };
  }

  startAdd(parentId: string, kind: 'item' | 'row') {
    this.editing = { mode: 'add', parentId, kind };
  }

  /** Closes the editor and puts keyboard focus back on the node's Edit button. */
  async closeEditor(focusNodeId?: string) {
    this.editing = null;
    if (focusNodeId) await this.focusAction(focusNodeId, 'bp-edit');
  }

  async focusAction(nodeId: string, testid: string) {
    await tick();
    const button = nodeElement(nodeId)?.querySelector<HTMLButtonElement>(`[data-testid="${testid}"]`);
    if (button && !button.disabled) button.focus();
    else nodeElement(nodeId)?.querySelector<HTMLButtonElement>('[data-testid="bp-edit"]')?.focus();
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

  async remove(node: BlueprintNode, sectionId: string) {
    try {
      this.replaceSection(await api.blueprint.remove(node.id));
      if (this.isEditing(node.id)) this.editing = null;
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

  async move(node: BlueprintNode, offset: -1 | 1) {
    try {
      this.replaceSection(await api.blueprint.move(node.id, offset));
      // The node's element moved; keep the keyboard on the same button.
      await this.focusAction(node.id, offset < 0 ? 'bp-move-up' : 'bp-move-down');
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

const KEY = Symbol('blueprint');

export function provideBlueprint(state: BlueprintState) {
  setContext(KEY, state);
}

export function useBlueprint(): BlueprintState {
  return getContext<BlueprintState>(KEY);
}
