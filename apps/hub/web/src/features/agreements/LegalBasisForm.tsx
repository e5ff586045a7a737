import { Checkbox, Group, SimpleGrid, TextInput } from '@mantine/core';
import { issuesByField } from '@cicu/web/errors';
import { useTranslation } from 'react-i18next';
import { REQUEST_TYPES } from '../../../../../../libs/protocol/src/codes';
import type { Schemas } from '../../api/client';

export type LegalBasis = Schemas['LegalBasisDto'];

export function emptyLegalBasis(): LegalBasis {
  return { id: '', instrument: '', article: '', title: '', officialReference: '', requestTypes: [], validFrom: new Date().toISOString().slice(0, 10), validTo: null };
}

const TEXT_FIELDS = ['id', 'instrument', 'article', 'title', 'officialReference'] as const;

/** A new legal basis: the instrument and article it rests on, and the request types it supports. */
export function LegalBasisForm({ basis, onChange, error }: { basis: LegalBasis; onChange: (basis: LegalBasis) => void; error: unknown }) {
  const { t } = useTranslation();
  const issues = issuesByField(error, ['/id', '/instrument', '/article', '/title', '/officialReference', '/requestTypes', '/validFrom', '/validTo']);
  return (
    <>
      {TEXT_FIELDS.map((field) => (
        <TextInput key={field} label={t(`legalBases.fields.${field}`)} required value={basis[field]} onChange={(e) => onChange({ ...basis, [field]: e.currentTarget.value })} error={issues[`/${field}`]} />
      ))}
      <Checkbox.Group label={t('agreements.fields.requestTypes')} value={basis.requestTypes} onChange={(v) => onChange({ ...basis, requestTypes: v as LegalBasis['requestTypes'] })} error={issues['/requestTypes']}>
        <Group mt="xs">
          {REQUEST_TYPES.map((type) => (
            <Checkbox key={type} value={type} label={t(`requestTypes.${type}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <SimpleGrid cols={2}>
        <TextInput type="date" label={t('agreements.fields.validFrom')} required value={basis.validFrom} onChange={(e) => onChange({ ...basis, validFrom: e.currentTarget.value })} error={issues['/validFrom']} />
        <TextInput type="date" label={t('agreements.fields.validTo')} description={t('agreements.fields.validToHint')} value={basis.validTo ?? ''} onChange={(e) => onChange({ ...basis, validTo: e.currentTarget.value === '' ? null : e.currentTarget.value })} error={issues['/validTo']} />
      </SimpleGrid>
    </>
  );
}
