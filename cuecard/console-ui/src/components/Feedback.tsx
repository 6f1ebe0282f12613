import type { ReactNode } from 'react';

/**
 * The two lines every admin view shows above its content: what an action did (a status line, read out politely) and
 * what went wrong (an alert). Nothing is rendered for an empty message.
 */
export function StatusLine({ text, testId }: { text: string | null | undefined; testId?: string }) {
  if (!text) return null;
  return (
    <p className="notice" role="status" data-testid={testId}>
      {text}
    </p>
  );
}

export function ProblemLine({ text, testId }: { text: string | null | undefined; testId?: string }) {
  if (!text) return null;
  return (
    <p className="error-text" role="alert" data-testid={testId}>
      {text}
    </p>
  );
}

/** A scrollable data table: the column headings in order, then the rows the caller renders. */
export function DataTable({ testId, headings, className, children }: { testId: string; headings: string[]; className?: string; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className={className ? `data-table ${className}` : 'data-table'} data-testid={testId}>
        <thead>
          <tr>
            {headings.map((heading) => (
              <th key={heading}>{heading}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
