/** Undo of an Unwatch for `UNDO_MS` after it: what the Undo notice says, and the Undo itself. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { UNDO_MS } from '../lib/watchlist/undo';

/** What came of asking the background to put an unwatched procurement back. */
export type RestoreAnswer = { ok: true } | { ok: false; error: { message: string } };

export type UndoState =
  /** Unwatched: Undo is offered. */
  | { phase: 'removed'; ocid: string; title: string }
  /** Undo pressed, the answer not in yet. */
  | { phase: 'restoring'; ocid: string; title: string }
  | { phase: 'restored'; ocid: string; title: string }
  /** The time for Undo is over. */
  | { phase: 'expired'; ocid: string; title: string }
  /** The Undo was refused, or did not reach the background. */
  | { phase: 'failed'; ocid: string; title: string; message: string };

/** Whether the state offers the Undo button (pressed or not). */
export const offersUndo = (state: UndoState | undefined): boolean => state?.phase === 'removed' || state?.phase === 'restoring';

/**
 * The last Unwatch and its Undo. `removed` after an Unwatch offers Undo for `windowMs`; `undo`
 * asks `restore` (which sends the message) and says what came of it. A newer Unwatch takes
 * the place of the one before.
 */
export function useUndoUnwatch(restore: ((ocid: string) => Promise<RestoreAnswer>) | undefined, windowMs = UNDO_MS) {
  const [state, setState] = useState<UndoState>();
  const current = useRef(state);
  current.current = state;
  const latestRestore = useRef(restore);
  latestRestore.current = restore;

  // Each Unwatch's own window: the state object of one Unwatch is set once.
  useEffect(() => {
    if (state?.phase !== 'removed') return;
    const timer = setTimeout(() => setState((now) => (now === state ? { ...state, phase: 'expired' } : now)), windowMs);
    return () => clearTimeout(timer);
  }, [state, windowMs]);

  const removed = useCallback((ocid: string, title: string) => setState({ phase: 'removed', ocid, title }), []);
  /** Nothing more to say (the procurement was watched again some other way). */
  const clear = useCallback(() => setState(undefined), []);

  const undo = useCallback(() => {
    const was = current.current;
    const send = latestRestore.current;
    if (was?.phase !== 'removed' || !send) return;
    const restoring: UndoState = { ...was, phase: 'restoring' };
    setState(restoring);
    const settle = (next: UndoState) => setState((now) => (now === restoring ? next : now));
    send(was.ocid).then(
      (answer) => settle(answer.ok ? { ...was, phase: 'restored' } : { ...was, phase: 'failed', message: answer.error.message }),
      (error: unknown) => settle({ ...was, phase: 'failed', message: `The Undo did not go through: ${error instanceof Error ? error.message : String(error)}` }),
    );
  }, []);

  return { state, removed, undo, clear };
}
