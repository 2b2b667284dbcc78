// The types the lab endpoint answers with, named as the real Exchange and Skype for Business types are, so
// that PowerShell's own serializer (remoting at depth 1, Export-Clixml at depth 2) writes what a real
// Management Shell session writes. docs/lab-endpoint.md lists each type, its source page and what the
// wire keeps of it. Only what a real object exposes is declared here; the lab's own code is in
// UmcLabEndpoint.V3 (the builder that fills these objects from the snapshot file).
//
// C# 5 on purpose (Windows PowerShell 5.1's Add-Type compiles it): no auto-property initializers, no
// string interpolation, no null-conditional operators, no nameof. Each namespace holds its own using
// directives, so this text can follow the store's source in one Add-Type call.
//
// Where Microsoft documents a value's type only by what it prints (an enum whose type name no page
// gives), the property is a string: on the wire every enum becomes its text anyway (docs/lab-endpoint.md,
// "The principle"), and a made-up type name would be a fact nobody checked.
#pragma warning disable SYSLIB0057

namespace Microsoft.Exchange.Data
{
    using System;
    using System.Collections;
    using System.Collections.Generic;
    using System.Globalization;
    using System.Text.RegularExpressions;

    /// <summary>Exchange's multi-valued property: a list (non-generic IList), so PowerShell writes it as
    /// &lt;LST&gt; without properties, as the real captures show (test/fixtures/samples/get-exchangeserver-clixml-1.txt).</summary>
    public abstract class MultiValuedPropertyBase : IList
    {
        protected readonly ArrayList Items = new ArrayList();
        public int Count { get { return Items.Count; } }
        bool IList.IsReadOnly { get { return false; } }
        bool IList.IsFixedSize { get { return false; } }
        bool ICollection.IsSynchronized { get { return false; } }
        object ICollection.SyncRoot { get { return Items.SyncRoot; } }
        object IList.this[int index] { get { return Items[index]; } set { Items[index] = value; } }
        int IList.Add(object value) { return Items.Add(value); }
        void IList.Clear() { Items.Clear(); }
        bool IList.Contains(object value) { return Items.Contains(value); }
        int IList.IndexOf(object value) { return Items.IndexOf(value); }
        void IList.Insert(int index, object value) { Items.Insert(index, value); }
        void IList.Remove(object value) { Items.Remove(value); }
        void IList.RemoveAt(int index) { Items.RemoveAt(index); }
        void ICollection.CopyTo(Array array, int index) { Items.CopyTo(array, index); }
        public IEnumerator GetEnumerator() { return Items.GetEnumerator(); }
        public override string ToString()
        {
            List<string> parts = new List<string>();
            foreach (object o in Items) parts.Add(Convert.ToString(o, CultureInfo.InvariantCulture));
            return "{" + string.Join(", ", parts.ToArray()) + "}";
        }
    }

    public class MultiValuedProperty<T> : MultiValuedPropertyBase, IEnumerable<T>
    {
        public MultiValuedProperty() { }
        public MultiValuedProperty(IEnumerable<T> values) { if (values != null) foreach (T v in values) Items.Add(v); }
        public void Add(T value) { Items.Add(value); }
        public T this[int index] { get { return (T)Items[index]; } }
        IEnumerator<T> IEnumerable<T>.GetEnumerator() { foreach (object o in Items) yield return (T)o; }
    }

    public abstract class ObjectId { }

    public enum ObjectState { New = 0, Unchanged = 1, Changed = 2, Deleted = 3 }

    /// <summary>Microsoft.Exchange.Data.ConfigurableObject: the last members of every Exchange object (get-authconfig-clixml-1.txt).</summary>
    public abstract class ConfigurableObject
    {
        public ConfigurableObject() { IsValid = true; ObjectState = ObjectState.Unchanged; }
        public bool IsValid { get; set; }
        public ObjectState ObjectState { get; set; }
    }

