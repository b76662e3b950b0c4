import { useEffect } from 'react';

/** Sets `document.title` to "<page> - <site>" (or just the site name for a home page). */
export function useDocumentTitle(siteName: string, page?: string): void {
  useEffect(() => {
    document.title = page ? `${page} - ${siteName}` : siteName;
  }, [siteName, page]);
}
