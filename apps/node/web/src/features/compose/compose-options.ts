import { PRIORITIES } from '../../../../../../libs/protocol/src/codes';
import type { Agreement, Partner } from '../../api/client';

/**
 * The compose form's choices, narrowed step by step to what an agreement in force covers
 * (GET /v1/partners): partner unit → agreement → request type → legal basis → area, and the
 * priorities up to the agreement's maximum. The node checks the same again at filing.
 */
export interface ComposeChoice {
  partnerUnit: string;
  agreementId: string;
  requestType: string;
  legalBasisId: string;
  area: string;
  priority: string;
}

export function agreementsOf(partners: readonly Partner[], unitId: string): Agreement[] {
  return partners.find((p) => p.unitId === unitId)?.agreements ?? [];
}

export function agreementOf(partners: readonly Partner[], choice: Pick<ComposeChoice, 'partnerUnit' | 'agreementId'>): Agreement | undefined {
  return agreementsOf(partners, choice.partnerUnit).find((a) => a.id === choice.agreementId);
}

export function prioritiesUpTo(maxPriority: string): string[] {
  const max = PRIORITIES.indexOf(maxPriority as (typeof PRIORITIES)[number]);
  return PRIORITIES.slice(0, max < 0 ? PRIORITIES.length : max + 1);
}

/** What each step may offer given the choices before it (empty until the step before is chosen). */
export function optionsFor(partners: readonly Partner[], choice: ComposeChoice) {
  const agreement = agreementOf(partners, choice);
  return {
    partners: partners.filter((p) => p.agreements.length > 0).map((p) => p.unitId),
    agreements: choice.partnerUnit === '' ? [] : agreementsOf(partners, choice.partnerUnit),
    requestTypes: agreement?.requestTypes ?? [],
    legalBases: agreement !== undefined && choice.requestType !== '' ? agreement.legalBases : [],
    areas: agreement !== undefined && choice.legalBasisId !== '' ? agreement.areas : [],
    priorities: agreement === undefined ? [] : prioritiesUpTo(agreement.maxPriority),
  };
}

/**
 * The choice after one step changed: a later step whose value the new options no longer offer
 * is cleared, and a step with a single option is taken.
 */
export function narrow(partners: readonly Partner[], choice: ComposeChoice): ComposeChoice {
  const next = { ...choice };
  const options = () => optionsFor(partners, next);
  const settle = (key: keyof ComposeChoice, offered: () => readonly string[]) => {
    const values = offered();
    if (!values.includes(next[key])) next[key] = values.length === 1 ? values[0]! : '';
  };
  settle('partnerUnit', () => options().partners);
  settle('agreementId', () => options().agreements.map((a) => a.id));
  settle('requestType', () => options().requestTypes);
  settle('legalBasisId', () => options().legalBases);
  settle('area', () => options().areas);
  settle('priority', () => options().priorities);
  return next;
}
