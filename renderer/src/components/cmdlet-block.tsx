/**
 * Fix cmdlets, exactly as the rule wrote them, in a monospace block. Copyable on the Checks
 * screen; the console never runs them (checks.fix.note).
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { MONO_FONT } from '../theme';

const blockSx = {
  m: 0,
  px: 1,
  py: 0.75,
  flex: 1,
  minWidth: 0,
  fontFamily: MONO_FONT,
  fontSize: 12,
  lineHeight: 1.45,
  bgcolor: '#f3f4f6',
  border: 1,
  borderColor: 'divider',
  borderRadius: 1,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-word',
} as const;

export function CmdletBlock({ cmdlets, copyable = false }: { cmdlets: readonly string[]; copyable?: boolean }) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
      {cmdlets.map((cmdlet, i) => (
        <CmdletLine key={i} cmdlet={cmdlet} copyable={copyable} />
      ))}
    </Box>
  );
}

function CmdletLine({ cmdlet, copyable }: { cmdlet: string; copyable: boolean }) {
  const t = useT();
  const pre = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 2000);
    return () => window.clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(cmdlet);
      setCopied(true);
    } catch {
      // Clipboard refused (permission, unfocused window): select the text so Ctrl+C still works,
      // and try the legacy copy command on that selection.
      if (pre.current) window.getSelection()?.selectAllChildren(pre.current);
      try {
        if (document.execCommand('copy')) setCopied(true);
      } catch {
        /* the selection stays for the user to copy */
      }
    }
  };

  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.75 }}>
      <Box component="pre" ref={pre} sx={blockSx}>
        {cmdlet}
      </Box>
      {copyable && (
        <Button variant="outlined" data-testid="copy-fix" onClick={copy} sx={{ minWidth: 72, flexShrink: 0 }}>
          {copied ? t('checks.copied') : t('checks.copy')}
        </Button>
      )}
    </Box>
  );
}
