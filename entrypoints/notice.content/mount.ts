/**
 * The panel's host: an element of its own at the end of <body>, with a closed shadow root that
 * holds the panel's styles and one container for React. Nothing is fetched (the styles come
 * in the script) and nothing is set on the host for the page to read.
 */
export interface PanelRoot {
  container: HTMLElement;
  shadow: ShadowRoot;
  remove(): void;
}

/** The page's styles stop at the host: `all: initial`, then the panel's own. */
const HOST_RESET = ':host{all:initial !important}';

export function mountPanelRoot(doc: Document, name: string, css: string): PanelRoot {
  const host = doc.createElement(name);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = `${HOST_RESET}\n${css}`;
  const container = doc.createElement('div');
  shadow.append(style, container);
  doc.body.append(host);
  return { container, shadow, remove: () => host.remove() };
}
