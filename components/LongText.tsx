const LIMIT = 240;

/** Where to cut a long text: at a word boundary near `LIMIT`. */
function cutAt(text: string): number {
  const space = text.lastIndexOf(' ', LIMIT);
  return space > LIMIT / 2 ? space : LIMIT;
}

/** Text that may be very long (FTS descriptions run to pages): the start, the rest on request. */
export function LongText({ text, className }: { text: string; className?: string }) {
  if (text.length <= LIMIT + 40) return <p className={className}>{text}</p>;
  const cut = cutAt(text);
  return (
    <div className={className}>
      <p>
        {text.slice(0, cut)}
        <span aria-hidden="true">…</span>
      </p>
      <details className="tt-more">
        <summary>Read the rest</summary>
        <p>{text.slice(cut).trimStart()}</p>
      </details>
    </div>
  );
}
