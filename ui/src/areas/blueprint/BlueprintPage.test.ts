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
function fakeBackend(options: { hits?: SearchHit[]; revisions?: Revision[] } = {}) {
  const doc = fakeDocument();
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
      const { node: parent, section } = locate(input.parent_id!);
      const added = node('new-1', input.kind, { ...input.content, state: 'added' });
      parent.children.push(added);
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
    // Focus returns to the node's Edit button.
    await waitFor(() => expect(document.activeElement).toBe(within(nodeEl('i1')).getByTestId('bp-edit')));
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
    // r1 is now last, so its Move down is disabled and focus falls back to its Edit button.
    await waitFor(() => expect(document.activeElement).toBe(within(nodeEl('r1')).getByTestId('bp-edit')));
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
});
