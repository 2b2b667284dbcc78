/** Left navigation: app title, the screens in their fixed order (renderer/src/screens/screens.ts), Export support bundle…, the language switch. */
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Typography from '@mui/material/Typography';
import { useI18n } from '../i18n';
import { SCREENS, type ScreenId } from '../screens/screens';
import { LanguageSwitch } from './language-switch';
import { SupportBundleEntry } from '../components/support-bundle-dialog';

export function NavigationRail({ active, onSelect }: { active: ScreenId; onSelect: (screen: ScreenId) => void }) {
  const { t, appInfo } = useI18n();
  return (
    <Box component="nav" sx={{ gridArea: 'nav', display: 'flex', flexDirection: 'column', bgcolor: '#1e2a38', color: '#e8edf3', minHeight: 0 }}>
      <Box sx={{ px: 2, pt: 1.75, pb: 1.5, borderBottom: '1px solid rgba(255,255,255,0.08)' }}>
        <Typography variant="h1" sx={{ fontSize: 15, lineHeight: 1.3 }}>
          {t('app.title')}
        </Typography>
        {/* The version is a technical value, shown as is. */}
        <Typography sx={{ fontSize: 11, opacity: 0.6 }}>{appInfo.version}</Typography>
      </Box>
      <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0.75, display: 'flex', flexDirection: 'column', gap: 0.25, flex: 1, overflowY: 'auto' }}>
        {SCREENS.map((screen) => (
          <li key={screen}>
            <NavButton screen={screen} label={t(`nav.${screen}`)} active={screen === active} onSelect={onSelect} />
          </li>
        ))}
      </Box>
      <Box sx={{ p: 1.5, borderTop: '1px solid rgba(255,255,255,0.08)' }}>
        <SupportBundleEntry />
        <LanguageSwitch />
      </Box>
    </Box>
  );
}

function NavButton({ screen, label, active, onSelect }: { screen: ScreenId; label: string; active: boolean; onSelect: (s: ScreenId) => void }) {
  return (
    <ButtonBase
      // No ripple: a rail of screens, not a press-button; focus stays visible through :focus-visible.
      disableRipple
      data-testid={`nav-${screen}`}
      aria-current={active ? 'page' : undefined}
      onClick={() => onSelect(screen)}
      sx={{
        width: '100%',
        justifyContent: 'flex-start',
        px: 1.5,
        py: 0.9,
        borderRadius: 1,
        fontSize: 13,
        fontWeight: active ? 600 : 400,
        color: 'inherit',
        bgcolor: active ? 'rgba(255,255,255,0.14)' : 'transparent',
        borderLeft: '3px solid',
        borderLeftColor: active ? '#7fb3ff' : 'transparent',
        '&:hover': { bgcolor: active ? 'rgba(255,255,255,0.18)' : 'rgba(255,255,255,0.07)' },
        '&.Mui-focusVisible': { outline: '2px solid #7fb3ff', outlineOffset: -2 },
      }}
    >
      {label}
    </ButtonBase>
  );
}
