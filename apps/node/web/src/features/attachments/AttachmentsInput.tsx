import { Alert, FileInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '@cicu/web/errors';
import { AttachmentList } from './AttachmentList';
import { type AttachmentMeta, uploadAttachment } from './attachments-api';

/**
 * Files for a draft or an answer: each one chosen is uploaded to the node at once (POST
 * /v1/attachments), then listed with its control number and removable until the form is sent.
 * The form sends only the metadata; the bytes travel sealed to the partner at approval.
 */
export function AttachmentsInput({ id, value, onChange }: { id: string; value: readonly AttachmentMeta[]; onChange: (next: AttachmentMeta[]) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const add = async (files: File[]) => {
    setBusy(true);
    setError(undefined);
    const added: AttachmentMeta[] = [];
    for (const file of files) {
      const { data, error: refused } = await uploadAttachment(file);
      if (data === undefined) {
        setError(refused);
        break;
      }
      added.push(data);
    }
    setBusy(false);
    if (added.length > 0) onChange([...value, ...added]);
  };
  return (
    <Stack gap="xs">
      <FileInput
        id={id}
        multiple
        clearable={false}
        value={[]}
        label={t('attachments.add')}
        description={t('attachments.hint')}
        // No placeholder: Mantine draws it dimmed, below the contrast WCAG AA asks for.
        disabled={busy}
        onChange={(files) => void add(files)}
      />
      <div aria-live="polite">{busy && <Text size="sm">{t('attachments.uploading')}</Text>}</div>
      {value.length > 0 && <AttachmentList attachments={value} onRemove={(i) => onChange(value.filter((_, j) => j !== i))} />}
      {error !== undefined && (
        <Alert color="red" role="alert">
          {errorText(t, error)}
        </Alert>
      )}
    </Stack>
  );
}
