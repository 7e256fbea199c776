/**
 * 还需确认: right under a 试算 answer, the facts it is still waiting for — each with the rules
 * that hinge on it and what they would add — and the values to choose from. Choosing one (or
 * entering a number) fills it into the form and runs 试算 again.
 */
import { useState } from 'react';
import { Alert, AlertTitle, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { outcomeText, type AnyOutcome } from '../common/outcomeText';

/** One entry of the evaluate reply's `undetermined` (see docs/api.md). */
export interface UndeterminedEntry {
  rule: string;
  title: string;
  facts: { name: string; label: string; options?: { value: string | boolean; label: string; labelEn: string }[] }[];
  couldAdd: AnyOutcome[];
  candidates?: string[];
}

const WORDS = {
  zh: { title: '还需确认', intro: '以下事实未填写，答复可能因此不同（选择后重新试算）：', set: '代入并试算' },
  en: {
    title: 'Still to confirm',
    intro: 'These facts were not given and the answer may depend on them (choose one to run again):',
    set: 'Use and run',
  },
};

type Value = string | number | boolean;

export const MissingFacts = ({
  undetermined,
  locale,
  onChoose,
}: {
  undetermined?: UndeterminedEntry[];
  locale: string;
  onChoose: (fact: string, value: Value) => void;
}) => {
  if (!undetermined?.length) return null;
  const w = locale === 'en' ? WORDS.en : WORDS.zh;
  // one row per fact, with every rule that waits for it
  const facts = new Map<string, { fact: UndeterminedEntry['facts'][number]; entries: UndeterminedEntry[] }>();
  for (const entry of undetermined) {
    for (const fact of entry.facts) {
      const row = facts.get(fact.name) ?? { fact, entries: [] };
      row.entries.push(entry);
      facts.set(fact.name, row);
    }
  }
  return (
    <Alert severity="info" sx={{ my: 1 }} data-testid="missing-facts">
      <AlertTitle>{w.title}</AlertTitle>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {w.intro}
      </Typography>
      {[...facts.values()].map(({ fact, entries }) => (
        <Box key={fact.name} sx={{ mb: 1.5 }} data-testid={`missing-fact-${fact.name}`}>
          <Typography variant="subtitle2">{locale === 'en' ? fact.name : fact.label}</Typography>
          {entries.map((entry) => (
            <Typography key={entry.rule} variant="body2" color="text.secondary">
              {locale === 'en' ? entry.rule : entry.title} →{' '}
              {entry.couldAdd.map((o) => outcomeText(o, locale)).join(locale === 'en' ? '; ' : '；')}
            </Typography>
          ))}
          <FactChoice fact={fact} locale={locale} onChoose={(value) => onChoose(fact.name, value)} />
        </Box>
      ))}
    </Alert>
  );
};

const FactChoice = ({
  fact,
  locale,
  onChoose,
}: {
  fact: UndeterminedEntry['facts'][number];
  locale: string;
  onChoose: (value: Value) => void;
}) => {
  const [typed, setTyped] = useState('');
  if (fact.options?.length) {
    return (
      <Stack direction="row" spacing={1} sx={{ mt: 0.5, flexWrap: 'wrap', gap: 1 }}>
        {fact.options.map((option) => (
          <Button
            key={String(option.value)}
            size="small"
            variant="outlined"
            onClick={() => onChoose(option.value)}
            data-testid={`missing-option-${fact.name}-${String(option.value)}`}
          >
            {locale === 'en' ? option.labelEn : option.label}
          </Button>
        ))}
      </Stack>
    );
  }
  const number = Number(typed);
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 0.5, alignItems: 'center' }}>
      <TextField
        size="small"
        type="number"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        sx={{ width: 140 }}
        slotProps={{ htmlInput: { 'data-testid': `missing-input-${fact.name}`, 'aria-label': fact.label } }}
      />
      <Button
        size="small"
        variant="outlined"
        disabled={typed === '' || !Number.isFinite(number)}
        onClick={() => onChoose(number)}
        data-testid={`missing-set-${fact.name}`}
      >
        {(locale === 'en' ? WORDS.en : WORDS.zh).set}
      </Button>
    </Stack>
  );
};
