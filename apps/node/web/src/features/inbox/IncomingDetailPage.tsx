import { Alert, Button, Card, Fieldset, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { $api, api, type IncomingRequest } from '../../api/client';
import { errorText } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { useSession } from '../../auth/session';
import { AttachmentsInput } from '../attachments/AttachmentsInput';
import type { AttachmentMeta } from '../attachments/attachments-api';
import { issuesByField } from '../forms/issues';
import { SchemaFields } from '../forms/SchemaFields';
import type { FormValues } from '../forms/schema-fields';
import { useLiveCheck } from '../forms/useLiveCheck';
import { PayloadView } from '../requests/PayloadView';
import { StatusBadge } from '../requests/StatusBadge';
import { answerBody, answerFieldOf, findingFieldsOf, OUTCOME_CODES, outcomeFieldsOf, takesFindings } from './answer';

function Assignment({ request }: { request: IncomingRequest }) {
  const { t } = useTranslation();
  const { officer, hasRole } = useSession();
  const queries = useQueryClient();
  const supervisor = hasRole('supervisor');
  const officers = $api.useQuery('get', '/v1/officers', {}, { enabled: supervisor });
  const [chosen, setChosen] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const assign = async (officerId: string) => {
    const { error } = await api.POST('/v1/incoming/{id}/assign', { params: { path: { id: request.id } }, body: { officerId } });
    setMessage(error === undefined ? { ok: true, text: t('inbox.assigned') } : { ok: false, text: errorText(t, error) });
    await queries.invalidateQueries();
  };
  if (request.status !== 'new') return null;
  return (
    <Group align="flex-end">
      <Text>
        {t('inbox.assignedTo')}: <strong>{request.assignedToName ?? t('inbox.nobody')}</strong>
      </Text>
      {hasRole('officer') && request.assignedTo !== officer?.id && <Button variant="default" onClick={() => void assign(officer!.id)}>{t('inbox.takeIt')}</Button>}
      {supervisor && (
        <>
          <Select
            id="assign-officer"
            label={t('inbox.assignTo')}
            data={(officers.data ?? []).filter((o) => o.roles.includes('officer') && o.status !== 'disabled').map((o) => ({ value: o.id, label: o.displayName }))}
            value={chosen}
            onChange={setChosen}
          />
          <Button disabled={chosen === null} onClick={() => chosen !== null && void assign(chosen)}>
            {t('inbox.assign')}
          </Button>
        </>
      )}
      {message !== undefined && (
        // Mantine's green.9 on white is 4.4:1 (below AA): a success is said in the text colour, a refusal in red.9 (5.4:1).
        <Text role="status" fw={600} c={message.ok ? undefined : 'red.9'}>
          {message.text}
        </Text>
      )}
    </Group>
  );
}

/** `onSent`: the answer went out; the page says so, since the form gives way to the answered request. */
function AnswerForm({ request, onSent }: { request: IncomingRequest; onSent: (notice: string) => void }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [code, setCode] = useState<string>('answered');
  const [outcome, setOutcome] = useState<FormValues>({});
  const [findings, setFindings] = useState<FormValues[]>([{}]);
  const [remarks, setRemarks] = useState('');
  const [files, setFiles] = useState<AttachmentMeta[]>([]);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [result, setResult] = useState<{ ok: false; text: string } | undefined>(undefined);
  const body = answerBody(request.requestType, code, outcome, findings, remarks, files);
  const path = { params: { path: { id: request.id } } };
  const { result: check, checking } = useLiveCheck(body, async (answer) => (await api.POST('/v1/incoming/{id}/answer/check', { ...path, body: answer })).data);
  const errors = issuesByField(check?.issues ?? [], answerFieldOf(request.requestType, code));
  const visible = (key: string) => (touched.has(key) ? errors[key] : undefined);
  const touch = (key: string) => setTouched((before) => new Set(before).add(key));
  const findingFields = findingFieldsOf(request.requestType);

  const submit = async () => {
    setTouched(new Set(Object.keys(errors)));
    const { error } = await api.POST('/v1/incoming/{id}/answer', { ...path, body });
    if (error === undefined) onSent(t('inbox.sent'));
    else setResult({ ok: false, text: errorText(t, error) });
    await queries.invalidateQueries();
  };

  return (
    <Card withBorder component="section" aria-labelledby="answer-title">
      <Stack>
        <Title order={3} id="answer-title">
          {t('inbox.answerTitle')}
        </Title>
        <Select
          id="answer-outcome"
          label={t('inbox.outcome')}
          required
          data={OUTCOME_CODES.map((c) => ({ value: c, label: t(`outcomes.${c}`) }))}
          value={code}
          onChange={(value) => {
            setCode(value ?? 'answered');
            setOutcome({});
          }}
        />
        <SchemaFields
          fields={outcomeFieldsOf(code)}
          values={outcome}
          idPrefix="outcome"
          onChange={(pointer, value) => {
            setOutcome({ ...outcome, [pointer]: value });
            touch(`outcome:${pointer}`);
          }}
          errors={Object.fromEntries(Object.entries(errors).filter(([k]) => touched.has(k)))}
          errorKey={(pointer) => `outcome:${pointer}`}
        />
        {takesFindings(code) &&
          findings.map((values, index) => (
            <Fieldset key={index} legend={`${t('inbox.finding')} ${index + 1}`}>
              {visible(`finding:${index}:`) !== undefined && (
                <div role="alert" className="field-error">
                  {visible(`finding:${index}:`)?.join('; ')}
                </div>
              )}
              <SchemaFields
                fields={findingFields}
                values={values}
                idPrefix={`finding-${index}`}
                onChange={(pointer, value) => {
                  setFindings(findings.map((f, i) => (i === index ? { ...f, [pointer]: value } : f)));
                  touch(`finding:${index}:${pointer}`);
                  touch(`finding:${index}:`);
                }}
                errors={Object.fromEntries(Object.entries(errors).filter(([k]) => touched.has(k)))}
                errorKey={(pointer) => `finding:${index}:${pointer}`}
              />
              {findings.length > 1 && (
                <Button variant="subtle" color="red" mt="sm" onClick={() => setFindings(findings.filter((_, i) => i !== index))}>
                  {t('inbox.removeFinding')}
                </Button>
              )}
            </Fieldset>
          ))}
        {takesFindings(code) && (
          <Group>
            <Button variant="default" onClick={() => setFindings([...findings, {}])}>
              {t('inbox.addFinding')}
            </Button>
          </Group>
        )}
        <Textarea id="answer-remarks" label={t('inbox.remarks')} autosize minRows={2} value={remarks} onChange={(e) => setRemarks(e.currentTarget.value)} error={visible('remarks')?.join('; ')} />
        <Fieldset legend={t('attachments.title')}>
          <AttachmentsInput id="answer-attachments" value={files} onChange={setFiles} />
        </Fieldset>
        <div aria-live="polite" data-testid="answer-check">
          {checking ? <Text size="sm">{t('compose.checking')}</Text> : check?.valid ? <Alert color="green">{t('compose.valid')}</Alert> : check !== undefined ? <Alert color="yellow">{t('compose.invalid', { count: check.issues.length })}{(errors[''] ?? errors['findings'] ?? []).length > 0 && <div>{[...(errors[''] ?? []), ...(errors['findings'] ?? [])].join('; ')}</div>}</Alert> : null}
        </div>
        {result !== undefined && (
          <Alert color={result.ok ? 'green' : 'red'} role="status">
            {result.text}
          </Alert>
        )}
        <Group>
          <Button onClick={() => void submit()} disabled={check?.valid !== true}>
            {t('inbox.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function IncomingDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { hasRole } = useSession();
  const query = $api.useQuery('get', '/v1/incoming/{id}', { params: { path: { id } } });
  const [sent, setSent] = useState<string | undefined>(undefined);
  if (query.error) return <Alert color="red">{errorText(t, query.error)}</Alert>;
  const r = query.data;
  if (r === undefined) return null;
  return (
    <Stack maw={1000}>
      <Group justify="space-between">
        <Title order={2}>
          {t(`requestTypes.${r.requestType}`)} — {r.fromUnit}
        </Title>
        <StatusBadge status={r.status} overdue={r.overdue} />
      </Group>
      <Text>
        {r.agreementId} · {r.legalBasisId} · {t(`areas.${r.area}`)} · {t(`priorities.${r.priority}`)} · {t('detail.dueAt', { date: formatDate(r.dueAt, i18n.language) })}
      </Text>
      <Assignment request={r} />
      <Title order={3}>{t('inbox.request')}</Title>
      {r.payload !== undefined && <PayloadView payload={r.payload} skip={['dueAt', 'agreementId', 'legalBasisId', 'area', 'priority']} attachments={{ kind: 'incoming', id: r.id }} />}
      {sent !== undefined && (
        <Alert color="green" role="status">
          {sent}
        </Alert>
      )}
      {r.status === 'answered' ? (
        <Alert color="green">{t('inbox.alreadyAnswered', { status: t(`status.${r.answerStatus ?? 'approved'}`) })}</Alert>
      ) : (
        hasRole('officer') && <AnswerForm request={r} onSent={setSent} />
      )}
    </Stack>
  );
}
