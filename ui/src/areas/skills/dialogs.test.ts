import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ScaleStep, Skill, SkillInput } from '../../bindings';
import { mockBackend } from '../../test/fixtures';
import CatalogDialog from './CatalogDialog.svelte';
import ImportDialog from './ImportDialog.svelte';

const scale: ScaleStep[] = ['None', 'Aware', 'Working', 'Proficient', 'Expert'].map((name, level) => ({
  level,
  name,
  description: '',
}));

function skill(id: string, name: string, overrides: Partial<Skill> = {}): Skill {
  return {
    id,
    name,
    category: 'Must-have technical skills',
    description: '',
    source_id: null,
    position: 0,
    retired_at: null,
    ...overrides,
  };
}

describe('CatalogDialog', () => {
  it('adds, renames and retires skills, with a clash shown under the name', async () => {
    const catalog = [skill('s1', 'Observability'), skill('s2', 'Terraform')];
    const api = mockBackend({
      skills_catalog: () => catalog,
      skills_add: (a) => {
        const input = a.input as SkillInput;
        if (input.name.toLowerCase() === 'observability') {
          throw { code: 'conflict', message: 'There is already a skill called “Observability”', field: 'name' };
        }
        const s = skill('s3', input.name, { category: input.category });
        catalog.push(s);
        return s;
      },
      skills_update: (a) => {
        const s = catalog.find((x) => x.id === a.id)!;
        s.name = (a.input as SkillInput).name;
        return s;
      },
      skills_retire: (a) => {
        const s = catalog.find((x) => x.id === a.id)!;
        s.retired_at = '2026-11-26T00:00:00Z';
        return s;
      },
    });
    const onchanged = vi.fn();
    const user = userEvent.setup();
    render(CatalogDialog, { scale, onchanged, onclose: () => {} });
    const list = await screen.findByTestId('catalog-list');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));

    await user.type(screen.getByLabelText('New skill'), 'observability');
    await user.type(screen.getByLabelText('Category'), 'Must-have technical skills');
    await user.click(screen.getByTestId('catalog-add'));
    expect((await screen.findByRole('alert')).textContent).toContain('already a skill called');

    await user.clear(screen.getByLabelText('New skill'));
    await user.type(screen.getByLabelText('New skill'), 'eBPF tracing{Enter}');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(api.lastArgs('skills_add')).toEqual({
      input: { name: 'eBPF tracing', category: 'Must-have technical skills', description: null },
    });

    await user.click(screen.getByLabelText('Rename Terraform'));
    const name = screen.getByTestId('catalog-edit-name');
    await user.clear(name);
    await user.type(name, 'Infrastructure as code');
    await user.click(screen.getByTestId('catalog-edit-save'));
    await waitFor(() => expect(list.textContent).toContain('Infrastructure as code'));

    await user.click(within(list).getAllByTestId('catalog-retire')[0]!);
    await waitFor(() => expect(api.lastArgs('skills_retire')).toEqual({ id: 's1' }));
    await waitFor(() => expect(within(list).getAllByText('Retired')).toHaveLength(1));
    expect(onchanged).toHaveBeenCalled();
  });

  it('renames a step of the scale', async () => {
    const api = mockBackend({
      skills_catalog: () => [],
      skills_set_scale: (a) => scale.map((s) => (s.level === (a.step as ScaleStep).level ? (a.step as ScaleStep) : s)),
    });
    const user = userEvent.setup();
    render(CatalogDialog, { scale, onchanged: () => {}, onclose: () => {} });
    await user.click(screen.getByTestId('catalog-tab-scale'));
    const field = screen.getByTestId('scale-name-2');
    await user.clear(field);
    await user.type(field, 'Practitioner');
    await user.tab();
    await waitFor(() => expect((api.lastArgs('skills_set_scale')!.step as ScaleStep).name).toBe('Practitioner'));
  });
});

describe('ImportDialog', () => {
  it('sends the date and the add-skills choice, and shows a refused file’s line', async () => {
    const api = mockBackend({
      skills_import: () => {
        throw { code: 'invalid_input', message: 'line 17: 5 for Observability is off the scale (0 to 4)' };
      },
    });
    const user = userEvent.setup();
    render(ImportDialog, { onimported: () => {}, onclose: () => {} });
    await user.click(screen.getByTestId('import-add-skills'));
    await user.click(screen.getByTestId('import-choose'));
    expect((await screen.findByTestId('import-error')).textContent).toBe(
      'line 17: 5 for Observability is off the scale (0 to 4)',
    );
    const args = api.lastArgs('skills_import')!;
    expect(args.addSkills).toBe(true);
    expect(String(args.date)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
