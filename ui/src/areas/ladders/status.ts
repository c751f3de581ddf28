// Words and tones for a readiness status (the status itself is computed in Rust).
import type { Tone } from '../../lib/components/Pill.svelte';
import type { ReadinessStatus } from '../../lib/ipc';

export function statusLabel(status: ReadinessStatus): string {
  switch (status) {
    case 'ready':
      return 'Ready';
    case 'close':
      return 'Close';
    case 'not_yet':
      return 'Not yet';
    case 'at_top':
      return 'Top level';
  }
}

export function statusTone(status: ReadinessStatus): Tone {
  switch (status) {
    case 'ready':
      return 'success';
    case 'close':
      return 'info';
    case 'not_yet':
      return 'warning';
    case 'at_top':
      return 'neutral';
  }
}
