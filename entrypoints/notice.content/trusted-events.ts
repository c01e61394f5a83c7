/**
 * The input events a person makes. A page's script can make them too (`dispatchEvent`,
 * `element.click()`), but those arrive with `isTrusted` false; the browser's own, from the
 * mouse and keyboard (Enter or Space on a button is a trusted click), with `isTrusted` true.
 */
const INPUT_EVENTS = [
  'click',
  'auxclick',
  'dblclick',
  'contextmenu',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'change',
  'submit',
] as const;

function dropUntrusted(event: Event): void {
  if (event.isTrusted) return;
  event.stopImmediatePropagation();
  event.preventDefault();
}

/**
 * Only the user acts in the panel: every untrusted input event is stopped at the panel's
 * shadow root, in the capture phase, before React (which listens on the container inside
 * the root) sees it. So no button (Watch, Unwatch, Mark as seen, Retry, Hide) runs for a
 * page's script, whichever way it got hold of one.
 */
export function acceptOnlyTrustedInput(root: ShadowRoot): void {
  for (const type of INPUT_EVENTS) root.addEventListener(type, dropUntrusted, { capture: true });
}

/**
 * WXT retires this script, and removes the panel, when a newer copy of it announces itself by
 * an event of type `startedType` on the document (after the extension is updated). Any page can
 * send that event: its name is public (the extension's id and the script's name). A newer copy
 * runs only once this one's extension context is gone, so while `alive()` the event is the
 * page's, and it is stopped in the capture phase at the window, before it reaches the document.
 */
export function ignoreRetirementByThePage(startedType: string, alive: () => boolean): void {
  window.addEventListener(
    startedType,
    (event) => {
      if (alive()) event.stopImmediatePropagation();
    },
    { capture: true },
  );
}
