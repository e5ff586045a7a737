import { ActionIcon, Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { issuesByField } from '@cicu/web/errors';
import { useTranslation } from 'react-i18next';
import { $api, type Schemas } from '../../api/client';
import { AREAS, PRIORITIES, REQUEST_TYPES } from '../../../../../../libs/protocol/src/codes';

export type AgreementTerms = Omit<Schemas['CreateAgreementRequestDto'], 'id'>;
type ContactPoint = AgreementTerms['contactPoints'][number];

/** The fields of the form, as the JSON Pointers of the hub's VALIDATION issues. */
export const AGREEMENT_FIELDS = ['/id', '/title', '/parties', '/requestTypes', '/areas', '/legalBases', '/validFrom', '/validTo', '/maxPriority', '/dueTimes/routine', '/dueTimes/urgent', '/dueTimes/immediate', '/contactPoints', ''] as const;

export function emptyTerms(): AgreementTerms {
  return { title: '', parties: [], requestTypes: [], areas: [], legalBases: [], validFrom: new Date().toISOString().slice(0, 10), validTo: null, maxPriority: 'urgent', dueTimes: { routine: 'P30D', urgent: 'P7D', immediate: 'PT24H' }, contactPoints: [] };
}

/** The terms of an agreement version, as an amendment would restate them. */
export function termsOf(agreement: Schemas['AgreementDto']): AgreementTerms {
  const { id: _id, version: _version, recordedAt: _recordedAt, ...terms } = agreement;
  return terms;
}

interface Props {
  terms: AgreementTerms;
  onChange: (terms: AgreementTerms) => void;
  /** The hub's last refusal: its issues are shown at their fields. */
  error: unknown;
}

/** The terms of an agreement (create and amend): parties and legal bases from the hub's lists. */
export function AgreementForm({ terms, onChange, error }: Props) {
  const { t } = useTranslation();
  const units = $api.useQuery('get', '/v1/admin/units');
  const bases = $api.useQuery('get', '/v1/admin/legal-bases');
  const issues = issuesByField(error, AGREEMENT_FIELDS);
  const set = <K extends keyof AgreementTerms>(key: K, value: AgreementTerms[K]) => onChange({ ...terms, [key]: value });
  const setContact = (index: number, change: Partial<ContactPoint>) => set('contactPoints', terms.contactPoints.map((c, i) => (i === index ? { ...c, ...change } : c)));
  return (
    <Stack>
      <TextInput label={t('agreements.fields.title')} required value={terms.title} onChange={(e) => set('title', e.currentTarget.value)} error={issues['/title']} />
      <Checkbox.Group label={t('agreements.fields.parties')} value={terms.parties} onChange={(v) => set('parties', v)} error={issues['/parties']}>
        <Group mt="xs">
          {(units.data ?? []).map((u) => (
            <Checkbox key={u.id} value={u.id} label={u.id} />
          ))}
        </Group>
      </Checkbox.Group>
      <Checkbox.Group label={t('agreements.fields.requestTypes')} value={terms.requestTypes} onChange={(v) => set('requestTypes', v as AgreementTerms['requestTypes'])} error={issues['/requestTypes']}>
        <Group mt="xs">
          {REQUEST_TYPES.map((type) => (
            <Checkbox key={type} value={type} label={t(`requestTypes.${type}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <Checkbox.Group label={t('agreements.fields.areas')} value={terms.areas} onChange={(v) => set('areas', v as AgreementTerms['areas'])} error={issues['/areas']}>
        <Group mt="xs">
          {AREAS.map((area) => (
            <Checkbox key={area} value={area} label={t(`areas.${area}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <Checkbox.Group label={t('agreements.fields.legalBases')} value={terms.legalBases} onChange={(v) => set('legalBases', v)} error={issues['/legalBases']}>
        <Group mt="xs">
          {(bases.data ?? []).map((b) => (
            <Checkbox key={b.id} value={b.id} label={`${b.id} (${b.title})`} />
          ))}
        </Group>
      </Checkbox.Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput type="date" label={t('agreements.fields.validFrom')} required value={terms.validFrom} onChange={(e) => set('validFrom', e.currentTarget.value)} error={issues['/validFrom']} />
        <TextInput type="date" label={t('agreements.fields.validTo')} description={t('agreements.fields.validToHint')} value={terms.validTo ?? ''} onChange={(e) => set('validTo', e.currentTarget.value === '' ? null : e.currentTarget.value)} error={issues['/validTo']} />
        <NativeSelect label={t('agreements.fields.maxPriority')} value={terms.maxPriority} onChange={(e) => set('maxPriority', e.currentTarget.value as AgreementTerms['maxPriority'])} data={PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))} error={issues['/maxPriority']} />
      </SimpleGrid>
      <Fieldset legend={t('agreements.fields.dueTimes')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {PRIORITIES.map((p) => (
            <TextInput key={p} label={t(`priorities.${p}`)} description={t('agreements.fields.durationHint')} value={terms.dueTimes[p]} onChange={(e) => set('dueTimes', { ...terms.dueTimes, [p]: e.currentTarget.value })} error={issues[`/dueTimes/${p}`]} />
          ))}
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('agreements.fields.contactPoints')}>
        <Stack>
          {terms.contactPoints.map((contact, index) => (
            <Group key={index} align="flex-end" wrap="nowrap">
              <NativeSelect label={t('agreements.fields.contactUnit')} value={contact.unitId} onChange={(e) => setContact(index, { unitId: e.currentTarget.value })} data={terms.parties.includes(contact.unitId) ? terms.parties : [contact.unitId, ...terms.parties]} />
              <TextInput label={t('agreements.fields.contactFunction')} value={contact.function} onChange={(e) => setContact(index, { function: e.currentTarget.value })} />
              <TextInput label={t('agreements.fields.contactEmail')} value={contact.email ?? ''} onChange={(e) => setContact(index, { email: e.currentTarget.value === '' ? undefined : e.currentTarget.value })} />
              <ActionIcon variant="default" size="lg" onClick={() => set('contactPoints', terms.contactPoints.filter((_, i) => i !== index))} aria-label={t('agreements.fields.removeContact', { n: index + 1 })}>
                ×
              </ActionIcon>
            </Group>
          ))}
          {issues['/contactPoints'] !== undefined && (
            <div role="alert" style={{ color: 'var(--mantine-color-error)' }}>
              {issues['/contactPoints']}
            </div>
          )}
          <Group>
            <Button variant="default" size="compact-sm" disabled={terms.parties.length === 0} onClick={() => set('contactPoints', [...terms.contactPoints, { unitId: terms.parties[0]!, function: '' }])}>
              {t('agreements.fields.addContact')}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </Stack>
  );
}
