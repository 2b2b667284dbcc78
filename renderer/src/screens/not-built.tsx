/** The honest placeholder for the six screens of later issues: it says what will come, nothing fake. */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useT } from '../i18n';
import type { NotBuiltScreenId } from './screens';

export default function NotBuiltScreen({ screen }: { screen: NotBuiltScreenId }) {
  const t = useT();
  return (
    <Box data-testid="not-built" data-screen={screen} sx={{ p: 4, maxWidth: 720 }}>
      <Typography variant="h1" component="h1" sx={{ mb: 1.5 }}>
        {t('notBuilt.title', { screen: t(`nav.${screen}`) })}
      </Typography>
      <Typography sx={{ color: 'text.secondary', lineHeight: 1.6 }}>{t('notBuilt.body', { what: t(`notBuilt.${screen}`) })}</Typography>
    </Box>
  );
}
