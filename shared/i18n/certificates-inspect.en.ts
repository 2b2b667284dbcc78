/** English strings of the certificate inspection in a worker (progress, cancel) and of the unpacked-file integrity check; spread into en.ts. Same keys in certificates-inspect.fr.ts. */
export const enCertificatesInspect = {
  'cert.read.cancelled': 'the inspection was cancelled before this file was read',
  'cert.read.workerFailed': 'the certificate reader stopped unexpectedly ({detail})',
  'certificates.inspect.error.cancelled': 'Cancelled',
  'certificates.inspect.progress': '{done} of {total} inspected — reading {file}',
  'certificates.inspect.progressIdle': '{done} of {total} inspected',
  'certificates.inspect.cancel': 'Cancel',
  'cli.cert.interrupted': 'interrupted: {done, plural, one {# file inspected} other {# files inspected}}, {cancelled} not read',
  'integrity.refused.changed':
    '{file} is not the file this version of the console was built with (its SHA-256 differs): it was changed after installation. Reinstall the console; the file is not run.',
  'integrity.refused.missing': '{file} is missing from the installation: reinstall the console.',
  'integrity.refused.not-listed': '{file} is not one of the files this version of the console ships: it is not run.',
  // ---- trusted roots (umc check --trusted-roots, the setting trustedRootsFile)
  'certificates.trustedRoots.unreadable': 'The trusted-roots file {file} cannot be read: {detail}',
  'certificates.trustedRoots.empty':
    'The trusted-roots file {file} holds no certificate: give a PEM bundle (-----BEGIN CERTIFICATE----- blocks), e.g. the servers’ Cert:\\LocalMachine\\Root exported.',
  'cli.check.trustedRoots': 'Trusted roots added: {count, plural, one {# certificate} other {# certificates}} from {file}',
} as const;
