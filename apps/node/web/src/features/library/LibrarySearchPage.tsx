import { Alert, Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { paths } from '../../../../../../openapi/node';
import { $api, type LibrarySearchHit } from '../../api/client';
import { errorText } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { useSession } from '../../auth/session';
import { areaOptions, categoryOptions, languageName, languageOptions } from './library-options';
import { Snippet } from './Snippet';
import { pageCount, PageNav, usePageParam } from '@cicu/web/PageNav';

const FILTERS = ['q', 'category', 'area', 'unit', 'language', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE_SIZE = 10;
type SearchQuery = NonNullable<paths['/v1/library/documents']['get']['parameters']['query']>;

function Hit({ hit }: { hit: LibrarySearchHit }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder component="article" aria-labelledby={`hit-${hit.id}`} data-testid="search-hit">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} size="h4" id={`hit-${hit.id}`}>
            <Anchor component={Link} to={`/library/${hit.id}`}>
              {hit.title}
            </Anchor>
          </Title>
          <Badge variant="light" c="dark.9">
            {t(`libraryCategories.${hit.category}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {hit.authorUnit} · {languageName(hit.language, i18n.language)} · {hit.areas.map((a) => t(`areas.${a}`)).join(', ')} · {t('library.updated', { date: formatDate(hit.updatedAt, i18n.language) })}
        </Text>
        {hit.snippet !== null ? <Snippet snippet={hit.snippet} /> : <Text size="sm">{hit.summary}</Text>}
      </Stack>
    </Card>
  );
}

/** The library: search with filters over what this unit may read, ranked, one page at a time. */
export function LibrarySearchPage() {
  const { t, i18n } = useTranslation();
  const { hasRole } = useSession();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState<Record<Filter, string>>(() => Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<Filter, string>);
  const [page, goTo] = usePageParam('page');
  // The URL's filters as they are: the node validates them (400 VALIDATION) and the hub decides.
  const filters = Object.fromEntries(FILTERS.flatMap((f) => (params.get(f) ? [[f, params.get(f)!]] : []))) as SearchQuery;
  const results = $api.useQuery('get', '/v1/library/documents', { params: { query: { ...filters, page, pageSize: PAGE_SIZE } } });
  const pages = pageCount(results.data?.total, PAGE_SIZE);
  const search = (event: FormEvent) => {
    event.preventDefault();
    setParams(Object.fromEntries(FILTERS.flatMap((f) => (draft[f].trim() !== '' ? [[f, draft[f].trim()]] : []))));
  };
  const set = (filter: Filter) => (value: string | null) => setDraft((d) => ({ ...d, [filter]: value ?? '' }));
  return (
    <Stack maw={1000}>
      <Group justify="space-between">
        <Title order={2}>{t('library.title')}</Title>
        {hasRole('officer') && (
          <Button component={Link} to="/library/new" variant="default">
            {t('library.uploadLink')}
          </Button>
        )}
      </Group>
      <form onSubmit={search} role="search" aria-label={t('library.searchLabel')}>
        <Stack gap="sm">
          <TextInput id="library-q" label={t('library.query')} description={t('library.queryHint')} value={draft.q} onChange={(e) => set('q')(e.currentTarget.value)} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select id="library-category" label={t('library.category')} clearable data={categoryOptions(t)} value={draft.category || null} onChange={set('category')} />
            <Select id="library-area" label={t('library.area')} clearable data={areaOptions(t)} value={draft.area || null} onChange={set('area')} />
            <Select id="library-language" label={t('library.language')} clearable searchable data={languageOptions(i18n.language)} value={draft.language || null} onChange={set('language')} />
            <TextInput id="library-unit" label={t('library.unit')} placeholder="DE-ZIRE" value={draft.unit} onChange={(e) => set('unit')(e.currentTarget.value)} />
            <TextInput id="library-from" type="date" label={t('library.from')} value={draft.from} onChange={(e) => set('from')(e.currentTarget.value)} />
            <TextInput id="library-to" type="date" label={t('library.to')} value={draft.to} onChange={(e) => set('to')(e.currentTarget.value)} />
          </SimpleGrid>
          <Group>
            <Button type="submit">{t('library.search')}</Button>
          </Group>
        </Stack>
      </form>
      {results.error && <Alert color="red">{errorText(t, results.error)}</Alert>}
      {results.data !== undefined && (
        <Text role="status" data-testid="search-total">
          {t(results.data.totalIsLowerBound ? 'library.totalAtLeast' : 'library.total', { count: results.data.total })}
        </Text>
      )}
      {results.data?.items.map((hit) => <Hit key={hit.id} hit={hit} />)}
      <PageNav page={page} pages={pages} onPage={goTo} label={t('library.pages')} />
    </Stack>
  );
}
