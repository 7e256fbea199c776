/**
 * 显示编号: the ids behind names (pack, test case), folded away by default. Staff read names;
 * an id is for an administrator who has to match a file or a log line.
 */
import { Accordion, AccordionDetails, AccordionSummary, Typography } from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useTranslate } from 'react-admin';

export const AdvancedIds = ({ ids }: { ids: { label: string; value: string }[] }) => {
  const translate = useTranslate();
  return (
    <Accordion
      disableGutters
      elevation={0}
      sx={{ bgcolor: 'transparent', '&:before': { display: 'none' } }}
      data-testid="advanced-ids"
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        sx={{ px: 0, minHeight: 0, '& .MuiAccordionSummary-content': { my: 0.5 } }}
      >
        <Typography variant="caption" color="text.secondary">
          {translate('phone.ids.show')}
        </Typography>
      </AccordionSummary>
      <AccordionDetails sx={{ px: 0, pt: 0 }}>
        {ids.map((id) => (
          <Typography
            key={id.label}
            variant="caption"
            component="div"
            color="text.secondary"
            sx={{ wordBreak: 'break-all' }}
          >
            {id.label}：<code>{id.value}</code>
          </Typography>
        ))}
      </AccordionDetails>
    </Accordion>
  );
};
