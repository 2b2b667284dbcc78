/**
 * Catalogue rules this data cannot decide (they need a probe, DNS, a live test…). Listed so that
 * an empty Checks list is never read as "all healthy".
 */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ChecksList } from '../../../../shared/checks/check-channels';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';

export function NotEvaluatedSection({ items }: { items: ChecksList['notEvaluated'] }) {
  const { t, td } = useI18n();
  if (items.length === 0) return null;
  return (
    <Box component="section" data-testid="not-evaluated" sx={{ mt: 1, p: 1.75, border: 1, borderColor: 'divider', borderStyle: 'dashed', borderRadius: 1, bgcolor: '#fafbfc' }}>
      <Typography variant="h2" component="h2">
        {t('checks.notEvaluated.title')}
      </Typography>
      <Typography sx={{ color: 'text.secondary', mt: 0.25, mb: 1 }}>{t('checks.notEvaluated.body')}</Typography>
      <Box component="table" sx={{ borderCollapse: 'collapse', width: '100%', fontSize: 12.5 }}>
        <tbody>
          {items.map((item) => (
            <Box component="tr" key={item.id} data-testid="not-evaluated-rule" data-rule={item.id} sx={{ borderTop: 1, borderColor: 'divider' }}>
              <Box component="td" sx={{ fontFamily: MONO_FONT, fontSize: 12, color: 'text.secondary', py: 0.5, pr: 1.5, whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                {item.id}
              </Box>
              <Box component="td" sx={{ py: 0.5, pr: 1.5, fontWeight: 500, verticalAlign: 'top' }}>
                {td(`rule.${item.id}.title`)}
              </Box>
              <Box component="td" sx={{ py: 0.5, color: 'text.secondary', verticalAlign: 'top' }}>
                {td(`checks.needs.${item.needs}`, { sections: (item.sections ?? []).join(', ') })}
              </Box>
            </Box>
          ))}
        </tbody>
      </Box>
    </Box>
  );
}
