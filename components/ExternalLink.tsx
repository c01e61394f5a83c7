import type { ReactNode } from 'react';
import { isHttpsHref } from './format';
import './theme.css';

interface Props {
  href: string | undefined;
  children: ReactNode;
  className?: string;
}

/** A link to a page outside the product, opened in a new tab — or plain text when `href` is not https. */
export function ExternalLink({ href, children, className }: Props) {
  if (!isHttpsHref(href)) return <span className={className}>{children}</span>;
  return (
    <a className={className ? `tt-link ${className}` : 'tt-link'} href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <span className="tt-visually-hidden"> (opens in new tab)</span>
    </a>
  );
}
