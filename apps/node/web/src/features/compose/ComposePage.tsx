import { Alert, Button, Fieldset, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Schemas } from '../../api/client';
import { HANDLING_CODES } from '../../../../../../libs/protocol/src/codes';
import { $api, api } from '../../api/client';
import { errorText } from '@cicu/web/errors';
import { AttachmentsInput } from '../attachments/AttachmentsInput';
import type { AttachmentMeta } from '../attachments/attachments-api';
import { issuesByField } from '../forms/issues';
import { SchemaFields } from '../forms/SchemaFields';
import type { FormValues } from '../forms/schema-fields';
import { useLiveCheck } from '../forms/useLiveCheck';
import { type ComposeChoice, narrow, optionsFor } from './compose-options';
import { type CaseText, draftBody, draftFieldOf, subjectFieldsOf } from './draft';

const EMPTY_CHOICE: ComposeChoice = { partnerUnit: '', agreementId: '', requestType: '', legalBasisId: '', area: '', priority: '' };
const EMPTY_TEXT: CaseText = { handlingCode: 'H0', handlingNote: '', caseReference: '', summaryOfFacts: '', measureRequested: '', enquiriesMade: '' };

/** What a form starts from: empty for a new request, an earlier one's fields to edit or follow up. */
export interface RequestFormStart {
  choice: ComposeChoice;
  text: CaseText;
  subject: FormValues;
  files: AttachmentMeta[];
}

export interface RequestFormProps {
  title: string;
  intro: string;
  submitLabel: string;
  /** The message key of the notice the request's page shows once saved. */
  savedNotice: string;
  start?: RequestFormStart;
  /** The partner stays that of the earlier request (a follow-up). */
  partnerFixed?: boolean;
  save: (body: Schemas['DraftRequestDto']) => Promise<{ data?: { id: string }; error?: unknown }>;
}

/**
 * The guided request form: partner unit → agreement → request type → legal basis → area, each
 * step offering only what the agreement covers; then the case and the typed subject fields of
 * the request type. As the officer types, the node checks the draft (POST /v1/requests/check)
 * and its protocol messages appear at the fields they concern, once the field was touched.
 * The same form files a new request, edits a draft a supervisor sent back, and drafts a
 * follow-up (docs/adr-web-ui.md); only where it starts and where it saves differ.
 */
