/**
 * Group (decision table) labels and hit policies of a pack and its bases. The rules resource
 * rows carry only the group id; the API names the groups of the whole base chain
 * (GET /packs/:id/groups), so that a director sees the base's group names too.
 */
import { useQuery } from '@tanstack/react-query';
import { apiCall } from '../providers/http';

export interface GroupInfo {
  decision: string;
  id: string;
  label?: string;
  hitPolicy?: string;
}

/** The groups of `packIds[0]` and its bases (`packIds` is the chain, nearest first). */
export function useGroups(packIds: string[]): Map<string, GroupInfo> {
  const packId = packIds[0];
  const { data } = useQuery({
    queryKey: ['rule-groups', packId],
    enabled: !!packId,
    staleTime: 60_000,
    queryFn: async () => {
      const groups = await apiCall<(GroupInfo & { packId: string })[]>(`/packs/${encodeURIComponent(packId)}/groups`);
      return new Map(groups.map((g) => [`${g.decision}/${g.id}`, { decision: g.decision, id: g.id, label: g.label, hitPolicy: g.hitPolicy }]));
    },
  });
  return data ?? new Map();
}

export function groupLabel(groups: Map<string, GroupInfo>, decision: string, id: string | undefined): string {
  if (!id) return '';
  // while the names load, nothing rather than an id; a group no file declares keeps its id
  if (groups.size === 0) return '';
  return groups.get(`${decision}/${id}`)?.label ?? id;
}

/**
 * The groups of one decision as choices a director reads: by label; the id only where two groups
 * share a label (or one has none), so that they can still be told apart.
 */
export function groupChoices(groups: Map<string, GroupInfo>, decision: string | undefined): { id: string; name: string }[] {
  const here = [...groups.values()].filter((g) => g.decision === decision);
  const count = new Map<string, number>();
  for (const g of here) if (g.label) count.set(g.label, (count.get(g.label) ?? 0) + 1);
  return here.map((g) => ({ id: g.id, name: g.label && count.get(g.label) === 1 ? g.label : `${g.label ?? ''}（${g.id}）` }));
}
