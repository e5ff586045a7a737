import { Button, FileInput, Group, MultiSelect, Radio, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { GuardFindings, useGuardStep } from '../sharing/GuardFindings';
import { Refusal } from '../sharing/Refusal';
import { type DocumentInput, publishDocument } from './library-api';
import { areaOptions, categoryOptions, languageOptions } from './library-options';

/**
 * Publishing a document: the metadata and the file. The hub's personal-data guard may refuse it
 * with findings; the officer then marks each as not personal with a justification, and the same
 * submission goes again with those overrides.
 */
export function UploadPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const guard = useGuardStep();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [areas, setAreas] = useState<string[]>([]);
  const [language, setLanguage] = useState<string | null>(i18n.language.slice(0, 2));
  const [tags, setTags] = useState<string[]>([]);
  const [scope, setScope] = useState<'members' | 'units'>('members');
  const [units, setUnits] = useState<string[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [refusal, setRefusal] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  // Any change of the content makes earlier findings name other text: they are dropped.
  const changed = <V,>(set: (value: V) => void) => (value: V) => {
    set(value);
    guard.reset();
  };
  const complete = title.trim() !== '' && summary.trim() !== '' && category !== null && areas.length > 0 && language !== null && file !== null && (scope === 'members' || units.length > 0);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!complete) return;
    const document: DocumentInput = { title, summary, category, areas, language, tags, visibility: scope === 'members' ? { scope } : { scope, units } };
    setBusy(true);
    const { data, error } = await publishDocument(document, file, guard.overrides);
    setBusy(false);
    if (data !== undefined) {
      await queries.invalidateQueries({ queryKey: ['get', '/v1/library/documents'] });
      void navigate(`/library/${data.id}`, { state: { notice: 'library.published' } });
      return;
    }
    const guarded = guard.take(error);
    setRefusal(guarded ? undefined : error);
    if (!guarded && (error as { code?: string } | undefined)?.code === 'OVERRIDE_NOT_MATCHED') guard.reset();
  };
  return (
    <Stack maw={900}>
      <Title order={2}>{t('upload.title')}</Title>
      <Text>{t('upload.intro')}</Text>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <TextInput id="upload-title" label={t('upload.docTitle')} required value={title} onChange={(e) => changed(setTitle)(e.currentTarget.value)} />
          <Textarea id="upload-summary" label={t('upload.summary')} required autosize minRows={3} value={summary} onChange={(e) => changed(setSummary)(e.currentTarget.value)} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select id="upload-category" label={t('library.category')} required data={categoryOptions(t)} value={category} onChange={changed(setCategory)} />
            <Select id="upload-language" label={t('library.language')} required searchable data={languageOptions(i18n.language)} value={language} onChange={changed(setLanguage)} />
          </SimpleGrid>
          <MultiSelect id="upload-areas" label={t('upload.areas')} required data={areaOptions(t)} value={areas} onChange={changed(setAreas)} />
          <TagsInput id="upload-tags" label={t('upload.tags')} description={t('upload.tagsHint')} value={tags} onChange={changed(setTags)} />
          <Radio.Group id="upload-visibility" label={t('upload.visibility')} value={scope} onChange={(value) => changed(setScope)(value as 'members' | 'units')}>
            <Group mt="xs">
              <Radio id="upload-visibility-members" value="members" label={t('upload.members')} />
              <Radio id="upload-visibility-units" value="units" label={t('upload.units')} />
            </Group>
          </Radio.Group>
          {scope === 'units' && <TagsInput id="upload-units" label={t('upload.unitList')} description={t('upload.unitListHint')} value={units} onChange={changed(setUnits)} />}
          <FileInput id="upload-file" label={t('upload.file')} description={t('upload.fileHint')} required clearable clearButtonProps={{ 'aria-label': t('upload.clearFile') }} value={file} onChange={changed(setFile)} />
          <GuardFindings guard={guard} idPrefix="upload" />
          <Refusal error={refusal} />
          <Group>
            <Button type="submit" loading={busy} disabled={!complete || (guard.findings.length > 0 && !guard.ready)}>
              {guard.findings.length > 0 ? t('guard.resubmit') : t('upload.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