    /// <summary>"Version 15.1 (Build 2507.6)"; rehydrated as {Major, Minor, Build, Revision, FilePatchLevelDescription} (get-exchangeserver-clixml-1.txt).</summary>
    public class ServerVersion
    {
        private static readonly Regex Text = new Regex(@"^Version ([0-9]+)\.([0-9]+) \(Build ([0-9]+)\.([0-9]+)\)$", RegexOptions.CultureInvariant);
        public ServerVersion() { }
        public ServerVersion(string text)
        {
            Match m = Text.Match(text ?? string.Empty);
            if (!m.Success) throw new FormatException("not an Exchange server version ('Version 15.1 (Build 2507.6)'): " + text);
            Major = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            Minor = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            Build = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            Revision = int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture);
        }
        public int Major { get; set; }
        public int Minor { get; set; }
        public int Build { get; set; }
        public int Revision { get; set; }
        public string FilePatchLevelDescription { get; set; }
        public override string ToString()
        {
            return string.Format(CultureInfo.InvariantCulture, "Version {0}.{1} (Build {2}.{3})", Major, Minor, Build, Revision);
        }
    }

    public class ExchangeBuild
    {
        private readonly string text;
        public ExchangeBuild(string text) { this.text = text; }
        public override string ToString() { return text; }
    }

    /// <summary>"0.10 (14.0.100.0)": the minimum version that manages the object (get-authconfig-clixml-1.txt: Major, Minor as bytes).</summary>
    public class ExchangeObjectVersion
    {
        private static readonly Regex Text = new Regex(@"^([0-9]+)\.([0-9]+) \(([0-9.]+)\)$", RegexOptions.CultureInvariant);
        private readonly string build;
        public ExchangeObjectVersion(string text)
        {
            Match m = Text.Match(text ?? string.Empty);
            if (!m.Success) throw new FormatException("not an ExchangeObjectVersion ('0.20 (15.0.0.0)'): " + text);
            Major = byte.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            Minor = byte.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            build = m.Groups[3].Value;
        }
        public ExchangeObjectVersion NextMajorVersion { get { return new ExchangeObjectVersion((Major + 1).ToString(CultureInfo.InvariantCulture) + ".0 (0.0.0.0)"); } }
        public ExchangeObjectVersion NextMinorVersion { get { return new ExchangeObjectVersion(Major.ToString(CultureInfo.InvariantCulture) + "." + (Minor + 1).ToString(CultureInfo.InvariantCulture) + " (0.0.0.0)"); } }
        public byte Major { get; private set; }
        public byte Minor { get; private set; }
        public ExchangeBuild ExchangeBuild { get { return new ExchangeBuild(build); } }
        public override string ToString() { return string.Format(CultureInfo.InvariantCulture, "{0}.{1} ({2})", Major, Minor, build); }
    }

    public abstract class LongPath { }

    /// <summary>A local path (DataPath, IrmLogPath): PathName, IsLocalFull, IsUnc, DriveName (get-exchangeserver-clixml-1.txt).</summary>
    public class LocalLongFullPath : LongPath
    {
        public LocalLongFullPath(string path) { PathName = path; }
        public string PathName { get; private set; }
        public bool IsLocalFull { get { return true; } }
        public bool IsUnc { get { return PathName != null && PathName.StartsWith(@"\\", StringComparison.Ordinal); } }
        public string DriveName { get { return PathName != null && PathName.Length >= 2 && PathName[1] == ':' ? PathName.Substring(0, 2) : null; } }
        public override string ToString() { return PathName; }
    }

    public enum ServerEditionType { Unknown = 0, Standard = 1, StandardEvaluation = 2, Enterprise = 3, EnterpriseEvaluation = 4, Coexistence = 5 }

    public class ProtocolType
    {
        private readonly string name;
        public ProtocolType(string name) { this.name = name; }
        public override string ToString() { return name; }
    }

    public abstract class ProtocolAddress
    {
        public ProtocolType ProtocolType { get; protected set; }
        public string AddressString { get; protected set; }
        public override string ToString() { return ProtocolType + ":" + AddressString; }
    }

    public abstract class NetworkAddress : ProtocolAddress { }

    /// <summary>"ncacn_ip_tcp:host": ProtocolType and AddressString (get-exchangeserver-clixml-1.txt).</summary>
    public class CustomNetworkAddress : NetworkAddress
    {
        public CustomNetworkAddress(string text)
        {
            int at = (text ?? string.Empty).IndexOf(':');
            if (at <= 0) throw new FormatException("not a network address ('ncacn_ip_tcp:host'): " + text);
            ProtocolType = new ProtocolType(text.Substring(0, at));
            AddressString = text.Substring(at + 1);
        }
    }

    public class ProtocolAddressCollection<T> : MultiValuedProperty<T> where T : ProtocolAddress { }

    public class NetworkAddressCollection : ProtocolAddressCollection<NetworkAddress> { }

    /// <summary>Values Exchange prints as text (a time span "30.00:00:00", a size "250 MB (262,144,000 bytes)",
    /// "Unlimited", an FQDN, an SMTP address, a schedule): over remoting each is its text (docs/lab-endpoint.md).</summary>
    public abstract class TextValue
    {
        private readonly string text;
        protected TextValue(string text) { this.text = text; }
        public override string ToString() { return text; }
    }

    public sealed class EnhancedTimeSpan : TextValue { public EnhancedTimeSpan(string text) : base(text) { } }
    public sealed class ByteQuantifiedSize : TextValue { public ByteQuantifiedSize(string text) : base(text) { } }
    public sealed class Unlimited<T> : TextValue { public Unlimited(string text) : base(text) { } }
    public sealed class Fqdn : TextValue { public Fqdn(string text) : base(text) { } }
    public sealed class SmtpAddress : TextValue { public SmtpAddress(string text) : base(text) { } }
    public sealed class ScheduleInterval : TextValue { public ScheduleInterval(string text) : base(text) { } }
    public sealed class ProtocolConnectionSettings : TextValue { public ProtocolConnectionSettings(string text) : base(text) { } }
    public sealed class UMSmartHost : TextValue { public UMSmartHost(string text) : base(text) { } }
    public sealed class CustomMenuKeyMapping : TextValue { public CustomMenuKeyMapping(string text) : base(text) { } }
}

namespace Microsoft.Exchange.Data.Directory
{
    using System;
    using System.Collections.Generic;
    using Microsoft.Exchange.Data;

    /// <summary>
    /// An AD object's id. Its text is the object's name for most configuration objects, or its canonical
    /// path (litwareinc.com/Configuration/Sites/Atlanta); rehydrated, it has the members below
    /// (get-exchangeserver-clixml-1.txt, Site; get-authconfig-clixml-1.txt, Identity and Id).
    /// </summary>
    public class ADObjectId : ObjectId
    {
        private readonly string text;
        private readonly string name;
        private readonly string dn;
        private readonly Guid guid;

        public ADObjectId(string text) : this(text, null, Guid.Empty) { }

        public ADObjectId(string text, string distinguishedName, Guid objectGuid)
        {
            this.text = text ?? string.Empty;
            int slash = this.text.LastIndexOf('/');
            name = slash >= 0 ? this.text.Substring(slash + 1) : this.text;
            dn = distinguishedName ?? CanonicalToDn(this.text);
            guid = objectGuid;
        }

