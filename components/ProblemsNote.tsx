import { problemCount, type Problem } from '../lib/ocds/problems';

/** What could not be read from the data: one line (a warning first when it was cut off), the details on request. */
export function ProblemsNote({ problems, cutOff = false }: { problems: Problem[]; cutOff?: boolean }) {
  if (problems.length === 0) return null;
  // A long list ends in one line counting the problems left off it: the count is of them all.
  const total = problemCount(problems);
  const count = total === 1 ? '1 problem' : `${total.toLocaleString('en-GB')} problems`;
  return (
    <div className="tt-problems">
      {cutOff ? (
        <p className="tt-problems__warning">
          <strong>Warning: this data arrived cut off.</strong> Notices and key dates after the cut are missing; reload the page to read it again.
        </p>
      ) : null}
      <p>Some of this notice's data could not be read ({count})</p>
      <details className="tt-problems__details">
        <summary>What could not be read</summary>
        <ul className="tt-problems__list">
          {problems.map((problem, index) => (
            <li key={index}>
              {problem.notListed === undefined ? (
                <>
                  <code className="tt-problems__path">{problem.path}</code>: {problem.message}
                </>
              ) : (
                problem.message
              )}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
