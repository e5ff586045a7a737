import { Alert, Anchor, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api, api, type OutgoingRequest } from '../../api/client';
import { errorText } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { useSession } from '../../auth/session';
import { PayloadView } from '../requests/PayloadView';

/** `onDecided`: the decision went through; the page says so, since the request then leaves the queue. */
function Approval({ request, onDecided }: { request: OutgoingRequest; onDecided: (notice: string) => void }) {
  const { t, i18n } = useTranslation();
  const { officer } = useSession();
  const queries = useQueryClient();
  const [comment, setComment] = useState('');
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const own = request.createdBy === officer?.id;
  const full = $api.useQuery('get', '/v1/requests/{id}', { params: { path: { id: request.id } } });
  const decide = async (action: 'approve' | 'return') => {
    const path = { params: { path: { id: request.id } } };
    const { error } = action === 'approve' ? await api.POST('/v1/requests/{id}/approve', { ...path, body: comment.trim() === '' ? {} : { comment } }) : await api.POST('/v1/requests/{id}/return', { ...path, body: { comment } });
    if (error === undefined) onDecided(t(action === 'approve' ? 'approvals.approved' : 'approvals.returned', { reference: request.caseReference }));
    else setRefusal(errorText(t, error));
    await queries.invalidateQueries();
  };
  return (
    <Card withBorder component="article" aria-labelledby={`approval-${request.id}`}>
      <Stack gap="xs">
        <Title order={3} size="h4" id={`approval-${request.id}`}>
          <Anchor component={Link} to={`/requests/${request.id}`}>
            {request.caseReference}
          </Anchor>{' '}
          — {t(`requestTypes.${request.requestType}`)} → {request.partnerUnit}
        </Title>
        <Text size="sm">
          {request.legalBasisId} · {t(`areas.${request.area}`)} · {t(`priorities.${request.priority}`)} · {t('detail.dueAt', { date: formatDate(request.dueAt, i18n.language) })}
        </Text>
        {full.data?.payload !== undefined && <PayloadView payload={full.data.payload} />}
        {own ? (
          <Alert color="gray">{t('approvals.ownRequest')}</Alert>
        ) : (
          <>
            <Textarea id={`comment-${request.id}`} label={t('approvals.comment')} description={t('approvals.commentRequired')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} />
            <Group>
              <Button onClick={() => void decide('approve')}>{t('approvals.approve')}</Button>
              <Button variant="default" disabled={comment.trim() === ''} onClick={() => void decide('return')}>
                {t('approvals.return')}
              </Button>
            </Group>
          </>
        )}
        {refusal !== undefined && (
          <Alert color="red" role="status">
            {refusal}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

export function ApprovalsPage() {
  const { t } = useTranslation();
  const waiting = $api.useQuery('get', '/v1/requests', { params: { query: { status: 'awaiting_approval' } } });
  const [notice, setNotice] = useState<string | undefined>(undefined);
  return (
    <Stack maw={900}>
      <Title order={2}>{t('approvals.title')}</Title>
      <Text>{t('approvals.intro')}</Text>
      {notice !== undefined && (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      )}
      {waiting.error && <Alert color="red">{errorText(t, waiting.error)}</Alert>}
      {waiting.data?.length === 0 && <Text>{t('approvals.empty')}</Text>}
      {waiting.data?.map((r) => <Approval key={r.id} request={r} onDecided={setNotice} />)}
    </Stack>
  );
}
