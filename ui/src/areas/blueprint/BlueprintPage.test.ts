import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type {
  BlueprintDocument,
  NewNode,
  BlueprintNode,
  NodeContent,
  Revision,
  SearchHit,
  Section,
} from '../../bindings';
import Toasts from '../../lib/components/Toasts.svelte';
import { toasts } from '../../lib/toasts.svelte';
import { mockBackend, node, revision as makeRevision } from '../../test/fixtures';
import BlueprintPage from './BlueprintPage.svelte';

/** Two sections: a heading over a list of skills (titled items with fields), and a table. */
function fakeDocument(): BlueprintDocument {
  return {
    title: 'Infrastructure Engineering Manager: Role Blueprint',
    sections: [
      {
        id: 'bp-01',
        number: 1,
        title: 'Technical Skills Required',
        edited: true,
        nodes: [
          node('h1', 'heading', {
            title: 'Must-have technical skills',
            children: [
              node('l1', 'list', {
                ordered: true,
                children: [
                  node('i1', 'item', {
                    title: 'Cloud fundamentals',
                    fields: [
                      { label: 'Description', value: 'Compute, network, storage, IAM' },
                      { label: 'Importance', value: 'Critical' },
                    ],
                  }),
                  node('i2', 'item', {
                    title: 'Infrastructure as Code',
                    state: 'edited',
                    fields: [
                      { label: 'Description', value: 'Versioned, reviewable infrastructure' },
                      { label: 'Importance', value: 'Critical' },
                    ],
                  }),
                ],
              }),
            ],
          }),
        ],
      },
      {
        id: 'bp-02',
        number: 2,
        title: 'Tools, Platforms, and Software',
        edited: false,
        nodes: [
          node('t1', 'table', {
            columns: ['Category', 'Tool / platform', 'Primary use'],
            children: [
              node('r1', 'row', { cells: ['Cloud platforms', 'AWS', 'Core hosting'] }),
              node('r2', 'row', { cells: ['Infrastructure as Code', 'Terraform', 'Provisioning'] }),
            ],
          }),
        ],
      },
    ],
  };
}

/** An in-memory stand-in for the blueprint commands. */
function fakeBackend(options: { hits?: SearchHit[]; revisions?: Revision[]; doc?: BlueprintDocument } = {}) {
  const doc = options.doc ?? fakeDocument();
  const revisions: Revision[] = options.revisions ?? [];
  const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

  function locate(id: string): { node: BlueprintNode; siblings: BlueprintNode[]; section: Section } {
    for (const section of doc.sections) {
      const stack: BlueprintNode[][] = [section.nodes];
      while (stack.length) {
        const siblings = stack.pop()!;
        for (const n of siblings) {
          if (n.id === id) return { node: n, siblings, section };
          stack.push(n.children);
        }
      }
    }
    throw { code: 'not_found', message: 'Blueprint item not found' };
  }

  const backend = mockBackend({
    blueprint_document: () => clone(doc),
    blueprint_edit: (args) => {
      const { node: n, section } = locate(args.id as string);
      const content = args.content as NodeContent;
      if (n.kind === 'row' && content.cells.every((c) => !c.trim())) {
        throw { code: 'invalid_input', message: 'A row needs at least one filled cell', field: 'cells' };
      }
      Object.assign(n, content, { state: 'edited' });
      section.edited = true;
      return clone(section);
    },
    blueprint_add: (args) => {
      const input = args.node as NewNode;
      const section = doc.sections.find((s) => s.id === input.section_id)!;
      const siblings = input.parent_id === null ? section.nodes : locate(input.parent_id).node.children;
      if (input.kind === 'list' && input.items.length === 0) {
        throw { code: 'invalid_input', message: 'A list needs at least one item', field: 'items' };
      }
      if (input.kind === 'table' && input.content.columns.some((c) => !c.trim())) {
        throw { code: 'invalid_input', message: 'Every table column needs a header', field: 'columns' };
      }
      const added = node('new-1', input.kind, {
        ...input.content,
        ordered: input.ordered,
        state: 'added',
        children: input.items.map((item, i) => node(`new-item-${i + 1}`, 'item', { ...item, state: 'added' })),
      });
      const after = siblings.findIndex((n) => n.id === input.after_id);
      siblings.splice(after + 1, 0, added);
      section.edited = true;
      return { section: clone(section), node_id: added.id };
    },
    blueprint_delete: (args) => {
      const { node: n, siblings, section } = locate(args.id as string);
      siblings.splice(siblings.indexOf(n), 1);
      section.edited = true;
      revisions.unshift(
        makeRevision({ id: 99, section_id: section.id, node_id: n.id, action: 'delete', summary: 'Deleted' }),
      );
      return clone(section);
    },
    blueprint_move: (args) => {
      const { node: n, siblings, section } = locate(args.id as string);
      const from = siblings.indexOf(n);
      const to = Math.max(0, Math.min(siblings.length - 1, from + (args.offset as number)));
      siblings.splice(from, 1);
      siblings.splice(to, 0, n);
      section.edited = true;
      return clone(section);
    },
    blueprint_reset: (args) => {
      const section = doc.sections.find((s) => s.id === args.sectionId)!;
      section.edited = false;
      return clone(section);
    },
    blueprint_revisions: (args) => revisions.filter((r) => r.section_id === args.sectionId),
    blueprint_restore: (args) => {
      const restored = revisions.find((r) => r.id === args.revisionId)!;
      return clone(doc.sections.find((s) => s.id === restored.section_id)!);
    },
    blueprint_search: () => options.hits ?? [],
    blueprint_export: () => null,
  });
  return { ...backend, doc };
}

