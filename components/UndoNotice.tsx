import { useEffect, useRef } from 'react';
import { offersUndo, type UndoState } from './use-undo-unwatch';
import './theme.css';
import './undo-notice.css';

export interface UndoNoticeProps {
  /** The last Unwatch (use-undo-unwatch.ts); nothing to say without one. */
  state: UndoState | undefined;
  onUndo(): void;
  /** Move the focus to Undo as it appears: what had it (the row's Unwatch) is gone. */
  focusOnShow?: boolean;
  /**
   * Where the focus goes when the Undo button goes while it has it (after Undo, when the
   * time is over, when the Undo was refused, or the notice was cleared). Nothing given: this
   * notice's own text.
   */
  returnFocus?: (state: UndoState | undefined) => HTMLElement | null | undefined;
}

/** What the notice says in each state. */
export function undoText(state: UndoState): string {
  if (state.phase === 'restored') return `${state.title} is back on your watchlist.`;
  if (state.phase === 'failed') return state.message;
  return `Removed ${state.title} from your watchlist.`;
}

/**
 * "Removed … from your watchlist." with an Undo button, while Undo can be done; then what came
 * of it. The text is a polite live region that is always there (empty until an Unwatch), so
 * that each change is read out. The focus is never left on nothing when the button goes.
 */
export function UndoNotice({ state, onUndo, focusOnShow = false, returnFocus }: UndoNoticeProps) {
  const textRef = useRef<HTMLParagraphElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // The button had the focus, and the user did not move it elsewhere since.
  const hadFocus = useRef(false);
  const offering = offersUndo(state);
  const restoring = state?.phase === 'restoring';

  // After the whole commit (a passive effect): a row that came back into an empty list has its refs by then.
  useEffect(() => {
    if (offering) {
      if (focusOnShow && state?.phase === 'removed') buttonRef.current?.focus();
      return;
    }
    if (!hadFocus.current) return;
    hadFocus.current = false;
    const root = textRef.current?.getRootNode() as Document | ShadowRoot | undefined;
    const active = root?.activeElement;
    if (active && active !== active.ownerDocument.body) return;
    (returnFocus?.(state) ?? textRef.current)?.focus();
    // Only when the state changes: `returnFocus` is read then.
  }, [state]);

  return (
    <div className={state ? 'tt-undo tt-undo--shown' : 'tt-undo'}>
      <p className="tt-undo__text" role="status" ref={textRef} tabIndex={-1}>
        {state ? undoText(state) : ''}
      </p>
      {state && offering ? (
        <button
          ref={buttonRef}
          type="button"
          className="tt-button tt-button--secondary tt-button--small tt-undo__button"
          aria-label={`Undo removing ${state.title}`}
          aria-disabled={restoring}
          onFocus={() => {
            hadFocus.current = true;
          }}
          onBlur={(event) => {
            // To another element: the user moved on. To nothing: the button itself went.
            if (event.relatedTarget) hadFocus.current = false;
          }}
          onClick={() => {
            if (!restoring) onUndo();
          }}
        >
          Undo
        </button>
      ) : null}
    </div>
  );
}
