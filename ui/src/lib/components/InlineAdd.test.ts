import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import InlineAdd from './InlineAdd.svelte';

function setup(onadd: (text: string) => Promise<unknown>) {
  const onadded = vi.fn();
  const onreset = vi.fn();
  render(InlineAdd, {
    label: 'Add a thing',
    fieldLabel: 'New thing',
    placeholder: 'Add a thing…',
    testid: 'add-thing',
    onadd,
    onadded,
    onreset,
  });
  return { onadded, onreset, field: screen.getByTestId<HTMLInputElement>('add-thing-text') };
}

describe('InlineAdd', () => {
  it('adds the trimmed text with Enter, clears the row and keeps the focus there', async () => {
    const onadd = vi.fn(async () => undefined);
    const { onadded, onreset, field } = setup(onadd);
    const user = userEvent.setup();
    expect(screen.getByTestId<HTMLButtonElement>('add-thing').disabled).toBe(true);
    await user.type(field, '  Ship it  {Enter}');
    await waitFor(() => expect(onadded).toHaveBeenCalledOnce());
    expect(onadd).toHaveBeenCalledWith('Ship it');
    expect(onreset).toHaveBeenCalledOnce();
    expect(field.value).toBe('');
    expect(document.activeElement).toBe(field);
    expect(screen.getByRole('form', { name: 'Add a thing' })).toBeTruthy();
    expect(screen.getByLabelText('New thing')).toBe(field);
  });

  it('shows a failure under the row and keeps the text', async () => {
    const { onadded, field } = setup(async () => Promise.reject({ code: 'invalid', message: 'Too long' }));
    const user = userEvent.setup();
    await user.type(field, 'Something{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('Too long');
    expect(field.value).toBe('Something');
    expect(onadded).not.toHaveBeenCalled();
  });

  it('Esc clears the row, its error and its extras, and leaves the field', async () => {
    const { onreset, field } = setup(async () => Promise.reject({ code: 'invalid', message: 'Nope' }));
    const user = userEvent.setup();
    await user.type(field, 'Half a thought{Enter}');
    await screen.findByRole('alert');
    await user.keyboard('{Escape}');
    expect(field.value).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onreset).toHaveBeenCalledOnce();
    expect(document.activeElement).not.toBe(field);
  });
});