/** Every element the Tab key stops at, in page order. */
function tabStops(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')].filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled,
  );
}

function sectionHead(number: number): HTMLElement {
  return document.querySelector<HTMLElement>(`[data-section-number="${number}"] h2`)!;
}

function stop(key: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-rove="${key}"]`);
  if (!el) throw new Error(`no stop ${key}`);
  return el;
}

function nodeEl(id: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-testid="bp-node"][data-node-id="${id}"]`);
  if (!el) throw new Error(`no node ${id}`);
  return el;
}

describe('BlueprintPage', () => {
  it('renders the contents, the sections and their tables', async () => {
    fakeBackend();
    render(BlueprintPage);
    const entries = await screen.findAllByTestId('bp-toc-item');
    expect(entries.map((e) => e.dataset.sectionNumber)).toEqual(['1', '2']);
    expect(entries[0]!.textContent).toContain('Technical Skills Required');
    expect(entries[0]!.getAttribute('aria-current')).toBe('location');

    const sections = screen.getAllByTestId('bp-section');
    expect(sections.map((s) => s.dataset.sectionId)).toEqual(['bp-01', 'bp-02']);

    const table = nodeEl('t1');
    expect(table.dataset.kind).toBe('table');
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent?.trim());
    expect(headers.slice(0, 3)).toEqual(['Category', 'Tool / platform', 'Primary use']);
    const rows = table.querySelectorAll('[data-testid="bp-node"][data-kind="row"]');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.textContent).toContain('Terraform');

    // Items show their title and fields; the edited one carries the marker.
    const item = nodeEl('i1');
    expect(item.textContent).toContain('Cloud fundamentals');
    expect(within(item).getByText('Importance')).toBeTruthy();
    expect(within(nodeEl('i2')).getByTestId('bp-edited-marker').textContent).toBe('Edited');
    expect(within(item).queryByTestId('bp-edited-marker')).toBeNull();
    expect(nodeEl('i2').dataset.state).toBe('edited');
  });

  it('edits a row cell, sending the full content, and shows the returned section', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(BlueprintPage);
    await screen.findAllByTestId('bp-section');
    await user.click(within(nodeEl('r2')).getByTestId('bp-edit'));

    const editor = screen.getByTestId('bp-editor');
    const cells = within(editor).getAllByTestId<HTMLInputElement>('bp-cell-input');
    expect(cells.map((c) => c.value)).toEqual(['Infrastructure as Code', 'Terraform', 'Provisioning']);
    expect(document.activeElement).toBe(cells[0]);
    // Each cell is labelled with its column header.
    expect(within(editor).getByLabelText('Tool / platform')).toBe(cells[1]);

    await user.clear(cells[1]!);
    await user.type(cells[1]!, 'OpenTofu{Enter}');

    await waitFor(() => expect(screen.queryByTestId('bp-editor')).toBeNull());
    expect(backend.argsOf('blueprint_edit')[0]).toEqual({
      id: 'r2',
      content: {
        title: null,
        body: null,
        fields: [],
        columns: [],
        cells: ['Infrastructure as Code', 'OpenTofu', 'Provisioning'],
      },
    });
    const row = nodeEl('r2');
    expect(row.textContent).toContain('OpenTofu');
    expect(row.dataset.state).toBe('edited');
    expect(within(row).getByTestId('bp-edited-marker')).toBeTruthy();

    // The section worked in becomes the current one: Reset now offers to reset section 2.
    const entries = screen.getAllByTestId('bp-toc-item');
    expect(entries[1]!.getAttribute('aria-current')).toBe('location');
    await user.click(screen.getByTestId('bp-reset'));
    expect(screen.getByTestId('confirm-dialog').textContent).toContain('This puts section 2 back as shipped.');
  });

  it('shows a backend error about the cells inside the editor', async () => {
    fakeBackend();
    const user = userEvent.setup();
    render(BlueprintPage);
    await screen.findAllByTestId('bp-section');
    await user.click(within(nodeEl('r1')).getByTestId('bp-edit'));
    for (const cell of screen.getAllByTestId('bp-cell-input')) await user.clear(cell);
    await user.click(screen.getByTestId('bp-save'));

    const error = await screen.findByTestId('bp-editor-error');
    expect(error.textContent).toBe('A row needs at least one filled cell');
    expect(within(screen.getByTestId('bp-editor')).getByTestId('bp-editor-error')).toBe(error);
    expect(nodeEl('r1').textContent).not.toContain('AWS');
  });

  it('saves an item with its title and fields, keeping the rest as it was', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(BlueprintPage);
    await screen.findAllByTestId('bp-section');
    await user.click(within(nodeEl('i1')).getByTestId('bp-edit'));
    const fields = screen.getAllByTestId<HTMLInputElement>('bp-field-input');
    expect(fields.map((f) => f.value)).toEqual(['Compute, network, storage, IAM', 'Critical']);
    await user.clear(fields[1]!);
    await user.type(fields[1]!, 'Important');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(screen.queryByTestId('bp-editor')).toBeNull());
    expect(backend.argsOf('blueprint_edit')[0]!.content).toEqual({
      title: 'Cloud fundamentals',
      body: null,
      fields: [
        { label: 'Description', value: 'Compute, network, storage, IAM' },
        { label: 'Importance', value: 'Important' },
      ],
      columns: [],
      cells: [],
    });
  });

  it('Esc cancels an edit without saving', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(BlueprintPage);
    await screen.findAllByTestId('bp-section');
    await user.click(within(nodeEl('i1')).getByTestId('bp-edit'));
    const title = screen.getByTestId<HTMLInputElement>('bp-title-input');
    expect(document.activeElement).toBe(title);
    await user.type(title, ' and more');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('bp-editor')).toBeNull();
    expect(backend.called('blueprint_edit')).toBe(false);
    expect(nodeEl('i1').textContent).toContain('Cloud fundamentals');
    expect(nodeEl('i1').textContent).not.toContain('and more');
    // Focus returns to the node (the keyboard's place in its section).
    await waitFor(() => expect(document.activeElement).toBe(nodeEl('i1')));
  });

  it('adds an item at the end of a list only when saved', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(BlueprintPage);
    await screen.findAllByTestId('bp-section');
    await user.click(screen.getByTestId('bp-add-item'));
    expect(backend.called('blueprint_add')).toBe(false);
    // The new item offers the same fields as its neighbours.
    expect(screen.getAllByTestId('bp-field-input')).toHaveLength(2);
    await user.type(screen.getByTestId('bp-title-input'), 'Kubernetes');
    await user.type(screen.getAllByTestId('bp-field-input')[1]!, 'Important{Enter}');
    await waitFor(() => expect(screen.queryByTestId('bp-editor')).toBeNull());
    expect(backend.argsOf('blueprint_add')[0]!.node).toEqual({
      section_id: 'bp-01',
      parent_id: 'l1',
      after_id: 'i2',
      kind: 'item',
      ordered: false,
      content: {
        title: 'Kubernetes',
        body: null,
        fields: [{ label: 'Importance', value: 'Important' }],
        columns: [],
        cells: [],
      },
      items: [],
    });
    expect(within(nodeEl('new-1')).getByTestId('bp-edited-marker').textContent).toBe('Added');
  });

  it('moves a node and keeps the keyboard on its button', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(BlueprintPage);
    await screen.findAllByTestId('bp-section');
    // The first row cannot move up; the last cannot move down.
    expect(within(nodeEl('r1')).getByTestId<HTMLButtonElement>('bp-move-up').disabled).toBe(true);
    expect(within(nodeEl('r2')).getByTestId<HTMLButtonElement>('bp-move-down').disabled).toBe(true);
    await user.click(within(nodeEl('r1')).getByTestId('bp-move-down'));
    await waitFor(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('[data-kind="row"]')].map((r) => r.dataset.nodeId);
      expect(rows).toEqual(['r2', 'r1']);
    });
    expect(backend.argsOf('blueprint_move')[0]).toEqual({ id: 'r1', offset: 1 });
    // r1 is now last, so its Move down is disabled and focus falls back to the row itself.
    await waitFor(() => expect(document.activeElement).toBe(nodeEl('r1')));
  });

  it('deletes at once and offers Undo, which restores the newest revision', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(BlueprintPage);
    render(Toasts);
    await screen.findAllByTestId('bp-section');
    await user.click(within(nodeEl('r1')).getByTestId('bp-delete'));
    await waitFor(() => expect(document.querySelector('[data-node-id="r1"]')).toBeNull());
    const toast = await screen.findByText('Deleted “Cloud platforms”');
    await user.click(within(toast.closest('[data-testid="toast"]') as HTMLElement).getByText('Undo'));
    await waitFor(() => expect(backend.called('blueprint_restore')).toBe(true));
    expect(backend.argsOf('blueprint_revisions')[0]).toEqual({ sectionId: 'bp-02' });
    expect(backend.argsOf('blueprint_restore')[0]).toEqual({ revisionId: 99 });
    toasts.splice(0);
  });

  it('highlights search hits and never reads snippet text as markup', async () => {
    fakeBackend({
      hits: [
        {
          node_id: 'r2',
          section_id: 'bp-02',
          section_number: 2,
          section_title: 'Tools, Platforms, and Software',
          snippet: 'Use \u0002Terra\u0003form <img src=x onerror=alert(1)> & more',
        },
      ],
    });
    const user = userEvent.setup();
    render(BlueprintPage);
    await screen.findAllByTestId('bp-section');
    await user.type(screen.getByTestId('bp-search'), 'terra');
    const result = await screen.findByTestId('bp-search-result');
    expect(result.dataset.nodeId).toBe('r2');
    expect(result.textContent).toContain('§2 Tools, Platforms, and Software');
    expect(result.querySelector('mark')?.textContent).toBe('Terra');
    expect(result.querySelector('img')).toBeNull();
    expect(result.textContent).toContain('<img src=x onerror=alert(1)> & more');
    // Results replace the contents while searching; Enter opens the active result.
    expect(screen.queryAllByTestId('bp-toc-item')).toHaveLength(0);
    await user.keyboard('{Enter}');
    expect(nodeEl('r2').classList.contains('bp-flash')).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.getByTestId<HTMLInputElement>('bp-search').value).toBe('');
    expect(screen.getAllByTestId('bp-toc-item')).toHaveLength(2);
  });

  it('says when nothing matches', async () => {
    fakeBackend({ hits: [] });
    const user = userEvent.setup();
    render(BlueprintPage);
    await screen.findAllByTestId('bp-section');
    await user.type(screen.getByTestId('bp-search'), 'zebra');
    expect((await screen.findByTestId('bp-no-results')).textContent).toBe('No matches for “zebra”');
  });

  it('asks once before resetting a section', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(BlueprintPage);
    await user.click(await screen.findByTestId('bp-reset'));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.textContent).toContain(
      'This puts section 1 back as shipped. Your edits stay in History, where you can restore them.',
    );
    expect(document.activeElement).toBe(screen.getByTestId('confirm-cancel'));
    expect(backend.called('blueprint_reset')).toBe(false);

    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(backend.called('blueprint_reset')).toBe(false);

    await user.click(screen.getByTestId('bp-reset'));
    await user.click(screen.getByTestId('confirm-ok'));
    await waitFor(() => expect(screen.queryByTestId('bp-reset')).toBeNull());
    expect(backend.argsOf('blueprint_reset')[0]).toEqual({ sectionId: 'bp-01' });
  });

  it('lists the section history with before/after and restores a revision', async () => {
    const backend = fakeBackend({
      revisions: [
        makeRevision({
          id: 7,
          section_id: 'bp-01',
          node_id: 'i2',
          action: 'edit',
          summary: 'Edited “Infrastructure as Code”',
          before_text: 'IaC',
          after_text: 'Infrastructure as Code',
        }),
      ],
    });
    const user = userEvent.setup();
    render(BlueprintPage);
    await user.click(await screen.findByTestId('bp-history'));
    const drawer = screen.getByTestId('bp-history-drawer');
    const revision = await within(drawer).findByTestId('bp-revision');
    expect(revision.textContent).toContain('Edited “Infrastructure as Code”');
    expect(within(revision).getByText('Before')).toBeTruthy();
    expect(revision.querySelector('del')?.textContent).toBe('IaC');
    expect(revision.querySelector('ins')?.textContent).toBe('Infrastructure as Code');
    await user.click(within(revision).getByTestId('bp-restore'));
    await waitFor(() => expect(backend.called('blueprint_restore')).toBe(true));
    expect(backend.argsOf('blueprint_restore')[0]).toEqual({ revisionId: 7 });
    toasts.splice(0);
  });

  it('says what the history is for when a section has none', async () => {
    fakeBackend();
    const user = userEvent.setup();
    render(BlueprintPage);
    await user.click(await screen.findByTestId('bp-history'));
    expect((await screen.findByTestId('bp-history-empty')).textContent).toContain(
      'No changes yet. Edits, additions, deletions and resets of this section show up here.',
    );
  });
  it('is a few tab stops: the header, the search, the contents and one per section', async () => {
    fakeBackend();
    render(BlueprintPage);
    await screen.findAllByTestId('bp-section');
    const stops = tabStops().map((el) => el.dataset.testid ?? el.dataset.rove ?? el.tagName);
    expect(stops).toEqual([
      'bp-history',
      'bp-reset',
      'bp-export-md',
      'bp-export-pdf',
      'bp-search',
      'bp-toc-item',
      'head',
      'head',
    ]);
    // Every node's buttons are still there, for the mouse and for Right from the node.
    expect(screen.getAllByTestId('bp-edit')).toHaveLength(6);
    expect(screen.getAllByTestId('bp-edit').every((b) => b.tabIndex === -1)).toBe(true);
  });

  it('moves between the stops of a section with the arrow keys; Tab leaves the section', async () => {
    fakeBackend();
    const user = userEvent.setup();
    render(BlueprintPage);
    await screen.findAllByTestId('bp-section');
    sectionHead(1).focus();
    const order = ['h1', 'i1', 'i2', 'add-item:l1', 'add-block:h1', 'add-block:bp-01'];
    for (const key of order) {
      await user.keyboard('{ArrowDown}');
      expect(document.activeElement).toBe(stop(key));
    }
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(stop('add-block:bp-01'));
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(sectionHead(1));
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(document.activeElement).toBe(nodeEl('i1'));

    // The section remembers where the keyboard was: it is the section's one tab stop now.
    expect(nodeEl('i1').tabIndex).toBe(0);
    expect(sectionHead(1).tabIndex).toBe(-1);
    expect(nodeEl('i2').tabIndex).toBe(-1);
    await user.tab();
    expect(document.activeElement).toBe(sectionHead(2));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(nodeEl('i1'));

    // In the table: the table's own bar, its rows, then Add row.
    sectionHead(2).focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(stop('t1'));
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(nodeEl('r2'));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByTestId('bp-add-row'));
  });

  it('acts on the focused node: Enter edits, Right reaches its buttons, Alt+Down moves, Delete deletes', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(BlueprintPage);
    render(Toasts);
    await screen.findAllByTestId('bp-section');
    const row = nodeEl('r1');
    row.focus();

    // Right walks its enabled buttons (the first row cannot move up); Left and Esc come back.
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(within(row).getByTestId('bp-edit'));
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(within(row).getByTestId('bp-move-down'));
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(document.activeElement).toBe(within(row).getByTestId('bp-delete'));
    await user.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    expect(document.activeElement).toBe(row);
    await user.keyboard('{ArrowRight}{Escape}');
    expect(document.activeElement).toBe(row);

    // Enter edits; Esc puts the keyboard back on the row.
    await user.keyboard('{Enter}');
    const cells = within(screen.getByTestId('bp-editor')).getAllByTestId<HTMLInputElement>('bp-cell-input');
    expect(document.activeElement).toBe(cells[0]);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(document.activeElement).toBe(nodeEl('r1')));

    // Alt+Down moves it, and the keyboard stays on it.
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(backend.argsOf('blueprint_move')[0]).toEqual({ id: 'r1', offset: 1 }));
    await waitFor(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('[data-kind="row"]')].map((r) => r.dataset.nodeId);
      expect(rows).toEqual(['r2', 'r1']);
    });
    await waitFor(() => expect(document.activeElement).toBe(nodeEl('r1')));

    // Delete deletes (with Undo); the keyboard goes on to the next stop.
    await user.keyboard('{Delete}');
    await waitFor(() => expect(backend.argsOf('blueprint_delete')[0]).toEqual({ id: 'r1' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('bp-add-row')));
    expect(await screen.findByText('Deleted “Cloud platforms”')).toBeTruthy();
    toasts.splice(0);
  });

  it('adds a paragraph at the end of a section from its Add block menu', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(BlueprintPage);
    await screen.findAllByTestId('bp-section');
    const addBlock = stop('add-block:bp-02');
    expect(addBlock.getAttribute('aria-haspopup')).toBe('menu');
    await user.click(addBlock);
    expect(addBlock.getAttribute('aria-expanded')).toBe('true');
    const menu = screen.getByTestId('bp-add-block-menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((m) => m.querySelector('.label')?.textContent),
    ).toEqual(['Heading', 'Paragraph', 'List', 'Table']);
    expect(document.activeElement).toBe(within(menu).getAllByRole('menuitem')[0]);
    await user.click(screen.getByTestId('bp-add-paragraph'));

    const body = screen.getByTestId<HTMLTextAreaElement>('bp-body-input');
    expect(document.activeElement).toBe(body);
    expect(backend.called('blueprint_add')).toBe(false);
    await user.type(body, 'Tools are *chosen* per team.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(screen.queryByTestId('bp-editor')).toBeNull());
    expect(backend.argsOf('blueprint_add')[0]!.node).toEqual({
      section_id: 'bp-02',
      parent_id: null,
      after_id: 't1',
      kind: 'paragraph',
      ordered: false,
      content: { title: null, body: 'Tools are *chosen* per team.', fields: [], columns: [], cells: [] },
      items: [],
    });
    const added = nodeEl('new-1');
    expect(added.dataset.kind).toBe('paragraph');
    expect(added.querySelector('em')?.textContent).toBe('chosen');
    expect(within(added).getByTestId('bp-edited-marker').textContent).toBe('Added');
    expect(document.activeElement).toBe(added);
  });

  it('adds a numbered list under a heading from the keyboard, its missing item shown under the field', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(BlueprintPage);
    await screen.findAllByTestId('bp-section');
    stop('add-block:h1').focus();
    await user.keyboard('{Enter}');
    expect(document.activeElement?.getAttribute('role')).toBe('menuitem');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByTestId('bp-add-list'));
    await user.keyboard('{Enter}');

    const items = screen.getByTestId<HTMLTextAreaElement>('bp-items-input');
    expect(document.activeElement).toBe(items);
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect((await screen.findByTestId('bp-items-input-error')).textContent).toBe('A list needs at least one item');
    expect(items.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(items);

    await user.type(items, 'Kubernetes{Enter}  {Enter}Service *mesh*');
    await user.click(screen.getByTestId('bp-ordered-input'));
    await user.click(screen.getByTestId('bp-save'));
    await waitFor(() => expect(screen.queryByTestId('bp-editor')).toBeNull());
    const item = (body: string) => ({ title: null, body, fields: [], columns: [], cells: [] });
    expect(backend.argsOf('blueprint_add').at(-1)!.node).toEqual({
      section_id: 'bp-01',
      parent_id: 'h1',
      after_id: 'l1',
      kind: 'list',
      ordered: true,
      content: { title: null, body: null, fields: [], columns: [], cells: [] },
      items: [item('Kubernetes'), item('Service *mesh*')],
    });
    // The new list shows numbered, and the keyboard is on its first item.
    const list = nodeEl('new-item-1').closest('ol');
    expect(list?.textContent).toContain('Service mesh');
    expect(document.activeElement).toBe(nodeEl('new-item-1'));
  });

  it('adds a table with the columns it is given, a blank header shown as the error', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(BlueprintPage);
    await screen.findAllByTestId('bp-section');
    stop('add-block:bp-02').focus();
    await user.keyboard('{Enter}t');
    const columns = () => screen.getAllByTestId<HTMLInputElement>('bp-column-input');
    expect(columns()).toHaveLength(2);
    expect(document.activeElement).toBe(columns()[0]);
    await user.type(columns()[0]!, 'Owner');
    await user.type(columns()[1]!, 'Tool');
    await user.click(screen.getByTestId('bp-add-column'));
    expect(columns()).toHaveLength(3);
    expect(document.activeElement).toBe(columns()[2]);
    await user.keyboard('{Enter}');
    expect((await screen.findByTestId('bp-editor-error')).textContent).toBe('Every table column needs a header');

    await user.click(screen.getAllByTestId('bp-remove-column')[2]!);
    expect(columns().map((c) => c.value)).toEqual(['Owner', 'Tool']);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByTestId('bp-editor')).toBeNull());
    expect(backend.argsOf('blueprint_add').at(-1)!.node).toMatchObject({
      parent_id: null,
      after_id: 't1',
      kind: 'table',
      content: { columns: ['Owner', 'Tool'] },
      items: [],
    });
    const table = nodeEl('new-1');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent?.trim()),
    ).toEqual(['Owner', 'Tool', 'Actions']);
    expect(document.activeElement).toBe(stop('new-1'));
  });

  it('Esc closes the Add block menu and a cancelled new block leaves the keyboard on Add block', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(BlueprintPage);
    await screen.findAllByTestId('bp-section');
    const addBlock = stop('add-block:bp-01');
    addBlock.focus();
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('bp-add-block-menu')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('bp-add-block-menu')).toBeNull();
    expect(document.activeElement).toBe(addBlock);

    await user.keyboard('{Enter}h');
    expect(document.activeElement).toBe(screen.getByTestId('bp-title-input'));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('bp-editor')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(stop('add-block:bp-01')));
    expect(backend.called('blueprint_add')).toBe(false);
  });

  it('renders the first screen of sections at once and the rest right after; a jump renders its target', async () => {
    const many: BlueprintDocument = {
      title: 'Long',
      sections: Array.from({ length: 12 }, (_, s) => ({
        id: `s${s + 1}`,
        number: s + 1,
        title: `Section ${s + 1}`,
        edited: false,
        nodes: Array.from({ length: 4 }, (_, p) => node(`s${s + 1}p${p}`, 'paragraph', { body: `Text ${s + 1}.${p}` })),
      })),
    };
    fakeBackend({
      doc: many,
      hits: [{ node_id: 's12p3', section_id: 's12', section_number: 12, section_title: 'Section 12', snippet: 'Text' }],
    });
    const user = userEvent.setup();
    render(BlueprintPage);
    const first = await screen.findAllByTestId('bp-section');
    // Every section's heading is there from the start; only the first few have their content.
    expect(first.length).toBeLessThan(12);
    expect(document.querySelectorAll('.bp-section')).toHaveLength(12);
    expect(screen.getAllByTestId('bp-section-pending').length).toBe(12 - first.length);
    await user.type(screen.getByTestId('bp-search'), 'text');
    await user.click(await screen.findByTestId('bp-search-result'));
    expect(nodeEl('s12p3').classList.contains('bp-flash')).toBe(true);
    await waitFor(() => expect(screen.queryAllByTestId('bp-section-pending')).toHaveLength(0));
    expect(screen.getAllByTestId('bp-section')).toHaveLength(12);
  });
});