        // "litwareinc.com/Configuration/Sites/Atlanta" -> "CN=Atlanta,CN=Sites,CN=Configuration,DC=litwareinc,DC=com"; a bare name has no DN.
        private static string CanonicalToDn(string canonical)
        {
            string[] parts = canonical.Split('/');
            if (parts.Length < 2 || parts[0].IndexOf('.') < 0) return string.Empty;
            List<string> rdns = new List<string>();
            for (int i = parts.Length - 1; i >= 1; i--) rdns.Add("CN=" + parts[i]);
            foreach (string dc in parts[0].Split('.')) rdns.Add("DC=" + dc);
            return string.Join(",", rdns.ToArray());
        }

        private string[] Rdns { get { return string.IsNullOrEmpty(dn) ? new string[0] : dn.Split(','); } }

        public object OrgHierarchyToIgnore { get { return null; } }
        public bool IsDeleted { get { return false; } }
        public string Rdn { get { string[] r = Rdns; return r.Length > 0 ? r[0] : "CN=" + name; } }
        public ADObjectId Parent
        {
            get
            {
                int slash = text.LastIndexOf('/');
                if (slash <= 0) return null;
                string[] r = Rdns;
                string parentDn = r.Length > 1 ? string.Join(",", r, 1, r.Length - 1) : null;
                return new ADObjectId(text.Substring(0, slash), parentDn, Guid.Empty);
            }
        }
        public int Depth { get { return Rdns.Length; } }
        public string DistinguishedName { get { return dn; } }
        public bool IsRelativeDn { get { return string.IsNullOrEmpty(dn); } }
        public ADObjectId DomainId
        {
            get
            {
                List<string> dcs = new List<string>();
                foreach (string r in Rdns) if (r.StartsWith("DC=", StringComparison.OrdinalIgnoreCase)) dcs.Add(r.Substring(3));
                return dcs.Count == 0 ? null : new ADObjectId(string.Join(".", dcs.ToArray()), "DC=" + string.Join(",DC=", dcs.ToArray()), Guid.Empty);
            }
        }
        public Guid PartitionGuid { get { return Guid.Empty; } }
        public string PartitionFQDN { get { ADObjectId d = DomainId; return d == null ? null : d.ToString(); } }
        public Guid ObjectGuid { get { return guid; } }
        public string Name { get { return name; } }
        public override string ToString() { return text; }
    }

    public class OrganizationId
    {
        public ADObjectId OrganizationalUnit { get { return null; } }
        public ADObjectId ConfigurationUnit { get { return null; } }
        public bool IsConsumerOrganization { get { return false; } }
        public string IdForEventLog { get { return string.Empty; } }
        public override string ToString() { return string.Empty; }
    }

    public abstract class ADRawEntry : ConfigurableObject
    {
        public string OriginatingServer { get; set; }
    }

    /// <summary>The envelope of every Exchange AD object, in the order the real objects list it (get-authconfig-clixml-1.txt).</summary>
    public abstract class ADObject : ADRawEntry
    {
        public ADObject()
        {
            ObjectClass = new MultiValuedProperty<string>();
            OrganizationId = new OrganizationId();
        }
        public string AdminDisplayName { get; set; }
        public ExchangeObjectVersion ExchangeVersion { get; set; }
        public string DistinguishedName { get; set; }
        public ADObjectId Identity { get; set; }
        public Guid Guid { get; set; }
        public ADObjectId ObjectCategory { get; set; }
        public MultiValuedProperty<string> ObjectClass { get; set; }
        public DateTime? WhenChanged { get; set; }
        public DateTime? WhenCreated { get; set; }
        public DateTime? WhenChangedUTC { get { return WhenChanged.HasValue ? (DateTime?)WhenChanged.Value.ToUniversalTime() : null; } }
        public DateTime? WhenCreatedUTC { get { return WhenCreated.HasValue ? (DateTime?)WhenCreated.Value.ToUniversalTime() : null; } }
        public OrganizationId OrganizationId { get; set; }
        /// <summary>The same object as Identity (a &lt;Ref&gt; in the real captures).</summary>
        public ADObjectId Id { get { return Identity; } }
    }
}

namespace Microsoft.Exchange.Data.Directory.SystemConfiguration
{
    using System;
    using Microsoft.Exchange.Data;
    using Microsoft.Exchange.Data.Directory;

    /// <summary>The values of the AD attribute msExchCurrentServerRoles; Mailbox = 2 is in get-exchangeserver-clixml-1.txt.</summary>
    [Flags]
    public enum ServerRole { None = 0, Mailbox = 2, ClientAccess = 4, UnifiedMessaging = 16, HubTransport = 32, Edge = 64 }

    // UM enums: members as the Set-/New-UM* reference pages list them (before 2019 the syntax blocks listed them);
    // UMVoIPSecurityType in the SDK's member order (learn.microsoft.com/previous-versions/office/exchange-server-api/ff328374(v=exchg.150)).
    public enum UMVoIPSecurityType { SIPSecured, Unsecured, Secured }
    public enum UMURIType { TelExtn, E164, SipName }
    public enum UMSubscriberType { Enterprise, Consumer }
    public enum UMGlobalCallRoutingScheme { None, E164, GatewayGuid, Reserved1, Reserved2, Reserved3 }
    public enum AudioCodecEnum { G711, Wma, Gsm, Mp3 }
    public enum CallSomeoneScopeEnum { DialPlan, GlobalAddressList, Extension, AutoAttendantLink, AddressList }
    public enum DialByNamePrimaryEnum { LastFirst, FirstLast, SMTPAddress }
    public enum DialByNameSecondaryEnum { LastFirst, FirstLast, SMTPAddress, None }
    public enum InfoAnnouncementEnabledEnum { True, False, Uninterruptible }
    public enum DisambiguationFieldEnum { Title, Department, Location, None, PromptForAlias, InheritFromDialPlan }
    public enum DialScopeEnum { DialPlan, GlobalAddressList, AddressList }
    public enum StatusEnum { Enabled, Disabled }
    public enum GatewayStatus { Enabled, Disabled, NoNewCalls }
    public enum ServerStatus { Enabled, Disabled, NoNewCalls }
    public enum UMStartupMode { TCP, TLS, Dual }
    public enum IPAddressFamily { IPv4Only, IPv6Only, Any }
    public enum DRMProtectionOptions { None, Private, All }

