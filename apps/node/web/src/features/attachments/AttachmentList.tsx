import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '@cicu/web/errors';
import { type AttachmentMeta, type AttachmentSource, downloadAttachment } from './attachments-api';

/**
 * Files listed in a payload, each with its control number (what a court compares) and, when
 * `source` says where it lives, a download; `onRemove` makes the list editable (the compose
 * form, before filing).
 */
export function AttachmentList({ attachments, source, onRemove }: { attachments: readonly Partial<AttachmentMeta>[]; source?: AttachmentSource; onRemove?: (index: number) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(undefined);
  return (
    <Stack gap={4} data-testid="attachments">
      {attachments.map((a, i) => (
        <Group key={`${a.controlNumber ?? ''}-${i}`} gap="xs" wrap="nowrap" data-testid="attachment">
          <Text span fw={500}>
            {a.fileName}
          </Text>
          <Text span size="sm">
            {t('detail.controlNumber')} <Code data-testid="control-number">{a.controlNumber}</Code>
          </Text>
          {source !== undefined && a.fileName !== undefined && (
            <Button size="compact-xs" variant="default" aria-label={t('attachments.downloadFile', { name: a.fileName })} onClick={() => void downloadAttachment(source, (source.offset ?? 0) + i, a.fileName!).then(setError)}>
              {t('attachments.download')}
            </Button>
          )}
          {onRemove !== undefined && (
            <Button size="compact-xs" variant="default" aria-label={t('attachments.removeFile', { name: a.fileName })} onClick={() => onRemove(i)}>
              {t('attachments.remove')}
            </Button>
          )}
        </Group>
      ))}
      {error !== undefined && (
        <Alert color="red" role="alert">
          {errorText(t, error)}
        </Alert>
      )}
    </Stack>
  );
}
