import { Alert, Badge, Button, Card, Code, FileInput, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { $api, type LibraryDocumentDetail } from '../../api/client';
import { errorText } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { useSession } from '../../auth/session';
import { GuardFindings, useGuardStep } from '../sharing/GuardFindings';
import { Refusal } from '../sharing/Refusal';
import { addVersion, downloadVersion } from './library-api';
import { formatSize, languageName } from './library-options';

/** A new version of a document of the officer's own unit, through the same guard step as a publication. */
function AddVersion({ document }: { document: LibraryDocumentDetail }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const guard = useGuardStep();
  const [file, setFile] = useState<File | null>(null);
  const [refusal, setRefusal] = useState<unknown>(undefined);
  const [done, setDone] = useState<number | undefined>(undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (file === null) return;
    const { data, error } = await addVersion(document.id, file, guard.overrides);
    if (data !== undefined) {
      setDone(data.currentVersion);
      setFile(null);
      guard.reset();
      setRefusal(undefined);
      await queries.invalidateQueries({ queryKey: ['get', '/v1/library/documents/{id}'] });
      return;
    }
    setRefusal(guard.take(error) ? undefined : error);
  };
  return (
    <Card withBorder component="section" aria-labelledby="add-version">
      <form onSubmit={(e) => void submit(e)}>
        <Stack gap="sm">
          <Title order={3} size="h4" id="add-version">
            {t('document.addVersion')}
          </Title>
          <FileInput
            id="version-file"
            label={t('upload.file')}
            description={t('upload.fileHint')}
            clearable
            clearButtonProps={{ 'aria-label': t('upload.clearFile') }}
            value={file}
            onChange={(value) => {
              setFile(value);
              guard.reset();
            }}
          />
          <GuardFindings guard={guard} idPrefix="version" />
          <Refusal error={refusal} />
          {done !== undefined && (
            <Alert color="green" role="status">
              {t('document.versionAdded', { version: done })}
            </Alert>
          )}
          <Group>
            <Button type="submit" disabled={file === null || (guard.findings.length > 0 && !guard.ready)}>
              {guard.findings.length > 0 ? t('guard.resubmit') : t('document.uploadVersion')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** A library document: its metadata and every version with its control number and a verified download. */
export function DocumentPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { officer, hasRole } = useSession();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const [downloadError, setDownloadError] = useState<unknown>(undefined);
  const query = $api.useQuery('get', '/v1/library/documents/{id}', { params: { path: { id } } });
  if (query.error) return <Alert color="red">{errorText(t, query.error)}</Alert>;
  const d = query.data;
  if (d === undefined) return null;
  const download = async (version: number, fileName: string) => setDownloadError(await downloadVersion(d.id, version, fileName));
  const visibility = d.visibility.scope === 'members' ? t('document.allMembers') : (d.visibility.units ?? []).join(', ');
  return (
    <Stack maw={1000}>
      {notice !== undefined && (
        <Alert color="green" role="status">
          {t(notice)}
        </Alert>
      )}
      <Group justify="space-between">
        <Title order={2}>{d.title}</Title>
        <Badge variant="light" c="dark.9">
          {t(`libraryCategories.${d.category}`)}
        </Badge>
      </Group>
      <Text>{d.summary}</Text>
      <Table variant="vertical" withTableBorder maw={700}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={200}>{t('document.author')}</Table.Th>
            <Table.Td>
              {d.authorName} ({d.authorUnit})
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('upload.areas')}</Table.Th>
            <Table.Td>{d.areas.map((a) => t(`areas.${a}`)).join(', ')}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('library.language')}</Table.Th>
            <Table.Td>{languageName(d.language, i18n.language)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('upload.tags')}</Table.Th>
            <Table.Td>{d.tags.join(', ')}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('upload.visibility')}</Table.Th>
            <Table.Td>{visibility}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('document.published')}</Table.Th>
            <Table.Td>{formatDate(d.createdAt, i18n.language)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Title order={3} size="h4">
        {t('document.versions')}
      </Title>
      <Table.ScrollContainer minWidth={800}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('document.version')}</Table.Th>
              <Table.Th>{t('document.file')}</Table.Th>
              <Table.Th>{t('document.controlNumber')}</Table.Th>
              <Table.Th>{t('document.uploadedBy')}</Table.Th>
              <Table.Th>{t('document.download')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...d.versions].reverse().map((v) => (
              <Table.Tr key={v.version} data-testid={`version-${v.version}`}>
                <Table.Td>{v.version}</Table.Td>
                <Table.Td>
                  {v.fileName}
                  <Text size="xs" c="dimmed">
                    {v.mediaType} · {formatSize(v.size, i18n.language)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Code data-testid="control-number" style={{ wordBreak: 'break-all' }}>
                    {v.controlNumber}
                  </Code>
                </Table.Td>
                <Table.Td>
                  {v.officerName} ({v.unit})
                  <Text size="xs" c="dimmed">
                    {formatDate(v.createdAt, i18n.language)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => void download(v.version, v.fileName)} aria-label={t('document.downloadVersion', { version: v.version, name: v.fileName })}>
                    {t('document.download')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm">{t('document.verifiedNote')}</Text>
      {downloadError !== undefined && <Refusal error={downloadError} />}
      {hasRole('officer') && officer?.unitId === d.authorUnit && <AddVersion document={d} />}
    </Stack>
  );
}
