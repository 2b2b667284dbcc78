/** A contact object (ExUmContact) as a label/value table, in the user's language. */
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import { hasMessage } from '../../../../shared/i18n/translate';
import type { ExUmContact } from '../../../../shared/model/org';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';

const OBJECT_FIELDS = [
  'identity',
  'displayName',
  'sipAddress',
  'displayNumber',
  'lineUri',
  'registrarPool',
  'ou',
  'autoAttendant',
  'isSubscriberAccess',
  'enabled',
  'enterpriseVoiceEnabled',
  'description',
] as const;

/** A field name of ExUmContact (or one main names in a difference) in the user's language; an unknown one as is. */
export function useFieldLabel(): (field: string) => string {
  const { td } = useI18n();
  return (field) => (hasMessage(`contacts.object.${field}`) ? td(`contacts.object.${field}`) : field);
}

export function ContactObject({ contact, testId }: { contact: ExUmContact; testId: string }) {
  const { t } = useI18n();
  const label = useFieldLabel();
  return (
    <Table size="small" data-testid={testId} sx={{ '& td': { py: 0.25 } }}>
      <TableBody>
        {OBJECT_FIELDS.map((f) => {
          const v = contact[f];
          return (
            <TableRow key={f}>
              <TableCell sx={{ width: 200, color: 'text.secondary' }}>{label(f)}</TableCell>
              <TableCell sx={{ fontFamily: typeof v === 'string' ? MONO_FONT : undefined, fontSize: 12, wordBreak: 'break-all' }}>
                {typeof v === 'boolean' ? t(v ? 'contacts.yes' : 'contacts.no') : v}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