    /// <summary>Get-ExchangeCertificate's Services: None, IMAP, POP, UM, IIS, SMTP, Federation, UMCallRouter
    /// (the cmdlet's reference page); the bit values IMAP 1, POP 2, UM 4, IIS 8, SMTP 16 are those of real
    /// certificates (docs/lab-endpoint.md).</summary>
    [Flags]
    public enum AllowedServices { None = 0, IMAP = 1, POP = 2, UM = 4, IIS = 8, SMTP = 16, Federation = 32, UMCallRouter = 64 }

    public enum CertificateStatus { Unknown = 0, Valid = 1, Revoked, DateInvalid, Untrusted, Invalid, RevocationCheckFailure, PendingRequest }
    public enum CertificateAuthorityType { None = 0, ThirdParty = 1, Enterprise = 2, Registry = 3, GroupPolicy = 4, Unknown = 5 }

    public abstract class ADConfigurationObject : ADObject { }

    public class UMLanguage
    {
        private readonly string culture;
        public UMLanguage(string culture) { this.culture = culture; }
        public override string ToString() { return culture; }
    }

    /// <summary>Get-UMDialPlan (SDK UMDialPlan; docs/lab-endpoint.md).</summary>
    public class UMDialPlan : ADConfigurationObject
    {
        public UMDialPlan()
        {
            UMServers = new MultiValuedProperty<ADObjectId>();
            UMMailboxPolicies = new MultiValuedProperty<ADObjectId>();
            UMAutoAttendants = new MultiValuedProperty<ADObjectId>();
            UMIPGateway = new MultiValuedProperty<ADObjectId>();
            AccessTelephoneNumbers = new MultiValuedProperty<string>();
            PilotIdentifierList = new MultiValuedProperty<string>();
            EquivalentDialPlanPhoneContexts = new MultiValuedProperty<string>();
        }
        public string Name { get; set; }
        public int NumberOfDigitsInExtension { get; set; }
        public UMURIType URIType { get; set; }
        public UMSubscriberType SubscriberType { get; set; }
        public UMVoIPSecurityType VoIPSecurity { get; set; }
        public UMGlobalCallRoutingScheme GlobalCallRoutingScheme { get; set; }
        public string PhoneContext { get; set; }
        public MultiValuedProperty<ADObjectId> UMServers { get; set; }
        public MultiValuedProperty<ADObjectId> UMMailboxPolicies { get; set; }
        public MultiValuedProperty<ADObjectId> UMAutoAttendants { get; set; }
        public MultiValuedProperty<ADObjectId> UMIPGateway { get; set; }
        public ADObjectId UMAutoAttendant { get; set; }
        public MultiValuedProperty<string> AccessTelephoneNumbers { get; set; }
        public MultiValuedProperty<string> PilotIdentifierList { get; set; }
        public MultiValuedProperty<string> EquivalentDialPlanPhoneContexts { get; set; }
        public AudioCodecEnum AudioCodec { get; set; }
        public UMLanguage DefaultLanguage { get; set; }
        public InfoAnnouncementEnabledEnum InfoAnnouncementEnabled { get; set; }
        public DialByNamePrimaryEnum DialByNamePrimary { get; set; }
        public DialByNameSecondaryEnum DialByNameSecondary { get; set; }
        public CallSomeoneScopeEnum ContactScope { get; set; }
        public string CountryOrRegionCode { get; set; }
        public bool FaxEnabled { get; set; }
        public bool SipResourceIdentifierRequired { get; set; }
        public bool CallSomeoneEnabled { get; set; }
        public bool SendVoiceMsgEnabled { get; set; }
        public int MaxCallDuration { get; set; }
        public int MaxRecordingDuration { get; set; }
        public override string ToString() { return Name; }
    }

    /// <summary>Get-UMIPGateway (docs/lab-endpoint.md).</summary>
    public class UMIPGateway : ADConfigurationObject
    {
        public UMIPGateway() { HuntGroups = new MultiValuedProperty<string>(); }
        public string Name { get; set; }
        public UMSmartHost Address { get; set; }
        public int Port { get; set; }
        public GatewayStatus Status { get; set; }
        public bool OutcallsAllowed { get; set; }
        public bool MessageWaitingIndicatorAllowed { get; set; }
        public IPAddressFamily IPAddressFamily { get; set; }
        public bool IPAddressFamilyConfigurable { get; set; }
        public bool DelayedSourcePartyInfoEnabled { get; set; }
        public bool Simulator { get; set; }
        public UMGlobalCallRoutingScheme GlobalCallRoutingScheme { get; set; }
        public MultiValuedProperty<string> HuntGroups { get; set; }
        public override string ToString() { return Name; }
    }

    /// <summary>Get-UMHuntGroup (docs/lab-endpoint.md).</summary>
    public class UMHuntGroup : ADConfigurationObject
    {
        public string Name { get; set; }
        public ADObjectId UMDialPlan { get; set; }
        public ADObjectId UMIPGateway { get; set; }
        public string PilotIdentifier { get; set; }
        public override string ToString() { return Name; }
    }

