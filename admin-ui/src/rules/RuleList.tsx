/** 规则: the current pack's rules by decision, with titles, groups, priorities and citations. */
import { CreateButton, DataTable, List, SelectInput, TopToolbar, useListContext, useTranslate, useLocaleState, useGetList } from 'react-admin';
import { Box, Chip, Typography } from '@mui/material';
import { ClauseChip, useClauses } from '../common/ClauseText';
import { chainOf, useCanEditPack, useCurrentPack } from '../common/currentPack';
import { PackScoped } from '../common/PackScoped';
import { decisionList, decisionTitle } from '../common/schemaCatalog';
import { outcomeText, type AnyOutcome } from '../common/outcomeText';
import type { Condition } from '../../../engine/model.js';
import { usePackWords, useTitleRenderer } from '../common/packWords';
import { groupLabel, useGroups } from './groups';
import { ruleName } from './ruleName';

export interface RuleRecord {
  id: string;
  packId: string;
  ruleId: string;
  decision: string;
  file: string;
  index: number;
  title?: string;
  group?: string;
  priority?: number;
  citations?: string[];
  note?: string;
  conditions?: Condition;
  outcomes?: AnyOutcome[];
  disabled: boolean;
  revision: number;
}

const Citations = ({ record, packId }: { record: RuleRecord; packId: string }) => {
  const { packs } = useCurrentPack();
  const clauses = useClauses(chainOf(packs, packId));
  return <>{(record.citations ?? []).map((c) => <ClauseChip key={c} clauseId={c} clauses={clauses} />)}</>;
};

const RuleTable = ({ packId }: { packId: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data } = useListContext<RuleRecord>();
  const { packs } = useCurrentPack();
  const chain = chainOf(packs, packId);
  const groups = useGroups(chain);
  // a switched-off rule carries only its id: its name comes from the pack that defines it
  const { data: chainRules } = useGetList<{ id: string; ruleId: string; title?: string }>('rules', { filter: { packId: chain }, pagination: { page: 1, perPage: 1000 } }, { enabled: !!packId });
  const nameOf = (r: RuleRecord) => title(ruleName(r, chainRules ?? [], translate('rules.untitled')));
  const { data: parameters } = useGetList<{ id: string; parameterId: string; label: string }>('parameters', { filter: { packId }, pagination: { page: 1, perPage: 500 } });
  const paramLabel = (id: string) => parameters?.find((p) => p.parameterId === id)?.label ?? id;
  const words = usePackWords(packId);
  const title = useTitleRenderer(packId);
  const decisionsHere = [...new Set((data ?? []).map((r) => r.decision))];
  return (
    <Box>
      {decisionsHere.length === 0 && <DataTable rowClick="edit" bulkActionButtons={false}><DataTable.Col source="title" /></DataTable>}
      {decisionsHere.map((decision) => (
        <Box key={decision} sx={{ mb: 2 }}>
          <Typography variant="h6" sx={{ px: 2, pt: 1 }}>{decisionTitle(decision, locale)}</Typography>
          <DataTable
            rowClick="edit"
            bulkActionButtons={false}
            data={(data ?? []).filter((r) => r.decision === decision)}
          >
            <DataTable.Col label={translate('rules.ruleTitle')} render={(r: RuleRecord) => (r.disabled ? <Chip size="small" label={`${nameOf(r)}：${translate('rules.disabled')}`} data-testid="rule-disabled" /> : <strong>{nameOf(r)}</strong>)} />
            <DataTable.Col label={translate('rules.group')} render={(r: RuleRecord) => groupLabel(groups, r.decision, r.group)} />
            <DataTable.Col label={translate('rules.priority')} source="priority" />
            <DataTable.Col label={translate('rules.outcomes')} render={(r: RuleRecord) => (r.outcomes ?? []).map((o) => outcomeText(o, locale, paramLabel, words)).join('；')} />
            <DataTable.Col label={translate('rules.citations')} render={(r: RuleRecord) => <Citations record={r} packId={packId} />} />
          </DataTable>
        </Box>
      ))}
    </Box>
  );
};

const Actions = ({ packId }: { packId: string }) => {
  const canEdit = useCanEditPack(packId);
  return <TopToolbar>{canEdit && <CreateButton resource="rules" />}</TopToolbar>;
};

export const RuleList = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <>
      <PackScoped>
        {(packId) => (
          <List
            resource="rules"
            filter={{ packId }}
            perPage={500}
            pagination={false}
            title={translate('rules.title')}
            actions={<Actions packId={packId} />}
            filters={[<SelectInput key="d" source="decision" label={translate('app.decision')} choices={decisionList.map((d) => ({ id: d.id, name: decisionTitle(d.id, locale) }))} alwaysOn />]}
            sort={{ field: 'index', order: 'ASC' }}
          >
            <RuleTable packId={packId} />
          </List>
        )}
      </PackScoped>
    </>
  );
};
