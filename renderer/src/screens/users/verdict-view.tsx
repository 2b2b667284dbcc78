/**
 * One user's verdict: the Skype half and the Exchange half side by side, the path of a
 * call to voice mail (pool → UM IP gateway → hunt group → UM dial plan → UM servers), the verdict
 * in one sentence — works (green), at risk (amber) or will not work (red) — then every reason —
 * blocking first — with its fix (the exact cmdlet, shown and copyable, never run from here) and who
 * must apply it. A hop is red only for a reason that affects this user's calls and says so; an org
 * finding on a hop that does not affect this user is shown neutral, with a link to the Checks screen.
 */
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import { memo, useEffect, useRef, useState } from 'react';
import { hasMessage, renderDiagnostic, renderMessage } from '../../../../shared/i18n/translate';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import type { CallHop, HopFinding, HopKind, UserVerdict, VerdictOutcome } from '../../../../shared/users/user-model';
import { ticketText } from '../../../../shared/users/ticket-text';
import { CmdletBlock } from '../../components/cmdlet-block';
import { SeverityChip } from '../../components/severity-chip';
import { useI18n } from '../../i18n';
import { MONO_FONT, SEVERITY_COLOR, SIDE_COLOR } from '../../theme';
import { exchangeFacts, type Fact, orderedReasons, reasonText, roleText, skypeFacts, verdictSentence } from './users-view-model';

const GREEN = '#2e7d32';

const OUTCOME_COLOR: Readonly<Record<VerdictOutcome, { main: string; soft: string }>> = {
  works: { main: GREEN, soft: '#edf7ee' },
  'at-risk': SEVERITY_COLOR.warning,
  fails: SEVERITY_COLOR.error,
};

/** `onOpenFinding`: shows an org finding on the Checks screen (the hop's link). `failedHop`: where a synthetic voice-mail test failed (voicemail-test-panel.tsx). */
export const VerdictView = memo(function VerdictView({
  verdict,
  onOpenFinding,
  failedHop = null,
}: {
  verdict: UserVerdict;
  onOpenFinding?: (finding: Diagnostic) => void;
  failedHop?: HopKind | null;
}) {
  const { t, language } = useI18n();
  const colour = OUTCOME_COLOR[verdict.verdict];
  const reasons = orderedReasons(verdict.reasons);
  const warnings = reasons.filter((r) => r.severity !== 'error').length;
  return (
    <Box data-testid="user-verdict-view" data-sip={verdict.sipAddress} sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1.5, flexWrap: 'wrap' }}>
        <Box sx={{ flex: '1 1 240px', minWidth: 0 }}>
          <Typography variant="h2" component="h2" translate="no" sx={{ overflowWrap: 'anywhere' }}>
            {verdict.displayName || verdict.sipAddress}
          </Typography>
          <Typography variant="body2" sx={{ fontFamily: MONO_FONT, color: 'text.secondary', overflowWrap: 'anywhere' }}>
            {verdict.sipAddress}
          </Typography>
        </Box>
        <CopyForTicket verdict={verdict} />
      </Box>

      <Box
        role="status"
        data-testid="user-verdict"
        data-works={String(verdict.works)}
        data-verdict={verdict.verdict}
        sx={{
          px: 1.5,
          py: 1,
          borderRadius: 1,
          border: 1,
          borderColor: colour.main,
          bgcolor: colour.soft,
          color: colour.main,
          fontWeight: 600,
          fontSize: 15,
        }}
      >
        {verdictSentence(verdict, language)}
        {warnings > 0 && (
          <Typography variant="body2" component="div" sx={{ color: 'text.secondary', fontWeight: 400, mt: 0.25 }}>
            {t('users.verdict.warnings', { count: warnings })}
          </Typography>
        )}
      </Box>

      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))', gap: 1.5 }}>
        <Half
          testId="user-skype"
          title={t('users.skype.title')}
          color={SIDE_COLOR.skype}
          facts={verdict.skype ? skypeFacts(verdict.skype, verdict.reasons) : null}
          missing={t('users.skype.missing')}
        />
        <Half
          testId="user-exchange"
          title={t('users.exchange.title')}
          color={SIDE_COLOR.exchange}
          facts={verdict.exchange ? exchangeFacts(verdict.exchange, verdict.reasons) : null}
          missing={t('users.exchange.missing')}
        />
      </Box>

      <Box>
        <Typography variant="h3" component="h3" sx={{ mb: 0.75 }}>
          {t('users.path.title')}
        </Typography>
        <Box data-testid="call-path" component="ol" sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', alignItems: 'stretch', gap: 0.5 }}>
          {verdict.path.map((hop, i) => (
            <Box component="li" key={`${hop.kind}-${i}`} sx={{ display: 'flex', alignItems: 'stretch', gap: 0.5, flex: '1 1 0', minWidth: 0 }}>
              {i > 0 && (
                <Box aria-hidden sx={{ alignSelf: 'center', color: 'text.secondary', fontSize: 16 }}>
                  →
                </Box>
              )}
              <Hop hop={hop} onOpenFinding={onOpenFinding} testFailed={failedHop === hop.kind} />
            </Box>
          ))}
        </Box>
      </Box>

      <Box>
        <Typography variant="h3" component="h3">
          {t('users.reasons.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 0.75 }} data-testid="users-fix-note">
          {t('users.fix.note')}
        </Typography>
        {reasons.length === 0 ? (
          <Typography variant="body2" data-testid="user-no-reason">
            {t('users.reasons.none')}
          </Typography>
        ) : (
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
            {reasons.map((r, i) => (
              <Reason key={`${r.rule}-${i}`} reason={r} />
            ))}
          </Box>
        )}
      </Box>
    </Box>
  );
});