    /// <summary>Get-UMAutoAttendant (docs/lab-endpoint.md).</summary>
    public class UMAutoAttendant : ADConfigurationObject
    {
        public UMAutoAttendant()
        {
            PilotIdentifierList = new MultiValuedProperty<string>();
            BusinessHoursKeyMapping = new MultiValuedProperty<CustomMenuKeyMapping>();
        }
        public string Name { get; set; }
        public ADObjectId UMDialPlan { get; set; }
        public StatusEnum Status { get; set; }
        public bool SpeechEnabled { get; set; }
        public bool NameLookupEnabled { get; set; }
        public MultiValuedProperty<string> PilotIdentifierList { get; set; }
        public ScheduleInterval[] BusinessHoursSchedule { get; set; }
        public MultiValuedProperty<CustomMenuKeyMapping> BusinessHoursKeyMapping { get; set; }
        public DayOfWeek WeekStartDay { get; set; }
        public string TimeZone { get; set; }
        public UMLanguage Language { get; set; }
        public InfoAnnouncementEnabledEnum InfoAnnouncementEnabled { get; set; }
        public DialScopeEnum ContactScope { get; set; }
        public DisambiguationFieldEnum MatchedNameSelectionMethod { get; set; }
        public override string ToString() { return Name; }
    }

    /// <summary>Get-UMMailboxPolicy (docs/lab-endpoint.md).</summary>
    public class UMMailboxPolicy : ADConfigurationObject
    {
        public string Name { get; set; }
        public ADObjectId UMDialPlan { get; set; }
        public int MinPINLength { get; set; }
        public Unlimited<EnhancedTimeSpan> PINLifetime { get; set; }
        public Unlimited<int> LogonFailuresBeforePINReset { get; set; }
        public Unlimited<int> MaxLogonAttempts { get; set; }
        public bool AllowSubscriberAccess { get; set; }
        public bool AllowMissedCallNotifications { get; set; }
        public bool AllowPlayOnPhone { get; set; }
        public DRMProtectionOptions ProtectAuthenticatedVoiceMail { get; set; }
        public DRMProtectionOptions ProtectUnauthenticatedVoiceMail { get; set; }
        public override string ToString() { return Name; }
    }

    /// <summary>
    /// Get-UMService (2013, 2016) and Get-UMServer (2010): the UM settings of a server. Members from the SDK's
    /// UMServer members page (learn.microsoft.com/previous-versions/office/exchange-server-api/ff337583(v=exchg.150))
    /// and Set-UMService's parameters (Status is deprecated there but still a property).
    /// </summary>
    public class UMServer : ADConfigurationObject
    {
        public UMServer() { DialPlans = new MultiValuedProperty<ADObjectId>(); }
        public string Name { get; set; }
        public UMStartupMode UMStartupMode { get; set; }
        public MultiValuedProperty<ADObjectId> DialPlans { get; set; }
        public int? MaxCallsAllowed { get; set; }
        public ServerStatus Status { get; set; }
        public IPAddressFamily IPAddressFamily { get; set; }
        public bool IPAddressFamilyConfigurable { get; set; }
        public ProtocolConnectionSettings SIPAccessService { get; set; }
        public int? SipTcpListeningPort { get; set; }
        public int? SipTlsListeningPort { get; set; }
        public bool IrmLogEnabled { get; set; }
        public EnhancedTimeSpan IrmLogMaxAge { get; set; }
        public Unlimited<ByteQuantifiedSize> IrmLogMaxDirectorySize { get; set; }
        public ScheduleInterval[] GrammarGenerationSchedule { get; set; }
        /// <summary>The certificate enabled for the UM service (Enable-ExchangeCertificate -Services UM) on this server.</summary>
        public string UMCertificateThumbprint { get; set; }
        public override string ToString() { return Name; }
    }

    /// <summary>
    /// Get-UMCallRouterSettings (2013, 2016): SIPFEServerConfiguration, whose UMCertificateThumbprint is the
    /// certificate enabled for UMCallRouter (learn.microsoft.com/previous-versions/office/exchange-server-api/jj974338(v=exchg.150)).
    /// </summary>
    public class SIPFEServerConfiguration : ADConfigurationObject
    {
        public SIPFEServerConfiguration() { DialPlans = new MultiValuedProperty<ADObjectId>(); }
        public string Name { get { return "UMCallRouterSettings"; } }
        public int? MaxCallsAllowed { get; set; }
        public int SipTcpListeningPort { get; set; }
        public int SipTlsListeningPort { get; set; }
        public UMStartupMode UMStartupMode { get; set; }
        public MultiValuedProperty<ADObjectId> DialPlans { get; set; }
        public string UMCertificateThumbprint { get; set; }
        public bool IPAddressFamilyConfigurable { get; set; }
        public IPAddressFamily IPAddressFamily { get; set; }
        public override string ToString() { return Identity == null ? Name : Identity.ToString(); }
    }

    /// <summary>Get-PartnerApplication (2013+).</summary>
    public class PartnerApplication : ADConfigurationObject
    {
        public string Name { get; set; }
        public string AuthMetadataUrl { get; set; }
        public bool Enabled { get; set; }
        public string ApplicationIdentifier { get; set; }
        public string Realm { get; set; }
        public bool AcceptSecurityIdentifierInformation { get; set; }
        public ADObjectId LinkedAccount { get; set; }
        public override string ToString() { return Name; }
    }
}

namespace Microsoft.Exchange.Data.Directory.Management
{
    using System;
    using Microsoft.Exchange.Data;
    using Microsoft.Exchange.Data.Directory;
    using Microsoft.Exchange.Data.Directory.SystemConfiguration;

    public abstract class ADPresentationObject : ADObject { }

