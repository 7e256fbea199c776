/**
 * A clause id shown with its original text: the text beside it, or on hover. Clauses come from
 * the `sources` resource of the pack and its base chain.
 */
import { useMemo } from 'react';
import { Box, Chip, Tooltip, Typography } from '@mui/material';
import { useGetList } from 'react-admin';
import { clauseListParams } from './listQueries';

export interface ClauseRecord {
  id: string;
  packId: string;
  clauseId: string;
  document: string;
  article: string;
  text: string;
  summary?: string;
}

/** Every clause readable for these packs, by clause id (the nearest pack wins). */
export function useClauses(packIds: (string | null | undefined)[]): Map<string, ClauseRecord> {
  const ids = packIds.filter((p): p is string => !!p);
  const { data } = useGetList<ClauseRecord>('sources', clauseListParams(ids), {
    enabled: ids.length > 0,
    staleTime: 60_000,
  });
  // the same map while the clauses are the same, so that cards drawn from it need not be drawn again
  const key = ids.join('\n');
  return useMemo(() => {
    const map = new Map<string, ClauseRecord>();
    for (const packId of key.split('\n').reverse())
      for (const c of data ?? []) if (c.packId === packId) map.set(c.clauseId, c);
    return map;
  }, [key, data]);
}

export const ClauseChip = ({ clauseId, clauses }: { clauseId: string; clauses: Map<string, ClauseRecord> }) => {
  const clause = clauses.get(clauseId);
  // the article staff cite (「第三条」), not the clause's id; the id stays for an unknown clause
  const chip = <Chip size="small" variant="outlined" label={clause?.article || clauseId} sx={{ mr: 0.5, mb: 0.5 }} />;
  if (!clause) return chip;
  return (
    <Tooltip
      title={
        <span>
          《{clause.document}》{clause.article}：“{clause.text}”
        </span>
      }
      arrow
    >
      {chip}
    </Tooltip>
  );
};

export const ClauseQuote = ({ clauseId, clauses }: { clauseId: string; clauses: Map<string, ClauseRecord> }) => {
  const clause = clauses.get(clauseId);
  return (
    <Box sx={{ borderLeft: 3, borderColor: 'divider', pl: 1.5, my: 1 }} data-testid="clause-quote">
      <Typography variant="caption" color="text.secondary">
        {clause ? `《${clause.document}》${clause.article}` : clauseId}
      </Typography>
      {clause && <Typography variant="body2">“{clause.text}”</Typography>}
    </Box>
  );
};
