import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLOURS: Record<string, string> = {
  drafted: 'orange', awaiting_approval: 'yellow', approved: 'blue', submitting: 'blue', submitted: 'blue', delivered: 'cyan',
  answered: 'green', partially_answered: 'teal', refused: 'red', more_information_needed: 'grape', rejected_by_hub: 'red', new: 'blue',
};

// Light badges with dark text: AA contrast in every colour.
export function StatusBadge({ status, overdue = false }: { status: string; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Badge variant="light" color={COLOURS[status] ?? 'gray'} c="dark.9" data-status={status}>
        {t(`status.${status}`, { defaultValue: status })}
      </Badge>
      {overdue && (
        <Badge variant="light" color="red" c="dark.9" ml={4}>
          {t('status.overdue')}
        </Badge>
      )}
    </>
  );
}
