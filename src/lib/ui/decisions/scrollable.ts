/**
 * A wide table's box on a narrow screen: it scrolls sideways, so it must take keyboard focus
 * to be scrolled without a mouse — but only while it overflows, or it is a useless tab stop.
 */
export function scrollable(node: HTMLElement) {
  const update = () => {
    if (node.scrollWidth > node.clientWidth + 1) node.tabIndex = 0;
    else node.removeAttribute('tabindex');
  };
  const observer = new ResizeObserver(update);
  observer.observe(node);
  for (const child of node.children) observer.observe(child);
  update();
  return { destroy: () => observer.disconnect() };
}
