import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

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
        {t('library.previous')}
      </Button>
      <Text data-testid="page-of">{t('library.page', { page, pages })}</Text>
      <Button variant="default" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('library.next')}
      </Button>
    </Group>
  );
}
