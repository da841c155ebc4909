import { useEffect } from 'react';

/** Names the browser tab after what the page is about ("Edit: Talks resume in Baghdad — Wiredesk"), not "List" or "Show". */
export function usePageTitle(title) {
  useEffect(() => {
    if (!title) return undefined;
    const before = document.title;
    document.title = `${title} — Wiredesk`;
    return () => {
      document.title = before;
    };
  }, [title]);
}