    /// <summary>Get-ExchangeServer, members in the order of the real captures (get-exchangeserver-clixml-1.txt, -2.txt; docs/lab-endpoint.md).</summary>
    public class ExchangeServer : ADPresentationObject
    {
        public ExchangeServer()
        {
            NetworkAddress = new NetworkAddressCollection();
            StaticDomainControllers = new MultiValuedProperty<string>();
            StaticGlobalCatalogs = new MultiValuedProperty<string>();
            StaticExcludedDomainControllers = new MultiValuedProperty<string>();
            CurrentDomainControllers = new MultiValuedProperty<string>();
            CurrentGlobalCatalogs = new MultiValuedProperty<string>();
            StaticConfigDomainController = string.Empty;
            MonitoringGroup = string.Empty;
            CustomerFeedbackEnabled = true;
            ErrorReportingEnabled = true;
            IsExchange2007OrLater = true;
        }
        public string Name { get; set; }
        public LocalLongFullPath DataPath { get; set; }
        public string Domain { get; set; }
        public ServerEditionType Edition { get; set; }
        public string ExchangeLegacyDN { get; set; }
        public int ExchangeLegacyServerRole { get; set; }
        public string Fqdn { get; set; }
        public bool? CustomerFeedbackEnabled { get; set; }
        public Uri InternetWebProxy { get; set; }
        public MultiValuedProperty<string> InternetWebProxyBypassList { get; set; }
        public bool IsHubTransportServer { get; set; }
        public bool IsClientAccessServer { get; set; }
        public bool IsExchange2007OrLater { get; set; }
        public bool IsEdgeServer { get; set; }
        public bool IsMailboxServer { get; set; }
        public bool IsE14OrLater { get; set; }
        public bool IsE15OrLater { get; set; }
        public bool IsProvisionedServer { get; set; }
        public bool IsUnifiedMessagingServer { get; set; }
        public bool IsFrontendTransportServer { get; set; }
        public NetworkAddressCollection NetworkAddress { get; set; }
        public string OrganizationalUnit { get; set; }
        public ServerVersion AdminDisplayVersion { get; set; }
        public ADObjectId Site { get; set; }
        public ServerRole ServerRole { get; set; }
        public bool? ErrorReportingEnabled { get; set; }
        public bool? MitigationsEnabled { get; set; }
        public MultiValuedProperty<string> StaticDomainControllers { get; set; }
        public MultiValuedProperty<string> StaticGlobalCatalogs { get; set; }
        public string StaticConfigDomainController { get; set; }
        public MultiValuedProperty<string> StaticExcludedDomainControllers { get; set; }
        public string MonitoringGroup { get; set; }
        public MultiValuedProperty<string> CurrentDomainControllers { get; set; }
        public MultiValuedProperty<string> CurrentGlobalCatalogs { get; set; }
        public string CurrentConfigDomainController { get; set; }
        public string ProductID { get; set; }
        public bool IsExchangeTrialEdition { get; set; }
        public bool IsExpiredExchangeTrialEdition { get; set; }
        public EnhancedTimeSpan RemainingTrialPeriod { get; set; }
        public override string ToString() { return Name; }
    }

    /// <summary>Get-ClientAccessServer (2010-2019) and Get-ClientAccessService (2016, 2019) (docs/lab-endpoint.md).</summary>
    public class ClientAccessServer : ADPresentationObject
    {
        public ClientAccessServer() { AutoDiscoverSiteScope = new MultiValuedProperty<string>(); }
        public string Name { get; set; }
        public string Fqdn { get; set; }
        public Uri AutoDiscoverServiceInternalUri { get; set; }
        public MultiValuedProperty<string> AutoDiscoverSiteScope { get; set; }
        public bool OutlookAnywhereEnabled { get; set; }
        public override string ToString() { return Name; }
    }

    public class OrganizationConfig : ADPresentationObject
    {
        public string Name { get; set; }
        public override string ToString() { return Name; }
    }
}

namespace Microsoft.Exchange.Management.SystemConfigurationTasks
{
    using System;
    using System.Security.Cryptography.X509Certificates;
    using Microsoft.Exchange.Data;
    using Microsoft.Exchange.Data.Directory.SystemConfiguration;

    /// <summary>
    /// Get-ExchangeCertificate: an X509Certificate2 with Exchange's members (the cmdlet's reference page lists
    /// them). PowerShell serializes an X509Certificate2 as RawData only, so over remoting only the certificate's
    /// bytes arrive (test/fixtures/samples/get-exchangecertificate-clixml-*.txt); the members below stay here.
    /// </summary>
    public class ExchangeCertificate : X509Certificate2
    {
        public ExchangeCertificate(byte[] rawData) : base(rawData)
        {
            CertificateDomains = new MultiValuedProperty<string>();
        }
        public AllowedServices Services { get; set; }
        public string ServicesStringForm { get { return Services.ToString(); } }
        public CertificateStatus Status { get; set; }
        public CertificateAuthorityType RootCAType { get; set; }
        public bool IsSelfSigned { get; set; }
        public MultiValuedProperty<string> CertificateDomains { get; set; }
        public string Identity { get; set; }
        public bool PrivateKeyExportable { get; set; }
    }
}

namespace Microsoft.Exchange.Management.RecipientTasks
{
    using Microsoft.Exchange.Data;
    using Microsoft.Exchange.Data.Directory;

    /// <summary>Get-ADPermission: one access control entry of an AD object.</summary>
    public class ADAcePresentationObject : ConfigurableObject
    {
        public ADObjectId Identity { get; set; }
        public string User { get; set; }
        public string AccessRights { get; set; }
        public string[] ExtendedRights { get; set; }
        public string InheritanceType { get; set; }
        public bool IsInherited { get; set; }
        public bool Deny { get; set; }
        public override string ToString() { return Identity == null ? string.Empty : Identity.ToString(); }
    }
}

