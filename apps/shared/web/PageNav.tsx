import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

/**
 * Previous / next for a list read one page at a time (library results, forum threads, a
 * thread's posts), with "page N of M"; nothing when everything fits on one page. `label`
 * names the navigation landmark, so that a screen reader tells two lists' pages apart.
 */
export function PageNav({ page, pages, onPage, label }: { page: number; pages: number; onPage: (page: number) => void; label: string }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <Group component="nav" aria-label={label}>
      <Button variant="default" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('pages.previous')}
      </Button>
      <Text data-testid="page-of">{t('pages.pageOf', { page, pages })}</Text>
      <Button variant="default" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('pages.next')}
      </Button>
    </Group>
  );
}

/**
 * The 1-based page of a list, kept in the URL under `name` (so that a page can be linked and
 * the back button works; a screen with several lists gives each its own name), and the way to
 * another page of it, keeping the URL's other parameters.
 */
export function usePageParam(name: string): [number, (page: number) => void] {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get(name) ?? '1') || 1);
  return [page, (to) => setParams((current) => ({ ...Object.fromEntries(current), [name]: String(to) }))];
}

/** How many pages of `size` a list of `total` items takes (at least one). */
export const pageCount = (total: number | undefined, size: number) => Math.max(1, Math.ceil((total ?? 0) / size));