/** "Copy for the ticket": the verdict as plain text (shared/users/ticket-text.ts) in the language on screen. */
function CopyForTicket({ verdict }: { verdict: UserVerdict }) {
  const { t, language } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const pre = useRef<HTMLPreElement>(null);
  const text = ticketText(verdict, language);
  useEffect(() => setState('idle'), [verdict]);
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);
  useEffect(() => {
    // The clipboard refused: the text is shown selected, for Ctrl+C.
    if (state === 'manual' && pre.current) window.getSelection()?.selectAllChildren(pre.current);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('manual');
    }
  };
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: 0.5, maxWidth: '100%' }}>
      <Button variant="outlined" size="small" data-testid="users-copy-ticket" data-state={state} onClick={() => void copy()}>
        {state === 'copied' ? t('helpdesk.ticket.copied') : t('helpdesk.ticket.copy')}
      </Button>
      {state === 'manual' && (
        <Box data-testid="users-ticket-manual" sx={{ maxWidth: '100%' }}>
          <Typography variant="body2" color="text.secondary">
            {t('helpdesk.ticket.manual')}
          </Typography>
          <Box component="pre" ref={pre} data-testid="users-ticket-text" sx={{ m: 0, p: 1, fontSize: 12, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', bgcolor: '#f3f4f6', borderRadius: 1 }}>
            {text}
          </Box>
        </Box>
      )}
    </Box>
  );
}

function Half({ testId, title, color, facts, missing }: { testId: string; title: string; color: string; facts: readonly Fact[] | null; missing: string }) {
  return (
    <Box
      data-testid={testId}
      data-found={String(facts !== null)}
      sx={{ border: 1, borderColor: 'divider', borderTop: 3, borderTopColor: color, borderRadius: 1, p: 1.25, bgcolor: 'background.paper', minWidth: 0 }}
    >
      <Typography variant="h3" component="h3" sx={{ color, mb: 0.75 }}>
        {title}
      </Typography>
      {facts === null ? (
        <Typography variant="body2" sx={{ color: SEVERITY_COLOR.error.main }}>
          {missing}
        </Typography>
      ) : (
        <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'minmax(120px, 40%) minmax(0, 1fr)', columnGap: 1, rowGap: 0.375 }}>
          {facts.map((f) => (
            <FactRow key={f.field} fact={f} />
          ))}
        </Box>
      )}
    </Box>
  );
}

function FactRow({ fact }: { fact: Fact }) {
  const { t, td } = useI18n();
  const v = fact.value;
  const color = fact.bad ? SEVERITY_COLOR.error.main : undefined;
  return (
    <>
      <Box component="dt" sx={{ color: 'text.secondary', fontSize: 12 }}>
        {td(`users.field.${fact.field}`)}
      </Box>
      <Box
        component="dd"
        data-testid="user-fact"
        data-field={fact.field}
        data-bad={String(fact.bad)}
        sx={{ m: 0, fontSize: 12, color, fontWeight: fact.bad ? 600 : undefined, overflowWrap: 'anywhere' }}
      >
        {v.kind === 'none' && (
          <Box component="span" sx={{ color: color ?? 'text.secondary', fontStyle: 'italic' }}>
            {t('users.value.none')}
          </Box>
        )}
        {v.kind === 'bool' && t(v.value ? 'users.value.yes' : 'users.value.no')}
        {v.kind === 'text' && (
          <Box component="span" sx={{ fontFamily: v.mono ? MONO_FONT : undefined }}>
            {v.text}
          </Box>
        )}
        {v.kind === 'list' &&
          v.items.map((item) => (
            <Box key={item} sx={{ fontFamily: MONO_FONT }}>
              {item}
            </Box>
          ))}
      </Box>
    </>
  );
}

