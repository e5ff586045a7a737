import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@cicu/web/api';
import { errorText } from '@cicu/web/errors';

/** A refusal other than the guard's, with the fields a VALIDATION names (messages are the protocol's). */
export function Refusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === undefined) return null;
  const issues = isApiError(error) ? (error.issues ?? []) : [];
  return (
    <Alert color="red" role="alert" data-testid="refusal">
      {errorText(t, error)}
      {issues.length > 0 && (
        <List size="sm" mt="xs">
          {issues.map((issue, i) => (
            <List.Item key={i}>
              <code>{issue.path}</code> {issue.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
