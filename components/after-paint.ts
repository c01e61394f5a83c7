/** Waiting for the browser to show what was drawn, so that more work does not hold it up. */
import { useEffect, useState } from 'react';

/** Resolves once the page has painted what was rendered before it was called. */
export const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** False until the page has painted once with `ready` true; true from then on. */
export function usePaintedOnce(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let live = true;
    void afterPaint().then(() => live && setPainted(true));
    return () => {
      live = false;
    };
  }, [ready, painted]);
  return painted;
}
