import { Alert } from '@mantine/core';
import { errorText } from '@cicu/web/errors';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { $api, api, type OutgoingRequest, type Schemas } from '../../api/client';
import type { AttachmentMeta } from '../attachments/attachments-api';
import { useSession } from '../../auth/session';
import { toFormValues } from '../forms/schema-fields';
import { RequestForm, type RequestFormStart } from './ComposePage';
import { subjectFieldsOf } from './draft';

/** The form's start from an earlier request: its routing, its case and its subject as filed. */
export function startFrom(r: OutgoingRequest): RequestFormStart {
  const payload = (r.payload ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : '');
  return {
    choice: { partnerUnit: r.partnerUnit, agreementId: r.agreementId, requestType: r.requestType, legalBasisId: r.legalBasisId, area: r.area, priority: r.priority },
    text: {
      handlingCode: r.handlingCode,
      handlingNote: text('handlingNote'),
      caseReference: r.caseReference,
      summaryOfFacts: text('summaryOfFacts'),
      measureRequested: text('measureRequested'),
      enquiriesMade: text('enquiriesMade'),
    },
    subject: toFormValues(subjectFieldsOf(r.requestType), payload['subject'] as Record<string, unknown> | undefined),
    files: Array.isArray(payload['attachments']) ? (payload['attachments'] as AttachmentMeta[]) : [],
  };
}

/**
 * The form's body for an edit or a follow-up, which both start from the stored request: a form
 * without files says so (`attachments: null`), or the stored ones would stay.
 */
const withFilesStated = (body: Schemas['DraftRequestDto']) => ({ ...body, attachments: body.attachments ?? null }) as unknown as Schemas['EditRequestDto'];

/**
 * A request drafted again from an earlier one, in the compose form:
 * - `edit`: the author corrects a draft a supervisor sent back (PATCH /v1/requests/{id}); it
 *   goes back to the approval queue;
 * - `follow-up`: a new request to the same partner after an answer asking for more information
 *   (POST /v1/requests/{id}/follow-up), linked to the earlier one by the node.
 * The form starts with the earlier request's files, and saves the list it holds.
 */
export function RevisePage({ mode }: { mode: 'edit' | 'follow-up' }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { officer } = useSession();
  const query = $api.useQuery('get', '/v1/requests/{id}', { params: { path: { id } } });
  if (query.error) return <Alert color="red">{errorText(t, query.error)}</Alert>;
  const r = query.data;
  if (r === undefined || officer === undefined) return null;
  if (mode === 'edit') {
    if (r.status !== 'drafted' || r.createdBy !== officer.id) return <Alert color="yellow">{t('revise.notEditable')}</Alert>;
    return (
      <RequestForm
        title={t('revise.editTitle', { reference: r.caseReference })}
        intro={r.approvalComment === null ? t('revise.editIntro') : t('revise.editIntroComment', { comment: r.approvalComment })}
        submitLabel={t('revise.resubmit')}
        savedNotice="revise.resubmitted"
        start={startFrom(r)}
        save={(body) => api.PATCH('/v1/requests/{id}', { params: { path: { id } }, body: withFilesStated(body) })}
      />
    );
  }
  if (r.status !== 'more_information_needed') return <Alert color="yellow">{t('revise.noFollowUp')}</Alert>;
  return (
    <RequestForm
      title={t('revise.followUpTitle', { reference: r.caseReference })}
      intro={t('revise.followUpIntro', { unit: r.partnerUnit })}
      submitLabel={t('compose.submit')}
      savedNotice="compose.filed"
      start={startFrom(r)}
      partnerFixed
      save={(body) => {
        const { partnerUnit: _partner, ...followUp } = withFilesStated(body);
        return api.POST('/v1/requests/{id}/follow-up', { params: { path: { id } }, body: followUp });
      }}
    />
  );
}

export const EditDraftPage = () => <RevisePage mode="edit" />;
export const FollowUpPage = () => <RevisePage mode="follow-up" />;