namespace Microsoft.Rtc.Management.Xds
{
    using System.Collections.Generic;

    /// <summary>Get-CsSipDomain returns Microsoft.Rtc.Management.Xds.SipDomain (the cmdlet's reference page, OUTPUTS).</summary>
    public class SipDomain
    {
        public string Identity { get; set; }
        public string Name { get; set; }
        public bool IsDefault { get; set; }
        public bool Authoritative { get; set; }
        public override string ToString() { return Identity; }
    }

    /// <summary>Get-CsService: DisplayRegistrar, DisplayMediationServer, DisplayPstnGateway (Set-CsRegistrar,
    /// Set-CsMediationServer, Set-CsPstnGateway reference pages, OUTPUTS); common members as the real FL output
    /// lists them (test/fixtures/samples/get-csservice-webserver-fl-1.txt).</summary>
    public abstract class DisplayService
    {
        protected DisplayService() { DependentServiceList = new List<string>(); }
        public string Identity { get; set; }
        public string PoolFqdn { get; set; }
        public string SiteId { get; set; }
        public string ServiceId { get; set; }
        public string Role { get; set; }
        public int Version { get; set; }
        public List<string> DependentServiceList { get; set; }
        public override string ToString() { return Identity; }
    }

    public class DisplayRegistrar : DisplayService
    {
        public int SipPort { get; set; }
        public int WebServicesPort { get; set; }
    }

    public class DisplayMediationServer : DisplayService
    {
        public string Registrar { get; set; }
        public int SipServerTcpPort { get; set; }
        public int SipServerTlsPort { get; set; }
        public int AudioPortStart { get; set; }
        public int AudioPortCount { get; set; }
    }

    public class DisplayPstnGateway : DisplayService
    {
        public int GatewaySipPort { get; set; }
        public string GatewaySipProtocol { get; set; }
    }
}

namespace Microsoft.Rtc.Management.Deploy.Internal
{
    using System.Collections.Generic;

    /// <summary>Get-CsSite returns Microsoft.Rtc.Management.Deploy.Internal.Site+CentralSite (the cmdlet's reference page, OUTPUTS).</summary>
    public abstract class Site
    {
        protected Site() { Pools = new List<string>(); }
        public string Identity { get; set; }
        public int SiteId { get; set; }
        public string SiteType { get; set; }
        public string DisplayName { get; set; }
        public string Description { get; set; }
        public string ParentSite { get; set; }
        public List<string> Pools { get; set; }
        public string FederationRoute { get; set; }
        public override string ToString() { return Identity; }

        public class CentralSite : Site { }
        public class BranchSite : Site { }
    }

    /// <summary>Get-CsPool returns Microsoft.Rtc.Management.Deploy.Internal.Cluster (the cmdlet's reference page, OUTPUTS).</summary>
    public class Cluster
    {
        public Cluster() { Services = new List<string>(); Computers = new List<string>(); }
        public string Identity { get; set; }
        public string Fqdn { get; set; }
        public string Site { get; set; }
        public List<string> Services { get; set; }
        public List<string> Computers { get; set; }
        public override string ToString() { return Identity; }
    }
}

namespace Microsoft.Rtc.Management.WritableConfig.Policy.Voice
{
    using System;
    using System.Collections.Generic;
    using System.Globalization;

    /// <summary>One rule of a dial plan; it prints as "Description=;Pattern=^(\d+)$;Translation=$1;Name=KeepAll;IsInternalExtension=False"
    /// (test/fixtures/samples/get-csdialplan-fl-1.txt).</summary>
    public class NormalizationRule
    {
        public NormalizationRule(string text)
        {
            foreach (string part in (text ?? string.Empty).Split(';'))
            {
                int eq = part.IndexOf('=');
                if (eq < 0) continue;
                string key = part.Substring(0, eq);
                string value = part.Substring(eq + 1);
                if (key == "Description") Description = value;
                else if (key == "Pattern") Pattern = value;
                else if (key == "Translation") Translation = value;
                else if (key == "Name") Name = value;
                else if (key == "IsInternalExtension") IsInternalExtension = string.Equals(value, "True", StringComparison.OrdinalIgnoreCase);
            }
        }
        public string Description { get; set; }
        public string Pattern { get; set; }
        public string Translation { get; set; }
        public string Name { get; set; }
        public bool IsInternalExtension { get; set; }
        public override string ToString()
        {
            return "Description=" + Description + ";Pattern=" + Pattern + ";Translation=" + Translation + ";Name=" + Name + ";IsInternalExtension=" + (IsInternalExtension ? "True" : "False");
        }
    }

    /// <summary>Get-CsDialPlan returns LocationProfile; members as the real FL output lists them (get-csdialplan-fl-1.txt).</summary>
    public class LocationProfile
    {
        public LocationProfile() { NormalizationRules = new List<NormalizationRule>(); }
        public string Identity { get; set; }
        public string Description { get; set; }
        public string DialinConferencingRegion { get; set; }
        public List<NormalizationRule> NormalizationRules { get; set; }
        public string CountryCode { get; set; }
        public string State { get; set; }
        public string City { get; set; }
        public string ExternalAccessPrefix { get; set; }
        public string SimpleName { get; set; }
        public bool OptimizeDeviceDialing { get; set; }
        public override string ToString() { return Identity; }
    }

