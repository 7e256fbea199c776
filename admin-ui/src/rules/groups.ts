/**
 * Group (decision table) labels and hit policies of a pack and its bases. The rules resource
 * rows carry only the group id, so the labels are read from the draft bundles (export).
 */
import { useQuery } from '@tanstack/react-query';
import { apiCall } from '../providers/http';

export interface GroupInfo {
  decision: string;
  id: string;
  label?: string;
  hitPolicy?: string;
}

export function useGroups(packIds: string[]): Map<string, GroupInfo> {
  const { data } = useQuery({
    queryKey: ['rule-groups', ...packIds],
    enabled: packIds.length > 0,
    staleTime: 60_000,
    queryFn: async () => {
      const map = new Map<string, GroupInfo>();
      // bases first, so that the pack's own labels win
      for (const packId of [...packIds].reverse()) {
        try {
          const bundle = await apiCall<{ rules?: Record<string, { decision: string; groups?: Record<string, { label?: string; hitPolicy?: string }> }> }>(
            `/packs/${encodeURIComponent(packId)}/export?version=draft`,
          );
          for (const file of Object.values(bundle.rules ?? {})) {
            for (const [id, g] of Object.entries(file.groups ?? {})) map.set(`${file.decision}/${id}`, { decision: file.decision, id, label: g.label, hitPolicy: g.hitPolicy });
          }
        } catch {
          /* a base the user may not export: ids stay as they are */
        }
      }
      return map;
    },
  });
  return data ?? new Map();
}

export function groupLabel(groups: Map<string, GroupInfo>, decision: string, id: string | undefined): string {
  if (!id) return '';
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
