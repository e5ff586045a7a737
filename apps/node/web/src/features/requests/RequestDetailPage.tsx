import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { $api, type OutgoingRequest } from '../../api/client';
import { errorText } from '@cicu/web/errors';
import { formatDate, formatDuration, timeLeft } from '@cicu/web/format';
import { useSession } from '../../auth/session';
import { AttachmentList } from '../attachments/AttachmentList';
import type { AttachmentMeta } from '../attachments/attachments-api';
import { PayloadView } from './PayloadView';
import { StatusBadge } from './StatusBadge';

const CLOSED = ['answered', 'partially_answered', 'refused', 'rejected_by_hub', 'more_information_needed'];

/** The steps of a request's life and when each happened (null: not yet). */
export function timelineOf(r: OutgoingRequest): { key: string; at: string | null; unit?: string }[] {
  return [
    { key: 'drafted', at: r.createdAt },
    { key: 'approved', at: r.approvedBy !== null || r.submittedAt !== null ? (r.submittedAt ?? r.updatedAt) : null },
    { key: 'submitted', at: r.submittedAt },
    { key: 'delivered', at: r.deliveredAt, unit: r.partnerUnit },
    { key: 'answered', at: r.answeredAt },
  ];
}

function Proof({ title, verified, text, testId }: { title: string; verified: boolean; text: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid={testId} data-verified={verified}>
      <Group justify="space-between">
        <Text fw={600}>{title}</Text>
        <Badge variant="light" color={verified ? 'green' : 'gray'} c="dark.9">
          {verified ? t('detail.verified') : t('detail.notVerified')}
        </Badge>
      </Group>
      <Text size="sm" mt="xs">
        {text}
      </Text>
    </Card>
  );
}