    /// <summary>
    /// Get-CsHostedVoicemailPolicy returns HostedVoicemailPolicy (its reference page, OUTPUTS); the members are the
    /// properties New-CsHostedVoicemailPolicy sets: Identity, Description, Destination, Organization.
    /// </summary>
    public class HostedVoicemailPolicy
    {
        public string Identity { get; set; }
        public string Description { get; set; }
        public string Destination { get; set; }
        public string Organization { get; set; }
        public override string ToString() { return Identity; }
    }
}

namespace Microsoft.Rtc.Management.WritableConfig.Settings.Media
{
    /// <summary>Set-CsMediaConfiguration -EncryptionLevel: RequireEncryption, SupportEncryption, DoNotSupportEncryption.</summary>
    public enum EncryptionLevel { SupportEncryption, RequireEncryption, DoNotSupportEncryption }

    public class MediaSettings
    {
        public string Identity { get; set; }
        public EncryptionLevel EncryptionLevel { get; set; }
        public string MaxVideoRateAllowed { get; set; }
        public bool EnableQoS { get; set; }
        public bool EnableSiren { get; set; }
        public bool EnableInCallQoS { get; set; }
        public int InCallQoSIntervalSeconds { get; set; }
        public bool EnableRtpRtcpMultiplexing { get; set; }
        public override string ToString() { return Identity; }
    }
}

namespace Microsoft.Rtc.Management.WritableConfig.Settings.SSAuth
{
    using System.Collections.Generic;

    public class OAuthSettings
    {
        public OAuthSettings() { PartnerApplications = new List<string>(); OAuthServers = new List<string>(); }
        public string Identity { get; set; }
        public List<string> PartnerApplications { get; set; }
        public List<string> OAuthServers { get; set; }
        public string Realm { get; set; }
        public string ExchangeAutodiscoverUrl { get; set; }
        public string ExchangeAutodiscoverAllowedDomains { get; set; }
        public string ClientAuthorizationOAuthServerIdentity { get; set; }
        public string ServiceName { get; set; }
        public override string ToString() { return Identity; }
    }

    /// <summary>Get-CsPartnerApplication returns PartnerApplication#Decorated (docs/lab-endpoint.md).</summary>
    public class PartnerApplication
    {
        public string Identity { get; set; }
        public string AuthToken { get; set; }
        public string ApplicationIdentifier { get; set; }
        public string Realm { get; set; }
        public string ApplicationTrustLevel { get; set; }
        public bool AcceptSecurityIdentifierInformation { get; set; }
        public bool Enabled { get; set; }
        public string MetadataUrl { get; set; }
        public override string ToString() { return Identity; }
    }
}

namespace Microsoft.Rtc.Management.ADConnect.Schema
{
    using System.Collections.Generic;

    /// <summary>Get-CsExUmContact returns OCSADExUmContact (Get-CsExUmContact reference page, OUTPUTS).</summary>
    public class OCSADExUmContact
    {
        public OCSADExUmContact() { OtherIpPhone = new List<string>(); }
        public string Identity { get; set; }
        public string RegistrarPool { get; set; }
        public string HomeServer { get; set; }
        public string DisplayName { get; set; }
        public string SipAddress { get; set; }
        public string DisplayNumber { get; set; }
        public string LineURI { get; set; }
        public List<string> OtherIpPhone { get; set; }
        public bool AutoAttendant { get; set; }
        public bool IsSubscriberAccess { get; set; }
        public bool Enabled { get; set; }
        public bool EnterpriseVoiceEnabled { get; set; }
        public bool ExUmEnabled { get; set; }
        public string HostedVoicemailPolicy { get; set; }
        public string Description { get; set; }
        public string ExchangeArchivingPolicy { get; set; }
        public override string ToString() { return Identity; }
    }
}

namespace Microsoft.Rtc.Management.Deployment
{
    using System;
    using System.Collections.Generic;

    /// <summary>Get-CsCertificate -Type values (the cmdlet's reference page; OAuthTokenIssuer from Set-CsCertificate -Type).</summary>
    public enum CertType
    {
        Default, WebServicesInternal, WebServicesExternal, Internal, External, AccessEdgeExternal, DataEdgeExternal,
        AudioVideoAuthentication, XmppServer, iPhoneAPNService, iPadAPNService, MPNService, PICWebService, ProvisionService,
        WsFedTokenTransfer, OAuthTokenIssuer
    }

    /// <summary>Get-CsCertificate returns CertificateReference: the members of the real output, in its order
    /// (test/fixtures/samples/get-cscertificate-fl-1.txt). The certificate's bytes are not among them.</summary>
    public class CertificateReference
    {
        public CertificateReference() { AlternativeNames = new List<string>(); }
        public string Issuer { get; set; }
        public DateTime NotAfter { get; set; }
        public DateTime NotBefore { get; set; }
        public string SerialNumber { get; set; }
        public string Subject { get; set; }
        public List<string> AlternativeNames { get; set; }
        public string Thumbprint { get; set; }
        public CertType Use { get; set; }
        public override string ToString() { return Thumbprint; }
    }
}

namespace Microsoft.Rtc.SyntheticTransactions
{
    using System;

    /// <summary>
    /// Test-CsOUPermission returns Microsoft.Rtc.SyntheticTransactions.TaskOutput (its reference page, OUTPUTS);
    /// the members are those Microsoft shows for TaskOutput: TargetFqdn, Result (Success / Failure), Latency,
    /// Error, Diagnosis ("Testing the ability of a user to log on to Lync Server 2013",
    /// https://technet.microsoft.com/en-us/library/Dn743841(v=OCS.15)).
    /// </summary>
    public class TaskOutput
    {
        public string TargetFqdn { get; set; }
        public string Result { get; set; }
        public TimeSpan Latency { get; set; }
        public string Error { get; set; }
        public string Diagnosis { get; set; }
        public override string ToString() { return Result; }
    }
}
