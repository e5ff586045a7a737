import { Fieldset, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldSpec, FormValues } from './schema-fields';

interface Props {
  fields: readonly FieldSpec[];
  values: FormValues;
  onChange: (pointer: string, value: string) => void;
  /** The protocol's messages by field pointer. */
  errors: Record<string, string[]>;
  /** Prefix of the error keys and input ids (several forms on a page). */
  idPrefix: string;
  errorKey?: (pointer: string) => string;
}

/** Inputs for fields derived from a protocol schema, labelled in the officer's language. */
export function SchemaFields({ fields, values, onChange, errors, idPrefix, errorKey = (p) => p }: Props) {
  const { t } = useTranslation();
  const label = (name: string) => t(`fields.${name}`, { defaultValue: name });
  const errorOf = (pointer: string) => errors[errorKey(pointer)]?.join('; ');
  return (
    <Stack gap="sm">
      {fields.map((field) => {
        const id = `${idPrefix}${field.pointer}`.replace(/[^A-Za-z0-9_-]/g, '-');
        const common = { id, label: label(field.name), required: field.required, error: errorOf(field.pointer), 'data-field': field.pointer };
        switch (field.kind) {
          case 'group':
            return (
              <Fieldset key={field.pointer} legend={`${label(field.name)}${field.required ? ' *' : ''}`} variant="filled">
                {errorOf(field.pointer) !== undefined && (
                  <div role="alert" className="field-error">
                    {errorOf(field.pointer)}
                  </div>
                )}
                <SchemaFields fields={field.fields} values={values} onChange={onChange} errors={errors} idPrefix={idPrefix} errorKey={errorKey} />
              </Fieldset>
            );
          case 'choice':
            return (
              <Select
                key={field.pointer}
                {...common}
                data={field.options.map((option) => ({ value: option, label: t(`choices.${field.name}.${option}`, { defaultValue: option }) }))}
                value={values[field.pointer] ?? null}
                onChange={(value) => onChange(field.pointer, value ?? '')}
                clearable={!field.required}
                searchable={field.options.length > 10}
              />
            );
          case 'lines':
            return <Textarea key={field.pointer} {...common} autosize minRows={2} value={values[field.pointer] ?? ''} onChange={(e) => onChange(field.pointer, e.currentTarget.value)} />;
          case 'integer':
            return <TextInput key={field.pointer} {...common} inputMode="numeric" value={values[field.pointer] ?? ''} onChange={(e) => onChange(field.pointer, e.currentTarget.value)} />;
          case 'text':
            return field.multiline ? (
              <Textarea key={field.pointer} {...common} autosize minRows={3} value={values[field.pointer] ?? ''} onChange={(e) => onChange(field.pointer, e.currentTarget.value)} />
            ) : (
              <TextInput
                key={field.pointer}
                {...common}
                type={field.format === 'date' ? 'date' : 'text'}
                description={field.format === 'date-time' ? t('form.timestampHint') : undefined}
                value={values[field.pointer] ?? ''}
                onChange={(e) => onChange(field.pointer, e.currentTarget.value)}
              />
            );
          default: {
            const unhandled: never = field;
            return unhandled;
          }
        }
      })}
    </Stack>
  );
}
