/**
 * A sober, dense light theme for an admin console read at 1440×900: small controls, 13 px text,
 * system font (no web font to ship or allow in the CSP).
 */
import { createTheme } from '@mui/material/styles';
import type { GraphSide } from '../../shared/topology/topology-graph';
import type { Severity } from '../../shared/model/org';

export const SEVERITY_COLOR: Readonly<Record<Severity, { main: string; soft: string; text: string }>> = {
  error: { main: '#c62828', soft: '#fdecea', text: '#ffffff' },
  warning: { main: '#b25e00', soft: '#fff4e5', text: '#ffffff' },
  info: { main: '#1565c0', soft: '#e8f1fb', text: '#ffffff' },
};

/** Two hues that stay apart for colour-blind readers: teal for Skype, indigo for Exchange. */
export const SIDE_COLOR: Readonly<Record<GraphSide, string>> = {
  skype: '#00838f',
  exchange: '#4152b3',
};

export const MONO_FONT = 'Consolas, "Cascadia Mono", "DejaVu Sans Mono", "Liberation Mono", monospace';

export const theme = createTheme({
  palette: {
    mode: 'light',
    primary: { main: '#1f5fa8' },
    background: { default: '#f4f5f7', paper: '#ffffff' },
    text: { primary: '#1d2125', secondary: '#5a6270' },
    divider: '#dde1e6',
  },
  shape: { borderRadius: 4 },
  typography: {
    fontFamily: '"Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
    fontSize: 13,
    h1: { fontSize: 18, fontWeight: 600 },
    h2: { fontSize: 15, fontWeight: 600 },
    h3: { fontSize: 13, fontWeight: 600 },
    // MUI scales body text from a 14 px base; pin it so 13 px really means 13 px.
    body1: { fontSize: 13 },
    body2: { fontSize: 12 },
    button: { textTransform: 'none', fontWeight: 500 },
  },
  components: {
    MuiButton: { defaultProps: { size: 'small', disableElevation: true } },
    MuiIconButton: { defaultProps: { size: 'small' } },
    MuiToggleButton: { defaultProps: { size: 'small' } },
    MuiChip: { defaultProps: { size: 'small' } },
    MuiTextField: { defaultProps: { size: 'small' } },
    MuiTable: { defaultProps: { size: 'small' } },
    MuiPaper: { defaultProps: { elevation: 0 } },
  },
});
