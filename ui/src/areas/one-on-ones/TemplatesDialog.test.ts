import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Template, TemplateInput } from '../../bindings';
import { toasts } from '../../lib/toasts.svelte';
import { mockBackend, template } from '../../test/fixtures';
import TemplatesDialog from './TemplatesDialog.svelte';

/** The template commands over an in-memory list; the backend's validation for a blank name. */
function fakeBackend() {
  let list: Template[] = [
    template({
      id: 'tpl-career-growth',
      name: 'Career growth',
      questions: ['Where next?', 'Which skill?'],
      builtin: true,
      used_by: 2,
    }),
    template({ id: 'tpl-feedback', name: 'Feedback both ways', questions: ['What could I do better?'], builtin: true }),
  ];
  const cleaned = (input: TemplateInput) => ({
    name: input.name.trim(),
    questions: input.questions.map((q) => q.trim()).filter(Boolean),
  });
  const validated = (args: Record<string, unknown>) => {
    const input = args.input as TemplateInput;
    if (!input.name.trim()) throw { code: 'invalid_input', message: 'Give the template a name', field: 'name' };
    return cleaned(input);
  };
  const backend = mockBackend({
    oo_templates: () => [...list].sort((a, b) => a.name.localeCompare(b.name)),
    oo_create_template: (args) => {
      const added = template({ id: 'tpl-new', ...validated(args) });
      list = [...list, added];
      return added;
    },
    oo_update_template: (args) => {
      const changes = validated(args);
      list = list.map((t) => (t.id === args.id ? { ...t, ...changes } : t));
      return list.find((t) => t.id === args.id);
    },
    oo_delete_template: (args) => {
      list = list.filter((t) => t.id !== args.id);
      return null;
    },
  });
  return { ...backend, list: () => list };
}

function setup(selectedId: string | null = 'tpl-career-growth') {
  const backend = fakeBackend();
  const onchanged = vi.fn();
  const onclose = vi.fn();
  render(TemplatesDialog, { templates: backend.list(), selectedId, onchanged, onclose });
  return { ...backend, onchanged, onclose, user: userEvent.setup() };
}

describe('TemplatesDialog', () => {
  beforeEach(() => {
    toasts.splice(0);
  });

  it('opens on the person’s template with its questions one per line', async () => {
    setup();
    const name = screen.getByLabelText('Name') as HTMLInputElement;
    expect(name.value).toBe('Career growth');
    expect((screen.getByLabelText('Questions') as HTMLTextAreaElement).value).toBe('Where next?\nWhich skill?');
    await waitFor(() => expect(document.activeElement).toBe(name));
    const items = screen.getAllByTestId('oo-template-item');
    expect(items[0]!.textContent).toContain('2 questions · 2 people');
    expect(items[0]!.getAttribute('aria-current')).toBe('true');
    // Nothing changed yet: nothing to save.
    expect((screen.getByTestId('oo-template-save') as HTMLButtonElement).disabled).toBe(true);
  });

  it('saves edited questions and tells the page', async () => {
    const { user, called, argsOf, onchanged } = setup();
    const questions = screen.getByLabelText('Questions');
    await user.clear(questions);
    await user.type(questions, 'What energises you?{Enter}{Enter}Where do you want to be in a year?');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(called('oo_update_template')).toBe(true));
    expect(argsOf('oo_update_template')[0]).toEqual({
      id: 'tpl-career-growth',
      input: { name: 'Career growth', questions: ['What energises you?', '', 'Where do you want to be in a year?'] },
    });
    await waitFor(() => expect(onchanged).toHaveBeenCalled());
    expect(onchanged.mock.lastCall![0][0].questions).toEqual([
      'What energises you?',
      'Where do you want to be in a year?',
    ]);
    expect(toasts.at(-1)?.message).toContain('saved');
  });

  it('adds a new template with Enter, and shows a validation error under its field', async () => {
    const { user, lastArgs } = setup();
    await user.click(screen.getByTestId('oo-template-new'));
    const name = screen.getByLabelText('Name');
    expect((name as HTMLInputElement).value).toBe('');
    await user.type(screen.getByLabelText('Questions'), 'How was week one?');
    await user.click(name);
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('oo-template-name-error')).toHaveProperty(
      'textContent',
      'Give the template a name',
    );

    await user.type(name, 'Onboarding{Enter}');
    await waitFor(() => expect(screen.getAllByTestId('oo-template-item')).toHaveLength(3));
    expect(lastArgs('oo_create_template')).toEqual({
      input: { name: 'Onboarding', questions: ['How was week one?'] },
    });
    const selected = screen.getAllByTestId('oo-template-item').find((i) => i.getAttribute('aria-current'));
    expect(selected?.dataset.templateId).toBe('tpl-new');
  });

  it('asks before dropping unsaved edits', async () => {
    const { user, onclose } = setup();
    await user.type(screen.getByLabelText('Name'), ' (edited)');
    await user.click(screen.getAllByTestId('oo-template-item')[1]!);
    const confirm = await screen.findByTestId('confirm-dialog');
    expect(confirm.textContent).toContain('Discard your changes?');
    await user.click(within(confirm).getByTestId('confirm-cancel'));
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Career growth (edited)');

    await user.click(screen.getByTestId('oo-templates-close'));
    await user.click(within(await screen.findByTestId('confirm-dialog')).getByTestId('confirm-ok'));
    expect(onclose).toHaveBeenCalled();
  });

  it('deletes after saying who loses it', async () => {
    const { user, argsOf } = setup();
    await user.click(screen.getByTestId('oo-template-delete'));
    const confirm = await screen.findByTestId('confirm-dialog');
    expect(confirm.textContent).toContain('2 people have this template');
    await user.click(within(confirm).getByTestId('confirm-ok'));
    await waitFor(() => expect(screen.getAllByTestId('oo-template-item')).toHaveLength(1));
    expect(argsOf('oo_delete_template').some((a) => a.id === 'tpl-career-growth')).toBe(true);
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Feedback both ways');
  });
});
