import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AttachmentList } from '../attachments/AttachmentList';
import type { AttachmentSource } from '../attachments/attachments-api';

/**
 * A decrypted payload (request, answer, finding) as a table of labelled values; attachments
 * with their control numbers, and their downloads when `attachments` says where they live.
 */
export function PayloadView({ payload, skip = [], attachments }: { payload: Record<string, unknown>; skip?: readonly string[]; attachments?: AttachmentSource }) {
  const { t } = useTranslation();
  const rows = Object.entries(payload).filter(([key]) => !skip.includes(key));
  return (
    <Table withTableBorder variant="vertical" layout="fixed">
      <Table.Tbody>
        {rows.map(([key, value]) => (
          <Table.Tr key={key}>
            <Table.Th w="30%">{t(`fields.${key}`, { defaultValue: t(`compose.${key}`, { defaultValue: key }) })}</Table.Th>
            <Table.Td>
              {key === 'attachments' && Array.isArray(value) ? (
                <AttachmentList attachments={value as { fileName?: string; controlNumber?: string }[]} source={attachments} />
              ) : typeof value === 'object' && value !== null && !Array.isArray(value) ? (
                <PayloadView payload={value as Record<string, unknown>} />
              ) : Array.isArray(value) ? (
                value.map((v, i) => <div key={i}>{typeof v === 'object' ? <PayloadView payload={v as Record<string, unknown>} /> : String(v)}</div>)
              ) : (
                <span style={{ whiteSpace: 'pre-wrap' }}>{String(value)}</span>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
