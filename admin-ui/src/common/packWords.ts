/**
 * A pack's own words and numbers in the UI: role and measure labels from pack.json `vocabulary`
 * along the extends chain (主管领导 where the township says so), rule titles and case names with
 * their `{parameter}` placeholders rendered with the draft's values. The engine's functions,
 * fed what the API lists.
 */
import { useGetList } from 'react-admin';
import { wordLookup, type WordLookup } from '../../../engine/pack/words.js';
import { renderTitle, type TitleParameter } from '../../../engine/explain/title.js';
import { caseName } from '../../../engine/explain/case-name.js';
import type { PackVocabulary } from '../../../engine/model.js';
import { chainOf, useCurrentPack } from './currentPack';
import { factsOf, vocabularyLabel } from './schemaCatalog';
import type { AnyOutcome } from './outcomeText';

export { toAuthoredOutcome } from '../../../engine/pack/words.js';

/** The words of a pack and its bases (root base first, so a child only adds). */
export function usePackWords(packId?: string): WordLookup {
  const { packId: current, packs } = useCurrentPack();
  const chain = chainOf(packs, packId ?? current).reverse();
  return wordLookup(chain.map((id) => packs?.find((p) => p.id === id)?.vocabulary as PackVocabulary | undefined));
}

/** Renders `{parameter}` placeholders with the values the draft's parameter list shows. */
export function useTitleRenderer(packId?: string): (title: string | undefined) => string {
  const { packId: current } = useCurrentPack();
  const id = packId ?? current;
  const { data } = useGetList<{ id: string; parameterId: string } & TitleParameter>(
    'parameters',
    { filter: { packId: id }, pagination: { page: 1, perPage: 500 } },
    { enabled: !!id },
  );
  return (title) =>
    title ? renderTitle(title, (parameterId) => data?.find((p) => p.parameterId === parameterId)) : '';
}

/** A case's Chinese name from its facts and outcomes (「请假2天：主管领导审批」). */
export function caseNameOf(decision: string, facts: Record<string, unknown>, outcomes: AnyOutcome[]): string {
  return caseName(facts, outcomes, factsOf(decision), (definition, code, locale) =>
    vocabularyLabel(definition, code, locale),
  );
}