export function RequestForm({ title, intro, submitLabel, savedNotice, start, partnerFixed = false, save }: RequestFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const partners = $api.useQuery('get', '/v1/partners');
  const [choice, setChoice] = useState(start?.choice ?? EMPTY_CHOICE);
  const [text, setText] = useState(start?.text ?? EMPTY_TEXT);
  const [subject, setSubject] = useState<FormValues>(start?.subject ?? {});
  const [files, setFiles] = useState<AttachmentMeta[]>(start?.files ?? []);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitError, setSubmitError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const list = partners.data ?? [];
  // A step with a single option is taken at once (often the partner and its one agreement).
  useEffect(() => {
    if (partners.data !== undefined) setChoice((before) => narrow(partners.data, before));
  }, [partners.data]);
  const options = optionsFor(list, choice);
  const routed = choice.requestType !== '' && choice.legalBasisId !== '' && choice.area !== '';
  const body = routed ? draftBody(choice, text, subject, files) : undefined;
  const { result: check, checking } = useLiveCheck(body, async (draft) => (await api.POST('/v1/requests/check', { body: draft })).data);
  const fieldOf = draftFieldOf(choice.requestType);
  const errors = issuesByField(check?.issues ?? [], fieldOf);
  const shown = (field: string) => (touched.has(field) ? errors[field]?.join('; ') : undefined);
  const touch = (field: string) => setTouched((before) => new Set(before).add(field));

  const choose = (key: keyof ComposeChoice) => (value: string | null) => {
    const next = narrow(list, { ...choice, [key]: value ?? '' });
    if (key === 'requestType') setSubject({});
    setChoice(next);
    touch(`/${key}`);
  };
  const edit = (key: keyof CaseText) => (value: string) => {
    setText({ ...text, [key]: value });
    touch(key === 'caseReference' ? '/caseReference' : `/${key}`);
  };

  const submit = async () => {
    if (body === undefined) return;
    // Every field shows its messages from now on.
    setTouched(new Set(Object.keys(errors)));
    setBusy(true);
    setSubmitError(undefined);
    const { data, error } = await save(body);
    setBusy(false);
    if (data !== undefined) void navigate(`/requests/${data.id}`, { state: { notice: savedNotice } });
    else setSubmitError(error);
  };

  const step = (key: keyof ComposeChoice, values: readonly string[], label: (v: string) => string, enabled: boolean) => (
    <Select
      id={`compose-${key}`}
      label={t(`compose.${key === 'partnerUnit' ? 'partner' : key === 'legalBasisId' ? 'legalBasis' : key === 'agreementId' ? 'agreement' : key}`)}
      required
      disabled={!enabled}
      placeholder={enabled ? undefined : t('compose.pickFirst')}
      data={values.map((v) => ({ value: v, label: label(v) }))}
      value={choice[key] === '' ? null : choice[key]}
      onChange={choose(key)}
      error={shown(`/${key}`)}
    />
  );

  if (partners.error) return <Alert color="red">{errorText(t, partners.error)}</Alert>;
  const notCovered = check?.code === 'NOT_COVERED' ? check.part : undefined;
  const generalIssues = errors[''] ?? [];
  return (
    <Stack maw={820}>
      <Title order={2}>{title}</Title>
      <Text>{intro}</Text>
      {partners.isSuccess && options.partners.length === 0 && <Alert color="yellow">{t('compose.noPartner')}</Alert>}
      <Fieldset legend={t('compose.routing')}>
        <Stack gap="sm">
          {step('partnerUnit', partnerFixed ? [choice.partnerUnit] : options.partners, (v) => v, !partnerFixed)}
          {step('agreementId', options.agreements.map((a) => a.id), (id) => `${options.agreements.find((a) => a.id === id)?.title ?? id} (v${options.agreements.find((a) => a.id === id)?.version ?? ''})`, choice.partnerUnit !== '')}
          {step('requestType', options.requestTypes, (v) => t(`requestTypes.${v}`, { defaultValue: v }), choice.agreementId !== '')}
          {step('legalBasisId', options.legalBases, (v) => v, choice.requestType !== '')}
          {step('area', options.areas, (v) => t(`areas.${v}`, { defaultValue: v }), choice.legalBasisId !== '')}
          {step('priority', options.priorities, (v) => t(`priorities.${v}`), choice.agreementId !== '')}
        </Stack>
      </Fieldset>
      {routed && (
        <>
          <Fieldset legend={t('compose.case')}>
            <Stack gap="sm">
              <TextInput id="compose-caseReference" label={t('compose.caseReference')} required value={text.caseReference} onChange={(e) => edit('caseReference')(e.currentTarget.value)} error={shown('/caseReference')} />
              <Textarea id="compose-summaryOfFacts" label={t('compose.summaryOfFacts')} required autosize minRows={3} value={text.summaryOfFacts} onChange={(e) => edit('summaryOfFacts')(e.currentTarget.value)} error={shown('/summaryOfFacts')} />
              <Textarea id="compose-measureRequested" label={t('compose.measureRequested')} required autosize minRows={2} value={text.measureRequested} onChange={(e) => edit('measureRequested')(e.currentTarget.value)} error={shown('/measureRequested')} />
              <Textarea id="compose-enquiriesMade" label={t('compose.enquiriesMade')} required autosize minRows={2} value={text.enquiriesMade} onChange={(e) => edit('enquiriesMade')(e.currentTarget.value)} error={shown('/enquiriesMade')} />
              <Select
                id="compose-handlingCode"
                label={t('compose.handlingCode')}
                required
                data={HANDLING_CODES.map((c) => ({ value: c, label: t(`handlingCodes.${c}`) }))}
                value={text.handlingCode}
                onChange={(v) => edit('handlingCode')(v ?? 'H0')}
                error={shown('/handlingCode')}
              />
              <TextInput id="compose-handlingNote" label={t('compose.handlingNote')} description={t('compose.handlingNoteHint')} required={text.handlingCode === 'H3'} value={text.handlingNote} onChange={(e) => edit('handlingNote')(e.currentTarget.value)} error={shown('/handlingNote')} />
            </Stack>
          </Fieldset>
          <Fieldset legend={`${t('compose.subject')}: ${t(`requestTypes.${choice.requestType}`)}`}>
            {shown('/subject') !== undefined && (
              <div role="alert" className="field-error">
                {shown('/subject')}
              </div>
            )}
            <SchemaFields
              fields={subjectFieldsOf(choice.requestType)}
              values={subject}
              idPrefix="subject"
              onChange={(pointer, value) => {
                setSubject({ ...subject, [pointer]: value });
                touch(`/subject${pointer}`);
                touch('/subject');
              }}
              errors={Object.fromEntries(Object.entries(errors).filter(([k]) => touched.has(k)))}
              errorKey={(pointer) => `/subject${pointer}`}
            />
          </Fieldset>
          <Fieldset legend={t('attachments.title')}>
            <AttachmentsInput id="compose-attachments" value={files} onChange={setFiles} />
          </Fieldset>
          <div aria-live="polite" data-testid="compose-check">
            {checking ? (
              <Text size="sm">{t('compose.checking')}</Text>
            ) : check?.valid ? (
              <Alert color="green">{t('compose.valid')}</Alert>
            ) : notCovered !== undefined ? (
              <Alert color="red">{t('compose.notCovered', { part: notCovered })}</Alert>
            ) : check !== undefined ? (
              <Alert color="yellow">
                {t('compose.invalid', { count: check.issues.length })}
                {generalIssues.length > 0 && <div>{generalIssues.join('; ')}</div>}
              </Alert>
            ) : null}
          </div>
          {submitError !== undefined && (
            <Alert color="red" role="alert">
              {errorText(t, submitError)}
            </Alert>
          )}
          <Group>
            <Button onClick={() => void submit()} loading={busy} disabled={check?.valid !== true}>
              {submitLabel}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

/** A new request. */
export function ComposePage() {
  const { t } = useTranslation();
  return <RequestForm title={t('compose.title')} intro={t('compose.intro')} submitLabel={t('compose.submit')} savedNotice="compose.filed" save={(body) => api.POST('/v1/requests', { body })} />;
}
