import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { errorText } from '@cicu/web/errors';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ActionModalProps {
  opened: boolean;
  title: string;
  /** What the action does, and its fields. */
  children: ReactNode;
  confirmLabel: string;
  /** The hub's refusal of the last attempt, shown above the buttons. */
  error: unknown;
  busy: boolean;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** The confirmation step of a coordinator's action: what it does, its fields, the hub's refusal, cancel or confirm. */
export function ActionModal({ opened, title, children, confirmLabel, error, busy, danger = false, onConfirm, onClose }: ActionModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': t('dialog.close') }}>
      <Stack>
        {children}
        {error !== undefined && (
          <Alert color="red" role="alert">
            {errorText(t, error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('members.cancel')}
          </Button>
          <Button color={danger ? 'red.9' : undefined} loading={busy} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * A coordinator's call to the hub whose refusal stays on screen: `run` resolves true when the
 * hub did it (every query is then refetched), false when it refused (`error` holds why).
 */
export function useAction() {
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = async (call: () => Promise<{ error?: unknown }>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    const { error: refused } = await call();
    setBusy(false);
    if (refused !== undefined) {
      setError(refused);
      return false;
    }
    await queries.invalidateQueries();
    return true;
  };
  return { busy, error, run, reset: () => setError(undefined) };
}