function Hop({ hop, onOpenFinding, testFailed = false }: { hop: CallHop; onOpenFinding?: (finding: Diagnostic) => void; testFailed?: boolean }) {
  const { t, td, language } = useI18n();
  const c = hop.ok ? GREEN : SEVERITY_COLOR.error.main;
  return (
    <Box
      data-testid="call-hop"
      data-kind={hop.kind}
      data-ok={String(hop.ok)}
      data-neutral={String(hop.ok && hop.findings.length > 0)}
      data-found={String(hop.label !== null)}
      data-test-failed={String(testFailed)}
      aria-label={`${td(`users.path.kind.${hop.kind}`)} — ${hop.label ?? t('users.path.missing')} — ${t(hop.ok ? 'users.path.ok' : 'users.path.broken')}`}
      sx={{
        flex: 1,
        minWidth: 0,
        border: 2,
        borderColor: testFailed ? SEVERITY_COLOR.error.main : c,
        borderRadius: 1,
        px: 1,
        py: 0.5,
        bgcolor: hop.ok ? '#edf7ee' : SEVERITY_COLOR.error.soft,
        // The hop a real test call failed at: a ring around it (docs/voicemail-tests.md).
        boxShadow: testFailed ? `0 0 0 3px ${SEVERITY_COLOR.error.main}` : undefined,
      }}
    >
      {testFailed && (
        <Typography
          variant="caption"
          component="div"
          data-testid="call-hop-test-failed"
          sx={{ color: '#fff', bgcolor: SEVERITY_COLOR.error.main, borderRadius: 0.5, px: 0.5, mb: 0.25, fontWeight: 600 }}
        >
          {t('voicemailTest.ui.failedHop')}
        </Typography>
      )}
      <Typography variant="caption" component="div" sx={{ color: c, fontWeight: 600 }}>
        {hop.ok ? '✓ ' : '✗ '}
        {td(`users.path.kind.${hop.kind}`)}
      </Typography>
      <Box sx={{ fontFamily: MONO_FONT, fontSize: 12, overflowWrap: 'anywhere', fontStyle: hop.label === null ? 'italic' : undefined, color: hop.label === null ? 'text.secondary' : undefined }}>
        {hop.label ?? t('users.path.missing')}
      </Box>
      {hop.problem && (
        <Typography variant="body2" data-testid="call-hop-problem" sx={{ color: SEVERITY_COLOR.error.main, mt: 0.25 }}>
          {renderMessage(language, hop.problem)}
        </Typography>
      )}
      {hop.findings.map((f, i) => (
        <HopFindingLine key={`${f.finding.rule}-${i}`} item={f} onOpen={onOpenFinding} />
      ))}
    </Box>
  );
}

/** An org finding on a hop: red when it affects this user's calls, neutral (grey) when not; both link to the Checks screen. */
function HopFindingLine({ item, onOpen }: { item: HopFinding; onOpen?: (finding: Diagnostic) => void }) {
  const { t, language } = useI18n();
  const f = item.finding;
  const colour = item.affects ? SEVERITY_COLOR.error.main : 'text.secondary';
  return (
    <Box data-testid="call-hop-finding" data-rule={f.rule} data-affects={String(item.affects)} sx={{ mt: 0.5, fontSize: 12, color: colour, overflowWrap: 'anywhere' }}>
      <Box component="code" sx={{ fontFamily: MONO_FONT, fontWeight: 600, mr: 0.5 }}>
        {f.rule}
      </Box>
      {renderDiagnostic(language, f).message}
      <Box component="span" sx={{ display: 'block', fontStyle: 'italic' }}>
        {t(item.affects ? 'users.path.affects' : 'users.path.neutral')}
        {onOpen && (
          <>
            {' · '}
            <Link component="button" type="button" data-testid="call-hop-finding-link" onClick={() => onOpen(f)} sx={{ fontSize: 12, verticalAlign: 'baseline' }}>
              {t('users.path.openFinding')}
            </Link>
          </>
        )}
      </Box>
    </Box>
  );
}

function Reason({ reason }: { reason: Diagnostic }) {
  const { t, td, language } = useI18n();
  const c = reason.severity === 'error' ? SEVERITY_COLOR.error.main : 'text.primary';
  return (
    <Box
      data-testid="user-reason"
      data-rule={reason.rule}
      data-severity={reason.severity}
      data-role={reason.role}
      sx={{ border: 1, borderColor: 'divider', borderLeft: 4, borderLeftColor: SEVERITY_COLOR[reason.severity].main, borderRadius: 1, p: 1, bgcolor: 'background.paper' }}
    >
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 0.75, color: c }}>
        <SeverityChip severity={reason.severity} />
        <Typography variant="body1" component="span" data-testid="user-reason-message">
          <Box component="code" sx={{ fontFamily: MONO_FONT, fontWeight: 600, mr: 0.75 }}>
            {reason.rule}
          </Box>
          {reasonText(reason, language)}
        </Typography>
      </Box>
      <Box sx={{ mt: 0.75, display: 'flex', flexDirection: 'column', gap: 0.5 }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {t('users.reason.fix')}
        </Typography>
        {reason.fix.length > 0 ? (
          <Box data-testid="user-reason-fix">
            <CmdletBlock cmdlets={reason.fix} copyable />
          </Box>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t('users.reason.noFix')}
          </Typography>
        )}
        <Typography variant="body2" data-testid="user-reason-role">
          {t('users.reason.who', { role: reason.role ? roleText(reason.role, td, hasMessage) : '' })}
        </Typography>
      </Box>
    </Box>
  );
}
