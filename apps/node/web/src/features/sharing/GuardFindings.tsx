import { Alert, Checkbox, Code, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type FindingDecision, findingKey, findingsOf, type GuardFinding, inJustification, JUSTIFICATION, mergeFindings, overridesFor } from './guard';

/**
 * The guard step of a form that publishes (library upload, new version, thread, reply): the
 * findings of the last PERSONAL_DATA_SUSPECTED refusal and the officer's decision on each.
 */
export function useGuardStep() {
  const [findings, setFindings] = useState<GuardFinding[]>([]);
  const [decisions, setDecisions] = useState<Record<string, FindingDecision>>({});
  const { overrides, ready } = overridesFor(findings, decisions);
  return {
    findings,
    decisions,
    overrides,
    /** Every finding is marked not personal with a justification: the resubmission may go. */
    ready,
    decide: (key: string, decision: FindingDecision) => setDecisions((all) => ({ ...all, [key]: decision })),
    /** Takes a refusal: true when it was the guard's (its findings are now listed). */
    take(error: unknown): boolean {
      const latest = findingsOf(error);
      if (latest === undefined) return false;
      setFindings((earlier) => mergeFindings(earlier, latest));
      return true;
    },
    /** The content changed or was published: earlier findings name nothing any more. */
    reset() {
      setFindings([]);
      setDecisions({});
    },
  };
}

export type GuardStep = ReturnType<typeof useGuardStep>;

/** The findings as a table: kind, where, the masked excerpt, and the override controls. */
export function GuardFindings({ guard, idPrefix }: { guard: GuardStep; idPrefix: string }) {
  const { t } = useTranslation();
  if (guard.findings.length === 0) return null;
  return (
    <Stack gap="sm" data-testid="guard-findings">
      <Alert color="red" title={t('guard.title')} role="alert">
        {t('guard.intro')}
      </Alert>
      <Table captionSide="top">
        <Table.Caption>{t('guard.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('guard.kind')}</Table.Th>
            <Table.Th>{t('guard.location')}</Table.Th>
            <Table.Th>{t('guard.excerpt')}</Table.Th>
            <Table.Th>{t('guard.decision')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {guard.findings.map((f, i) => {
            const key = findingKey(f);
            const decision = guard.decisions[key] ?? { notPersonal: false, justification: '' };
            const id = `${idPrefix}-finding-${i}`;
            return (
              <Table.Tr key={key} data-testid={`finding-${i}`}>
                <Table.Td>{t(`guard.kinds.${f.kind}`, { defaultValue: f.kind })}</Table.Td>
                <Table.Td>{locationText(t, f.location)}</Table.Td>
                <Table.Td>
                  <Code>{f.excerpt}</Code>
                </Table.Td>
                <Table.Td>
                  {inJustification(f) ? (
                    <Text size="sm">{t('guard.reword')}</Text>
                  ) : (
                    <Stack gap="xs">
                      <Checkbox id={`${id}-not-personal`} label={t('guard.notPersonal')} checked={decision.notPersonal} onChange={(e) => guard.decide(key, { ...decision, notPersonal: e.currentTarget.checked })} />
                      {decision.notPersonal && (
                        <Textarea
                          id={`${id}-justification`}
                          label={t('guard.justification')}
                          description={t('guard.justificationHint', { min: JUSTIFICATION.min })}
                          required
                          maxLength={JUSTIFICATION.max}
                          autosize
                          minRows={2}
                          value={decision.justification}
                          onChange={(e) => guard.decide(key, { ...decision, justification: e.currentTarget.value })}
                        />
                      )}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** "file", "tags/2", "overrides/0" in words. */
function locationText(t: TFunction, location: string): string {
  const [field = location, index] = location.split('/');
  const name = t(`guard.locations.${field}`, { defaultValue: field });
  return index === undefined ? name : t('guard.indexed', { name, number: Number(index) + 1 });
}
