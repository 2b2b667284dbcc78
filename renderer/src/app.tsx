/**
 * The shell: navigation on the left, the active screen, the status bar at the bottom. Screens are
 * lazy chunks; the Checks screen can send the user to the Topology screen with an object selected.
 */
import Box from '@mui/material/Box';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { lazy, Suspense, useCallback, useState } from 'react';
import type { ObjectRef } from '../../shared/model/org';
import { LoadingNotice } from './components/notice';
import { I18nProvider } from './i18n';
import { OrgVersionProvider } from './org-version';
import type { Navigate, RuleFocusRequest, ScreenId, SelectionRequest } from './screens/screens';
import { NavigationRail } from './shell/navigation-rail';
import { ScreenErrorBoundary } from './shell/screen-error-boundary';
import { StatusBar } from './shell/status-bar';
import { theme } from './theme';

const TopologyScreen = lazy(() => import('./screens/topology/topology-screen'));
const ChecksScreen = lazy(() => import('./screens/checks/checks-screen'));
const CertificatesScreen = lazy(() => import('./screens/certificates/certificates-screen'));
const GatewaysScreen = lazy(() => import('./screens/gateways/gateways-screen'));
const ContactsScreen = lazy(() => import('./screens/contacts/contacts-screen'));
const UsersScreen = lazy(() => import('./screens/users/users-screen'));
const ConnectionsScreen = lazy(() => import('./screens/connections/connections-screen'));
const ChecklistScreen = lazy(() => import('./screens/checklist/checklist-screen'));
const ChangesScreen = lazy(() => import('./screens/changes/changes-screen'));

export function App() {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <I18nProvider>
        <OrgVersionProvider>
          <Shell />
        </OrgVersionProvider>
      </I18nProvider>
    </ThemeProvider>
  );
}

interface Route {
  readonly screen: ScreenId;
  readonly selection: SelectionRequest | null;
  readonly rule: RuleFocusRequest | null;
}

function Shell() {
  const [route, setRoute] = useState<Route>({ screen: 'topology', selection: null, rule: null });

  const navigate = useCallback<Navigate>((screen: ScreenId, select?: ObjectRef, rule?: string) => {
    setRoute((r) => ({
      screen,
      selection: select ? { ref: select, nonce: (r.selection?.nonce ?? 0) + 1 } : null,
      rule: rule ? { rule, nonce: (r.rule?.nonce ?? 0) + 1 } : null,
    }));
  }, []);

  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: '208px minmax(0, 1fr)',
        gridTemplateRows: 'minmax(0, 1fr) auto',
        gridTemplateAreas: '"nav main" "status status"',
        height: '100vh',
        overflow: 'hidden',
      }}
    >
      <NavigationRail active={route.screen} onSelect={(s) => navigate(s)} />
      <Box component="main" sx={{ gridArea: 'main', minHeight: 0, minWidth: 0, overflow: 'hidden', display: 'flex', flexDirection: 'column' }}>
        {/* key: a fresh boundary per screen, so an error on one screen does not stick to the next. */}
        <ScreenErrorBoundary key={route.screen}>
          <Suspense fallback={<LoadingNotice />}>
            <ActiveScreen route={route} navigate={navigate} />
          </Suspense>
        </ScreenErrorBoundary>
      </Box>
      <StatusBar screen={route.screen} onReadIssues={() => navigate('connections')} />
    </Box>
  );
}

function ActiveScreen({ route, navigate }: { route: Route; navigate: Navigate }) {
  const { screen } = route;
  if (screen === 'checks') return <ChecksScreen navigate={navigate} selection={route.selection} ruleFocus={route.rule} />;
  if (screen === 'checklist') return <ChecklistScreen navigate={navigate} />;
  if (screen === 'changes') return <ChangesScreen />;
  if (screen === 'certificates') return <CertificatesScreen navigate={navigate} />;
  if (screen === 'gateways') return <GatewaysScreen />;
  if (screen === 'contacts') return <ContactsScreen />;
  if (screen === 'users') return <UsersScreen navigate={navigate} />;
  if (screen === 'connections') return <ConnectionsScreen />;
  return <TopologyScreen selection={route.selection} />;
}
