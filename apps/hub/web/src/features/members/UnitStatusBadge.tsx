import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS = { active: 'green', suspended: 'orange', retired: 'gray' } as const;

/** Light badges with the darkest text: the light variants' own text colours fall below AA contrast. */
export function UnitStatusBadge({ status }: { status: keyof typeof COLORS }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={COLORS[status]} c="dark.9" data-testid="unit-status" data-status={status}>
      {t(`unitStatus.${status}`)}
    </Badge>
  );
}