export function RequestDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const { officer, hasRole } = useSession();
  const query = $api.useQuery('get', '/v1/requests/{id}', { params: { path: { id } } }, { refetchInterval: 5_000 });
  if (query.error) return <Alert color="red">{errorText(t, query.error)}</Alert>;
  const r = query.data;
  if (r === undefined) return null;
  const left = timeLeft(r.dueAt);
  const closed = CLOSED.includes(r.status);
  const proofs = r.proofs;
  const answer = r.answer as { outcome?: Record<string, unknown>; findings?: Record<string, unknown>[]; remarks?: string; attachments?: AttachmentMeta[] } | null | undefined;
  return (
    <Stack maw={1000}>
      {notice !== undefined && <Alert color="green">{t(notice)}</Alert>}
      <Group justify="space-between">
        <Title order={2}>{t('detail.title', { reference: r.caseReference })}</Title>
        <StatusBadge status={r.status} overdue={r.overdue} />
      </Group>
      <Text>
        {t(`requestTypes.${r.requestType}`)} → {r.partnerUnit} · {r.agreementId} · {r.legalBasisId} · {t(`areas.${r.area}`)} · {t(`priorities.${r.priority}`)}
      </Text>
      <Text fw={600} data-testid="due">
        {t('detail.dueAt', { date: formatDate(r.dueAt, i18n.language) })} —{' '}
        {closed ? t('detail.closed') : left.ms >= 0 ? t('detail.timeLeft', { time: formatDuration(left, i18n.language) }) : t('detail.overdueBy', { time: formatDuration(left, i18n.language) })}
      </Text>
      {r.approvalComment !== null && r.status === 'drafted' && <Alert color="orange" title={t('detail.returnedComment')}>{r.approvalComment}</Alert>}
      {/* What the officer can do next: correct their draft that was sent back, or follow up an answer asking for more. */}
      {r.status === 'drafted' && r.createdBy === officer?.id && (
        <Group>
          <Button component={Link} to={`/requests/${r.id}/edit`}>
            {t('detail.editDraft')}
          </Button>
        </Group>
      )}
      {r.status === 'more_information_needed' && hasRole('officer') && (
        <Group>
          <Button component={Link} to={`/requests/${r.id}/follow-up`}>
            {t('detail.followUp')}
          </Button>
        </Group>
      )}
      {r.followsUp !== null && (
        <Text>
          {t('detail.followsUp')} <Link to={`/requests/${r.followsUp}`}>{r.followsUp}</Link>
        </Text>
      )}
      {r.hubRefusal !== null && <Alert color="red" title={t('detail.hubRefusal')}>{String(r.hubRefusal['code'] ?? '')}: {String(r.hubRefusal['message'] ?? '')}</Alert>}
      <Title order={3}>{t('detail.timeline')}</Title>
      <Timeline active={timelineOf(r).filter((s) => s.at !== null).length - 1} bulletSize={18} lineWidth={2}>
        {timelineOf(r).map((s) => (
          <Timeline.Item key={s.key} title={t(`detail.${s.key}`, { unit: s.unit })} data-testid={`timeline-${s.key}`} data-done={s.at !== null}>
            <Text size="sm">{s.at === null ? t('detail.awaiting') : formatDate(s.at, i18n.language)}</Text>
          </Timeline.Item>
        ))}
      </Timeline>
      {proofs !== undefined && (
        <>
          <Title order={3}>{t('detail.proofs')}</Title>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Proof testId="proof-hub-receipt" title={t('detail.hubReceipt')} verified={proofs.hubReceipt.verified} text={proofs.hubReceipt.verified ? t('detail.hubReceiptVerified', { leaf: proofs.hubReceipt.auditLeafIndex ?? '–' }) : t('detail.awaiting')} />
            <Proof testId="proof-delivery-receipt" title={t('detail.deliveryReceipt')} verified={proofs.deliveryReceipt.verified} text={proofs.deliveryReceipt.verified ? t('detail.deliveryReceiptVerified', { unit: proofs.deliveryReceipt.by }) : t('detail.awaiting')} />
            <Proof
              testId="proof-audit-log"
              title={t('detail.auditLog')}
              verified={proofs.auditLog.status === 'included'}
              text={
                proofs.auditLog.status === 'included'
                  ? t('detail.auditIncluded', { size: proofs.auditLog.treeSize })
                  : proofs.auditLog.status === 'not_included'
                    ? t('detail.auditNotIncluded')
                    : proofs.auditLog.status === 'pending'
                      ? t('detail.auditPending')
                      : t('detail.auditNone')
              }
            />
          </SimpleGrid>
        </>
      )}
      <Title order={3}>{t('detail.answer')}</Title>
      {answer == null ? (
        <Text>{t('detail.noAnswer')}</Text>
      ) : (
        <Stack gap="xs" data-testid="answer">
          {answer.outcome !== undefined && (
            <Text>
              {t('detail.outcome')}: <strong>{t(`outcomes.${String(answer.outcome['code'])}`)}</strong>
            </Text>
          )}
          {answer.attachments !== undefined && answer.attachments.length > 0 && <AttachmentList attachments={answer.attachments} source={{ kind: 'answer', id: r.id }} />}
          {answer.findings?.map((finding, i) => (
            <PayloadView key={i} payload={finding} skip={['type']} attachments={{ kind: 'answer', id: r.id, offset: answerFileOffset(answer, i) }} />
          ))}
          {answer.remarks !== undefined && <Text>{answer.remarks}</Text>}
        </Stack>
      )}
      {r.payload !== undefined && (
        <>
          <Title order={3}>{t('detail.payload')}</Title>
          <PayloadView payload={r.payload} skip={['dueAt', 'agreementId', 'legalBasisId', 'area', 'priority']} attachments={{ kind: 'request', id: r.id }} />
        </>
      )}
    </Stack>
  );
}

/** Where finding `i`'s files start in the answer's list: its own files, then each finding's (docs/protocol.md §5). */
function answerFileOffset(answer: { attachments?: readonly unknown[]; findings?: readonly { attachments?: readonly unknown[] }[] }, i: number): number {
  const before = (answer.findings ?? []).slice(0, i).reduce((n, f) => n + (f.attachments?.length ?? 0), 0);
  return (answer.attachments?.length ?? 0) + before;
}
