/** English strings of the checklist (shared/checklist/) and `umc checklist`; spread into en.ts. Same keys in checklist.fr.ts. */
export const enChecklist = {
  'checklist.status.done': 'done',
  'checklist.status.not-done': 'not done',
  'checklist.status.partly': 'partly',
  'checklist.status.not-judged': 'not judged',
  'checklist.progress': '{done} of {total, plural, one {# step done} other {# steps done}}',
  'checklist.versions': 'Steps for {exchange} with {skype}',

  'checklist.role.RTCUniversalUserAdmins': 'RTCUniversalUserAdmins (Skype for Business user administrators)',
  'checklist.role.RTCUniversalServerAdmins': 'RTCUniversalServerAdmins (Skype for Business server administrators)',
  'checklist.role.ExchangeRecipientAdministrator': 'Exchange recipient administrator',
  'checklist.role.ExchangeOrganizationAdministrator': 'Exchange Organization Management',
  'checklist.role.DomainAccountAdministrator': 'Domain administrator',
  'checklist.role.ExchangeUmAdministrator': 'Exchange administrator (UM Management)',
  'checklist.role.CertificateAdministrator': 'Certificate administrator (the CA trusted by the Skype servers)',
  'checklist.role.GatewayAdministrator': 'Gateway device administrator',

  'checklist.step.exchange.um-servers.title': 'Deploy the Exchange servers that run Unified Messaging',
  'checklist.step.exchange.um-servers.what.ex2010':
    'Install the Exchange 2010 (latest service pack) Unified Messaging, Hub Transport, Client Access and Mailbox roles, in the Skype forest or one configured to use it. No UM-enabled mailbox may stay on an Exchange 2019 server (no UM there).',
  'checklist.step.exchange.um-servers.what.ex2013':
    'Install the Exchange 2013/2016 Client Access and Mailbox roles (the UM call router and the UM service), in the Skype forest or one configured to use it. No UM-enabled mailbox may stay on an Exchange 2019 server (no UM there).',
  'checklist.step.exchange.um-servers.instructions.ex2010':
    'Run Exchange Setup on each server (an Enterprise administrator for the first Exchange server of the organization). Check that each server lists the UnifiedMessaging role.',
  'checklist.step.exchange.um-servers.instructions.ex2013':
    'Run Exchange Setup on each server (an Enterprise administrator for the first Exchange server of the organization). Move the UM-enabled mailboxes off Exchange 2019 servers (New-MoveRequest).',
  'checklist.step.exchange.certificates.title': 'Install certificates from a trusted certification authority',
  'checklist.step.exchange.certificates.what':
    'Each Exchange UM server gets a certificate issued by a CA whose root the Skype servers trust (not self-signed), naming the server’s FQDN, without a wildcard subject: mutual TLS between Exchange UM and Skype depends on it.',
  'checklist.step.exchange.certificates.instructions':
    'Request a certificate for each UM server from the CA the Skype servers use (New-ExchangeCertificate -GenerateRequest, then Import-ExchangeCertificate), with the server’s FQDN in the subject or the SAN list and no wildcard subject.',
  'checklist.step.exchange.certificate-services.title': 'Enable the certificates for UM and the UM call router',
  'checklist.step.exchange.certificate-services.what.ex2010': 'Each Exchange 2010 UM server has a certificate enabled for the UM service (Enable-ExchangeCertificate -Services UM).',
  'checklist.step.exchange.certificate-services.what.ex2013':
    'Each Mailbox server has a certificate enabled for UM and each Client Access server one for UMCallRouter (Enable-ExchangeCertificate -Services UM,UMCallRouter).',
  'checklist.step.um.sip-dial-plan.title': 'Create a SIP URI UM dial plan',
  'checklist.step.um.sip-dial-plan.what': 'A UM dial plan of URI type SIP URI carries the Skype calls; every dial plan linked to a Skype pool must be SIP URI, with a name Exchange accepts.',
  'checklist.step.um.dial-plan-security.title': 'Set the security of the SIP dial plan',
  'checklist.step.um.dial-plan-security.what':
    'The SIP dial plan is Secured or SIP secured, matching the encryption of the Skype pools’ media configuration (Secured when encryption is required, the default).',
  'checklist.step.um.servers-in-dial-plan.title': 'Add the UM servers to the SIP dial plan',
  'checklist.step.um.servers-in-dial-plan.what.ex2010': 'Every Exchange 2010 UM server answers every SIP URI dial plan (Set-UMServer -DialPlans).',
  'checklist.step.um.servers-in-dial-plan.what.ex2013': 'Every UM service and UM call router answers every SIP URI dial plan (Set-UMService / Set-UMCallRouterSettings -DialPlans).',
  'checklist.step.um.startup-mode.title': 'Set the startup mode to Dual and restart the UM services',
  'checklist.step.um.startup-mode.what.ex2010': 'The UM servers answering a secured SIP dial plan start in Dual mode (TCP and TLS) (Set-UMServer -UMStartupMode Dual).',
  'checklist.step.um.startup-mode.what.ex2013': 'The UM services and call routers answering a SIP dial plan start in Dual mode (Set-UMService / Set-UMCallRouterSettings -UMStartupMode Dual).',
  'checklist.step.um.startup-mode.instructions.ex2010':
    'After the change, restart the Microsoft Exchange Unified Messaging service (MSExchangeUM) on each server, on the server itself: Restart-Service MSExchangeUM. The calls in progress are dropped.',
  'checklist.step.um.startup-mode.instructions.ex2013':
    'After the change, restart MSExchangeUM on each Mailbox server and MSExchangeUMCR on each Client Access server, on the server itself: Restart-Service MSExchangeUM / Restart-Service MSExchangeUMCR. The calls in progress are dropped.',
  'checklist.step.um.sip-addresses.title': 'Assign SIP addresses to the mailboxes',
  'checklist.step.um.sip-addresses.what': 'The UM mailbox of each Enterprise Voice user carries the user’s SIP address and is on a SIP URI dial plan.',
  'checklist.step.um.exchucutil.title': 'Run ExchUcUtil.ps1',
  'checklist.step.um.exchucutil.what.ex2010':
    'What ExchUcUtil.ps1 (Exchange 2010 Scripts folder) does: Skype’s groups may read the UM containers, a UM IP gateway for each pool hosting Enterprise Voice users, a hunt group for each SIP dial plan whose pilot is the dial plan’s name.',
  'checklist.step.um.exchucutil.what.ex2013':
    'What ExchUcUtil.ps1 (V15\\Scripts on a Mailbox server) does: Skype’s groups may read the UM containers, a UM IP gateway for each pool hosting Enterprise Voice users, a hunt group for each SIP dial plan whose pilot is the dial plan’s name.',
  'checklist.step.um.outcalls.title': 'Keep outgoing calls on one UM IP gateway',
  'checklist.step.um.outcalls.what': 'Outgoing calls are turned off on every UM IP gateway of a dial plan but the one ExchUcUtil created (never a Director’s or a branch appliance’s).',
  'checklist.step.um.gateways.title': 'Create and configure the UM IP gateways',
  'checklist.step.um.gateways.what': 'Each UM IP gateway is enabled, on an address of its own, and addressed by its FQDN where the dial plan is secured (TLS needs the name in the certificate).',
  'checklist.step.gateway.device.title': 'Configure the gateway devices',
  'checklist.step.gateway.device.what':
    'Each VoIP gateway, IP PBX or SBC a UM IP gateway stands for is set to send its calls to the Exchange servers (its own configuration, not visible to the console).',
  'checklist.step.gateway.device.instructions':
    'In the device’s own administration interface: the Exchange servers as SIP peers, the port and transport of the UM IP gateway, and the pilot numbers of the hunt groups. Then check that the UM IP gateway answers (Gateways screen: SIP OPTIONS).',
  'checklist.step.skype.dial-plan-fqdn.title': 'Create the Skype dial plans named as the UM dial plans’ FQDN',
  'checklist.step.skype.dial-plan-fqdn.what': 'With Exchange 2010 before SP1: an Enterprise Voice dial plan named as each UM dial plan’s FQDN (not needed from Exchange 2010 SP1).',
  'checklist.step.skype.ocsumutil.title': 'Run OcsUmUtil.exe',
  'checklist.step.skype.ocsumutil.what.lync2013':
    'What OcsUmUtil.exe (%CommonProgramFiles%\\Microsoft Lync Server 2013\\Support) does: a Subscriber Access contact for each Outlook Voice Access number and an auto attendant contact for each auto attendant, enabled for Enterprise Voice. Run it as a member of RTCUniversalServerAdmins and RTCUniversalUserAdmins.',
  'checklist.step.skype.ocsumutil.what.sfb2015':
    'What OcsUmUtil.exe (%CommonProgramFiles%\\Skype for Business Server 2015\\Support) does: a Subscriber Access contact for each Outlook Voice Access number and an auto attendant contact for each auto attendant, enabled for Enterprise Voice. Run it as a member of RTCUniversalServerAdmins and RTCUniversalUserAdmins.',
  'checklist.step.oauth.certificate.title': 'Assign the server-to-server (OAuthTokenIssuer) certificate',
  'checklist.step.oauth.certificate.what': 'The same OAuthTokenIssuer certificate on every Front End server, at least 2048 bits, with the SIP domain in its subject.',
  'checklist.step.oauth.autodiscover.title': 'Configure Autodiscover for Skype',
  'checklist.step.oauth.autodiscover.what':
    'Each Client Access server has an AutoDiscoverServiceInternalUri, and Skype’s OAuth configuration points at …/autodiscover/autodiscover.svc (Set-CsOAuthConfiguration, by RTCUniversalServerAdmins).',
  'checklist.step.oauth.partner-applications.title': 'Configure the partner applications',
  'checklist.step.oauth.partner-applications.what': 'Skype’s partner application for Exchange (full trust, Autodiscover’s metadata URL) and Exchange’s for Skype (a Front End pool’s metadata URL).',
  'checklist.step.skype.enterprise-voice.title': 'Enable the users for Enterprise Voice',
  'checklist.step.skype.enterprise-voice.what': 'Each user with a UM-enabled mailbox is a Skype user enabled for Enterprise Voice (and, with hosted voice mail, has a hosted voice mail policy).',
  'checklist.step.um.enable-users.title': 'Enable the Enterprise Voice users for UM',
  'checklist.step.um.enable-users.what': 'Each Enterprise Voice user has a UM-enabled mailbox with a UM mailbox policy and an extension of its own, of the dial plan’s length.',

  'checklist.missing.noUmServer': 'No Exchange server runs Unified Messaging (Exchange 2010 UM role, or an Exchange 2013/2016 Mailbox or Client Access server).',
  'checklist.missing.noSipDialPlan': 'No UM dial plan has the URI type SIP URI.',
  'checklist.missing.noAnsweringServer': 'No UM server answers a SIP URI dial plan.',
  'checklist.missing.noPoolGateway': 'No UM IP gateway points at a Skype pool: ExchUcUtil.ps1 was not run.',
  'checklist.missing.noContacts': 'No Exchange UM contact exists for the Outlook Voice Access numbers and auto attendants.',
  'checklist.missing.noEvUser': 'No user is enabled for Enterprise Voice.',
  'checklist.missing.noUmMailbox': 'No mailbox is enabled for Unified Messaging.',
  'checklist.missing.notRead': 'Not judged: {sections} not read.',
  'checklist.missing.device': 'Gateway {name} ({address}): its device’s own configuration is not visible to the console; check it on the device.',
  'checklist.missing.more': '… and {count} more.',

  'checklist.export.title': 'Change plan',
  'checklist.export.generated': 'Generated {when}',
  'checklist.export.source': 'Org: {source}, read {readAt}',
  'checklist.export.nothing': 'Every step is done: nothing to change.',
  'checklist.export.col.order': '#',
  'checklist.export.col.step': 'Step',
  'checklist.export.col.status': 'Status',
  'checklist.export.col.role': 'Who',
  'checklist.export.col.rules': 'Rules',
  'checklist.export.col.missing': 'What is missing',
  'checklist.export.col.kind': 'Done by',
  'checklist.export.col.commands': 'Commands',
  'checklist.export.col.manual': 'By hand',
  'checklist.export.col.check': 'Check',
  'checklist.export.kind.cmdlet': 'the console (cmdlets)',
  'checklist.export.kind.manual': 'by hand',
  'checklist.export.more': '… and {count} more (the CSV export lists every one)',
  'checklist.export.meanwhile': 'Meanwhile: {text}',

  'cli.checklist.usage': 'usage: umc checklist [--snapshot FILE | --exchange SERVER --skype POOL [--user DOMAIN\\user]] [--json] [--lang en|fr]',
  'cli.checklist.servers': '--exchange and --skype go together (--user needs both); --snapshot cannot be given with them',
  'cli.checklist.rules': 'rules: {rules}',
  'cli.checklist.who': 'who: {role}',
  'cli.checklist.manual': 'by hand: {text}',
  'cli.checklist.check': 'check: {command}',
  'cli.checklist.action': 'action: {kind}, {count, plural, one {# finding} other {# findings}}: umc fix {rules}',
} as const;
