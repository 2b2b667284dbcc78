/**
 * The issues of a contact or a draft as the dialogs, the list and the import preview show them (rule
 * ID + the message in the user's language), and the warning acknowledgements with their ticked state.
 */
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import { useCallback, useState } from 'react';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { renderDiagnostic } from '../../../../shared/i18n/translate';
import { SeverityChip } from '../../components/severity-chip';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';

export function IssueLine({ issue, dense = false }: { issue: Diagnostic; dense?: boolean }) {
  const { language } = useI18n();
  return (
    <Box
      data-testid="contact-issue"
      data-rule={issue.rule}
      data-severity={issue.severity}
      data-field={issue.field ?? ''}
      sx={{ display: 'flex', alignItems: 'baseline', gap: 0.75, mt: dense ? 0 : 0.25, color: issue.severity === 'error' ? 'error.main' : 'text.primary' }}
    >
      <SeverityChip severity={issue.severity} />
      <Typography variant="body2" component="span">
        <Box component="code" sx={{ fontFamily: MONO_FONT, fontWeight: 600, mr: 0.5 }}>
          {issue.rule}
        </Box>
        {renderDiagnostic(language, issue).message}
      </Typography>
    </Box>
  );
}

export function IssueList({ issues }: { issues: readonly Diagnostic[] }) {
  if (issues.length === 0) return null;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.25 }}>
      {issues.map((i, n) => (
        <IssueLine key={`${i.rule}-${n}`} issue={i} />
      ))}
    </Box>
  );
}

/** The warning rules the admin has ticked, and the toggle Acknowledgements calls (one set per dialog). */
export function useTickedRules(): readonly [ReadonlySet<string>, (rule: string, on: boolean) => void] {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((rule: string, on: boolean) => {
    setTicked((s) => {
      const next = new Set(s);
      if (on) next.add(rule);
      else next.delete(rule);
      return next;
    });
  }, []);
  return [ticked, toggle];
}

/** One checkbox per warning rule; the messages of that rule under it, so the admin knows what is acknowledged. */
export function Acknowledgements({
  rules,
  issues,
  ticked,
  onToggle,
}: {
  rules: readonly string[];
  issues: readonly Diagnostic[];
  ticked: ReadonlySet<string>;
  onToggle: (rule: string, on: boolean) => void;
}) {
  const { t, language } = useI18n();
  if (rules.length === 0) return null;
  return (
    <Box data-testid="contact-acknowledgements" sx={{ display: 'flex', flexDirection: 'column', gap: 0.5, p: 1, border: 1, borderColor: 'warning.light', borderRadius: 1, bgcolor: '#fff8ee' }}>
      <Typography variant="h3">{t('contacts.ack.title')}</Typography>
      {rules.map((rule) => {
        const messages = issues.filter((i) => i.rule === rule).map((i) => renderDiagnostic(language, i).message);
        return (
          <FormControlLabel
            key={rule}
            sx={{ alignItems: 'flex-start', ml: 0 }}
            control={
              <Checkbox
                size="small"
                checked={ticked.has(rule)}
                onChange={(e) => onToggle(rule, e.target.checked)}
                slotProps={{ input: { 'data-testid': 'contact-ack', 'data-rule': rule } as Record<string, string> }}
                sx={{ p: 0.25, mr: 0.75 }}
              />
            }
            label={
              <Typography variant="body2">
                {t('contacts.ack.label', { rule })}
                {messages.length > 0 ? ` — ${messages.join(' ')}` : ''}
              </Typography>
            }
          />
        );
      })}
    </Box>
  );
}
