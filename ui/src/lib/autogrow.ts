// Grows a textarea with its content (between its CSS min-height and max-height), so notes read
// like a document rather than a scrolling box inside a scrolling page.
export function autogrow(node: HTMLTextAreaElement) {
  let width = 0;
  const fit = () => {
    node.style.height = 'auto';
    node.style.height = `${node.scrollHeight + 2}px`;
  };
  // After layout, so the first measurement sees the real width; again when the width changes.
  const frame = requestAnimationFrame(fit);
  const observer =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver(([entry]) => {
          const w = entry?.contentRect.width ?? 0;
          if (w !== width) {
            width = w;
            fit();
          }
        });
  observer?.observe(node);
  node.addEventListener('input', fit);
  return {
    destroy() {
      cancelAnimationFrame(frame);
      observer?.disconnect();
      node.removeEventListener('input', fit);
    },
  };
}
