/**
 * 怎样会不同: under a 试算 answer, the nearest changes of one fact that would change it — each
 * with the threshold, the parameter and the clause behind it, and a button that re-runs 试算
 * with that change. The API computes them exactly (`?nearby=1`); this only shows them.
 */
import { useLocaleState } from 'react-admin';
import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';

/** One suggestion as the API sends it (see engine/nearby). */
export interface NearbyChange {
  fact: string;
  label: string;
  from: unknown;
  to: unknown;
  threshold?: { value: number; inclusive: boolean; direction: 'up' | 'down' };
  parameter?: { id: string; label: string };
  rule?: { id: string; title: string };
  citations: { id: string; document: string; article: string; text: string }[];
  /** in the language the answer was asked in */
  text: { zh?: string; en?: string };
}

const WORDS = {
  zh: { title: '怎样会不同', none: '改动任何一项已填事实都不会改变结果。', apply: '按此试算', basis: '依据' },
  en: {
    title: 'What would change the answer',
    none: 'No change of one given fact changes this answer.',
    apply: 'Try it',
    basis: 'Basis',
  },
};

export const NearbyPanel = ({
  result,
  onTry,
}: {
  result: { outcomes: unknown[]; nearby?: NearbyChange[] };
  onTry: (fact: string, value: unknown) => void;
}) => {
  const [locale] = useLocaleState();
  const words = locale === 'en' ? WORDS.en : WORDS.zh;
  const changes = result.nearby;
  if (!changes) return null;
  return (
    <Card sx={{ mt: 2 }} data-testid="tryit-nearby">
      <CardContent>
        <Typography variant="subtitle2" gutterBottom>
          {words.title}
        </Typography>
        {changes.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {words.none}
          </Typography>
        )}
        {changes.map((c, i) => (
          <Stack
            key={i}
            direction="row"
            spacing={1}
            sx={{ alignItems: 'flex-start', py: 0.75, borderTop: i ? 1 : 0, borderColor: 'divider' }}
            data-testid="nearby-change"
          >
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography variant="body2">
                {(locale === 'en' ? c.text.en : c.text.zh) ?? c.text.zh ?? c.text.en}
              </Typography>
              {c.rule && (
                <Typography variant="caption" color="text.secondary">
                  {words.basis}：{c.rule.title}
                  {c.citations.length > 0 &&
                    `（${c.citations.map((x) => `《${x.document}》${x.article}`).join('；')}）`}
                </Typography>
              )}
            </Box>
            <Button
              size="small"
              variant="outlined"
              sx={{ flexShrink: 0 }}
              onClick={() => onTry(c.fact, c.to)}
              data-testid="nearby-try"
            >
              {words.apply}
            </Button>
          </Stack>
        ))}
      </CardContent>
    </Card>
  );
};
