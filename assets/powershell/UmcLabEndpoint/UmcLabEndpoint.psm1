<#
  UmcLabEndpoint: the Exchange and Skype for Business cmdlets the console calls, answered from a
  snapshot file (docs/snapshot-format.md). LAB USE ONLY.

  Initialize-UmcLabEndpoint -Path <file> [-Writable] [-ExchangeVersion 2010|2013|2016|2019]
  [-SkypeVersion 2013|2015|2019] [-Withhold <cmdlet>...] reads the file once. The file is the org's truth
  (what the servers know); the cmdlets answer with objects of the real .NET types (UmcLabEndpoint.Types.cs:
  ExchangeServer, ADObjectId, ServerVersion, [Flags] ServerRole, MultiValuedProperty<T>, ExchangeCertificate
  deriving from X509Certificate2, Microsoft.Rtc.Management.* ...) built from it, so that PowerShell's own
  serializer (remoting at depth 1, Export-Clixml at depth 2) writes what a real Management Shell writes and
  the wire loses what a real one loses (an Exchange certificate arrives as its RawData only). The three user
  sections (Get-CsUser, Get-Mailbox, Get-UMMailbox) stay the file's objects under the real type names: the
  serializer writes them alike, and 1,000 typed objects per page would cost more than the page.
  A version profile (docs/lab-endpoint.md) offers only that version's cmdlets and parameters, and shows the
  org as that version would (server versions and roles, Exchange 2010 UM servers on each dial plan, no UM on
  2019, topology versions); -Withhold removes cmdlets as an RBAC role assignment would. Each value of the
  file keeps its form: strings byte for byte, arrays as arrays, integers as Int32 (Int64 when larger), every
  date string ("/Date(ms)/" or ISO 8601) a [DateTime] of kind Utc.

  How: ConvertFrom-Json needs ~16 s and 2 GB for a 100,000-user snapshot, so a small C# reader
  (compiled once per process with Add-Type; C# 5, so Windows PowerShell 5.1 compiles it too) keeps
  the file's UTF-8 bytes, the offset of every section object and the few identity keys of each
  object, and builds the objects of a call only when the call returns them.

  -Filter (Get-Mailbox, Get-UMMailbox, Get-CsUser, Get-CsExUmContact) accepts only:
      <Property> -like '<prefix>*' [ -and <Property> -notlike '<prefix>*' ]...
  (PrimarySmtpAddress for the mailbox cmdlets, SipAddress for the Skype ones; case-insensitive
  prefix match). A prefix query is a binary search over the keys sorted once per section. As on a real
  server, PrimarySmtpAddress matches every SMTP address of the mailbox (EmailAddresses), so a mailbox
  can answer two partitions (https://learn.microsoft.com/powershell/exchange/filter-properties).

  Faults, for the console's tests: if $env:UMC_LAB_FAULT_FILE names a file that exists, every cmdlet
  reads it (JSON) when called:  { "<Cmdlet-Name>": { "delayMs": 5000, "noise": true, "throw": "message" } }
    delayMs  sleep first, in 50 ms steps (so Stop/Ctrl-C ends the call);
    blockMs  block the thread (a native wait Stop cannot interrupt: the console must kill the host);
    noise    write to every stream (host with ANSI colours, warning, verbose, debug, information,
             progress, and raw console stdout/stderr lines that look like host frames, with non-ASCII text);
    throw    a terminating error: InvalidOperationException(message), category InvalidOperation,
             errorId '<Cmdlet>.LabFault', TargetObject = the cmdlet name;
    signal   a file path: the process id is written there first (a test then knows the call got there).
  A key '<Cmdlet>.afterWrite' (New-, Set-, Move-, Remove-CsExUmContact) applies the same faults once the
  change is saved, before the cmdlet answers: a test kills the host there to lose the answer of an
  applied change.
  Without the variable, or when the file does not exist, the cost is one Test-Path.

  Writes (docs/live-sessions.md "Writes"): New-, Set-, Move-, Remove-CsExUmContact and
  Test-CsOUPermission behave as the Skype for Business cmdlets are documented (docs/contact-objects.md §2; rules
  R-C-01..04, 07, 09, 10): a refused value is a terminating error '<Cmdlet>.<Reason>' (InvalidSipAddress,
  SipAddressInUse, InvalidDisplayNumber, DisplayNumberInUse, RegistrarPoolNotFound, LegacyRegistrarPool,
  OUNotFound, OUAccessDenied, AccessDenied, DescriptionTooLong, NotFound, AmbiguousIdentity) whose
  TargetObject is the offending value. They change the snapshot file only when the endpoint was initialized
  with -Writable (else 'UmcLabEndpoint.ReadOnly': the shipped lab file is never written), by splicing the one
  contact object into skype.exUmContacts.objects (every other byte kept), into a temporary file in the same
  directory, flushed, that replaces the snapshot in one rename; then the index is rebuilt. Writers of one file
  take turns through an exclusive handle on '<file>.lock'; a file another process changed (length or last
  write time) is read again before any read or write. A write that fails leaves the file as it was
  ('UmcLabEndpoint.WriteFailed').

  The lab directory (Get-OrganizationalUnit, Get-Group, Get-User, Test-CsOUPermission, and who may write):
  the domain is the DC= part of the contacts' DNs (else the first SIP domain); the OUs are the contacts' OUs
  with their parents, OU=Users and OU=Locked Contacts; the RTC groups hold no rights on OU=Locked Contacts
  (nor below it), so Test-CsOUPermission's TaskOutput says Failure there (rule R-C-09), Success elsewhere;
  Get-OrganizationalUnit answers 1,000 OUs unless -ResultSize says otherwise; the operator <NETBIOS>\umcadmin
  (NETBIOS = the first DC label in upper case) is a member of RTCUniversalServerAdmins and
  RTCUniversalUserAdmins (and of Exchange's Organization Management). If $env:UMC_LAB_DIRECTORY_FILE names a file that exists, it is read (JSON) at
  every call, and each member present replaces that part of the default:
      { "operator":  "LITWAREINC\\someone",
        "ous":       ["OU=RTC Special Accounts,DC=litwareinc,DC=com", ...],     every OU (DNs)
        "deniedOus": ["OU=Locked Contacts,DC=litwareinc,DC=com"],            no rights there nor below
        "groups":    { "RTCUniversalServerAdmins": [], "RTCUniversalUserAdmins": ["LITWAREINC\\umcadmin"] } }
  Group members are DOMAIN\account (each becomes a user in OU=Users) or canonical names kept as given.
  The write cmdlets refuse an operator who is not in RTCUniversalUserAdmins (their RBAC role, docs/contact-objects.md §2).

  No parameter value is ever evaluated as code: values are compared as data only.
  This file is ASCII on purpose (Windows PowerShell 5.1 reads a BOM-less script as ANSI).
#>

$script:Store = $null
$script:DataPath = $null
$script:DcName = 'localhost'
$script:Writable = $false
$script:DomainDn = 'DC=lab,DC=local'
$script:ContactOus = @()
$script:DirectoryCache = $null
$script:DirectoryStamp = $null
$script:TypesPath = Join-Path $PSScriptRoot 'UmcLabEndpoint.Types.cs'

# The reader, compiled once per process (Initialize-UmcLabEndpoint). A type cannot be replaced in a
# running process: change the namespace (V2 -> V3) whenever this source changes.
$script:StoreSource = @'
using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace UmcLabEndpoint.V3
{
    public sealed class SnapshotFormatException : Exception
    {
        public SnapshotFormatException(string message) : base(message) { }
    }

    internal sealed class PrefixIndex
    {
        public string[] Keys;
        public int[] Idx;
    }

    internal sealed class Section
    {
        public string Name;
        public int[] Starts;
        public int[] Ends;
        public string[] KeyProps;
        public string[][] Keys;
        public Dictionary<string, PrefixIndex> Prefix = new Dictionary<string, PrefixIndex>(StringComparer.OrdinalIgnoreCase);
        // Every SMTP address of each object (AddressQuery), built on first use.
        public PrefixIndex Addresses;
        // Where the section is in the file, for the writes (Store.Commit): the '"' of its name, its '{',
        // the '"' of its "objects" member and that array's '[' and ']' (-1 when absent).
        public int KeyPos = -1;
        public int Open = -1;
        public int ObjectsKeyPos = -1;
        public int ArrOpen = -1;
        public int ArrClose = -1;

        public Section Shifted(int after, int delta)
        {
            Section c = new Section();
            c.Name = Name;
            c.KeyProps = KeyProps;
            c.Keys = Keys;
            c.Prefix = Prefix;
            c.Addresses = Addresses;
            c.Starts = new int[Starts.Length];
            c.Ends = new int[Ends.Length];
            for (int i = 0; i < Starts.Length; i++) { c.Starts[i] = Sh(Starts[i], after, delta); c.Ends[i] = Sh(Ends[i], after, delta); }
            c.KeyPos = Sh(KeyPos, after, delta);
            c.Open = Sh(Open, after, delta);
            c.ObjectsKeyPos = Sh(ObjectsKeyPos, after, delta);
            c.ArrOpen = Sh(ArrOpen, after, delta);
            c.ArrClose = Sh(ArrClose, after, delta);
            return c;
        }

        private static int Sh(int p, int after, int delta) { return p >= after ? p + delta : p; }
    }

    internal sealed class Reader
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private static readonly Regex MsDate = new Regex(@"^/Date\((-?[0-9]{1,16})(?:[+-][0-9]{4})?\)/$", RegexOptions.CultureInvariant);
        private static readonly Regex IsoDate = new Regex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,7})?)?(?:Z|[+-][0-9]{2}:[0-9]{2})?$", RegexOptions.CultureInvariant);
        private static readonly object BoxedTrue = true;
        private static readonly object BoxedFalse = false;
        private const int MaxDepth = 128;

        private readonly byte[] d;
        private readonly int end;
        public int P;

        public Reader(byte[] data, int start)
        {
            d = data;
            end = data.Length;
            P = start;
        }

        public SnapshotFormatException Fail(string what)
        {
            return new SnapshotFormatException("the snapshot is not valid JSON at byte " + P.ToString(CultureInfo.InvariantCulture) + ": " + what);
        }

        public void Ws()
        {
            while (P < end)
            {
                byte b = d[P];
                if (b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09) P++; else break;
            }
        }

        public byte Peek()
        {
            if (P >= end) throw Fail("unexpected end of file");
            return d[P];
        }

        public void Expect(byte c)
        {
            if (P >= end || d[P] != c) throw Fail("expected '" + (char)c + "'");
            P++;
        }

        // Object members: call First after '{', then Next after each value. Both leave P on the value.
        public bool BeginObject()
        {
            Expect((byte)'{');
            Ws();
            if (Peek() == (byte)'}') { P++; return false; }
            return true;
        }

        public string MemberName()
        {
            Ws();
            if (Peek() != (byte)'"') throw Fail("expected a property name");
            string name = ReadString();
            Ws();
            Expect((byte)':');
            Ws();
            return name;
        }

        public bool NextMember()
        {
            Ws();
            byte b = Peek();
            P++;
            if (b == (byte)',') return true;
            if (b == (byte)'}') return false;
            P--;
            throw Fail("expected ',' or '}'");
        }

        public bool BeginArray()
        {
            Expect((byte)'[');
            Ws();
            if (Peek() == (byte)']') { P++; return false; }
            return true;
        }

        public bool NextElement()
        {
            Ws();
            byte b = Peek();
            P++;
            if (b == (byte)',') { Ws(); return true; }
            if (b == (byte)']') return false;
            P--;
            throw Fail("expected ',' or ']'");
        }

        public string ReadString()
        {
            Expect((byte)'"');
            int start = P;
            while (true)
            {
                if (P >= end) throw Fail("unterminated string");
                byte b = d[P];
                if (b == (byte)'"') { string s = Encoding.UTF8.GetString(d, start, P - start); P++; return s; }
                if (b == (byte)'\\') break;
                if (b < 0x20) throw Fail("control character in a string");
                P++;
            }
            StringBuilder sb = new StringBuilder(Encoding.UTF8.GetString(d, start, P - start));
            while (true)
            {
                if (P >= end) throw Fail("unterminated string");
                byte b = d[P];
                if (b == (byte)'"') { P++; return sb.ToString(); }
                if (b < 0x20) throw Fail("control character in a string");
                if (b != (byte)'\\')
                {
                    int runStart = P;
                    while (P < end && d[P] != (byte)'"' && d[P] != (byte)'\\' && d[P] >= 0x20) P++;
                    sb.Append(Encoding.UTF8.GetString(d, runStart, P - runStart));
                    continue;
                }
                P++;
                if (P >= end) throw Fail("unterminated string");
                byte e = d[P++];
                switch (e)
                {
                    case (byte)'"': sb.Append('"'); break;
                    case (byte)'\\': sb.Append('\\'); break;
                    case (byte)'/': sb.Append('/'); break;
                    case (byte)'b': sb.Append('\b'); break;
                    case (byte)'f': sb.Append('\f'); break;
                    case (byte)'n': sb.Append('\n'); break;
                    case (byte)'r': sb.Append('\r'); break;
                    case (byte)'t': sb.Append('\t'); break;
                    case (byte)'u':
                        {
                            int v = 0;
                            for (int k = 0; k < 4; k++)
                            {
                                if (P >= end) throw Fail("unterminated \\u escape");
                                int h = Hex(d[P++]);
                                if (h < 0) throw Fail("bad \\u escape");
                                v = (v << 4) | h;
                            }
                            sb.Append((char)v);
                            break;
                        }
                    default:
                        P--;
                        throw Fail("bad escape");
                }
            }
        }

        private static int Hex(byte b)
        {
            if (b >= (byte)'0' && b <= (byte)'9') return b - '0';
            if (b >= (byte)'a' && b <= (byte)'f') return b - 'a' + 10;
            if (b >= (byte)'A' && b <= (byte)'F') return b - 'A' + 10;
            return -1;
        }

        private void Literal(string word)
        {
            for (int k = 0; k < word.Length; k++)
            {
                if (P >= end || d[P] != (byte)word[k]) throw Fail("unexpected character");
                P++;
            }
        }

        private int NumberEnd()
        {
            int q = P;
            if (q < end && d[q] == (byte)'-') q++;
            if (q >= end) throw Fail("bad number");
            if (d[q] == (byte)'0') q++;
            else if (d[q] >= (byte)'1' && d[q] <= (byte)'9') { while (q < end && d[q] >= (byte)'0' && d[q] <= (byte)'9') q++; }
            else throw Fail("bad number");
            if (q < end && d[q] == (byte)'.')
            {
                q++;
                if (q >= end || d[q] < (byte)'0' || d[q] > (byte)'9') throw Fail("bad number");
                while (q < end && d[q] >= (byte)'0' && d[q] <= (byte)'9') q++;
            }
            if (q < end && (d[q] == (byte)'e' || d[q] == (byte)'E'))
            {
                q++;
                if (q < end && (d[q] == (byte)'+' || d[q] == (byte)'-')) q++;
                if (q >= end || d[q] < (byte)'0' || d[q] > (byte)'9') throw Fail("bad number");
                while (q < end && d[q] >= (byte)'0' && d[q] <= (byte)'9') q++;
            }
            return q;
        }

        private object ReadNumber()
        {
            int q = NumberEnd();
            string text = Encoding.ASCII.GetString(d, P, q - P);
            P = q;
            bool integral = text.IndexOf('.') < 0 && text.IndexOf('e') < 0 && text.IndexOf('E') < 0;
            if (integral)
            {
                long l;
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out l))
                {
                    if (l >= int.MinValue && l <= int.MaxValue) return (int)l;
                    return l;
                }
                decimal m;
                if (decimal.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out m)) return m;
            }
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        public void Skip(int depth)
        {
            if (depth > MaxDepth) throw Fail("nested too deeply");
            byte b = Peek();
            switch (b)
            {
                case (byte)'{':
                    if (BeginObject()) { do { MemberName(); Skip(depth + 1); } while (NextMember()); }
                    return;
                case (byte)'[':
                    if (BeginArray()) { do { Skip(depth + 1); } while (NextElement()); }
                    return;
                case (byte)'"': SkipString(); return;
                case (byte)'t': Literal("true"); return;
                case (byte)'f': Literal("false"); return;
                case (byte)'n': Literal("null"); return;
                default:
                    if (b == (byte)'-' || (b >= (byte)'0' && b <= (byte)'9')) { P = NumberEnd(); return; }
                    throw Fail("unexpected character");
            }
        }

        private void SkipString()
        {
            P++;
            while (true)
            {
                if (P >= end) throw Fail("unterminated string");
                byte b = d[P++];
                if (b == (byte)'"') return;
                if (b < 0x20) { P--; throw Fail("control character in a string"); }
                if (b == (byte)'\\')
                {
                    if (P >= end) throw Fail("unterminated string");
                    byte e = d[P++];
                    if (e == (byte)'u')
                    {
                        for (int k = 0; k < 4; k++) { if (P >= end || Hex(d[P++]) < 0) throw Fail("bad \\u escape"); }
                    }
                    else if (e != (byte)'"' && e != (byte)'\\' && e != (byte)'/' && e != (byte)'b' && e != (byte)'f' && e != (byte)'n' && e != (byte)'r' && e != (byte)'t')
                    {
                        P--;
                        throw Fail("bad escape");
                    }
                }
            }
        }

        /// <summary>A value as PowerShell shows it after remoting; date strings become UTC DateTimes when convertDates.</summary>
        public object ReadValue(int depth, bool convertDates)
        {
            if (depth > MaxDepth) throw Fail("nested too deeply");
            byte b = Peek();
            switch (b)
            {
                case (byte)'{':
                    {
                        PSObject o = new PSObject();
                        if (BeginObject())
                        {
                            List<string> seen = new List<string>();
                            do
                            {
                                string name = MemberName();
                                object value = ReadValue(depth + 1, convertDates);
                                AddProperty(o, seen, name, value);
                            } while (NextMember());
                        }
                        return o;
                    }
                case (byte)'[':
                    {
                        List<object> items = new List<object>();
                        if (BeginArray()) { do { items.Add(ReadValue(depth + 1, convertDates)); } while (NextElement()); }
                        return items.ToArray();
                    }
                case (byte)'"':
                    {
                        string s = ReadString();
                        return convertDates ? DateOrString(s) : s;
                    }
                case (byte)'t': Literal("true"); return BoxedTrue;
                case (byte)'f': Literal("false"); return BoxedFalse;
                case (byte)'n': Literal("null"); return null;
                default:
                    if (b == (byte)'-' || (b >= (byte)'0' && b <= (byte)'9')) return ReadNumber();
                    throw Fail("unexpected character");
            }
        }

        private static readonly string[] Reserved = new string[] { "psbase", "psadapted", "psextended", "psobject", "pstypenames" };

        // PSObject.Properties.Add(p) validates and looks the name up again (about 4x slower); the checks
        // it makes (a name given twice, a name PowerShell reserves) are made here, so the fast overload is safe.
        private static void AddProperty(PSObject o, List<string> seen, string name, object value)
        {
            if (string.IsNullOrEmpty(name)) return;
            for (int i = 0; i < seen.Count; i++)
            {
                if (string.Equals(seen[i], name, StringComparison.OrdinalIgnoreCase))
                {
                    o.Properties[seen[i]].Value = value;
                    return;
                }
            }
            for (int i = 0; i < Reserved.Length; i++)
            {
                if (string.Equals(Reserved[i], name, StringComparison.OrdinalIgnoreCase)) return;
            }
            seen.Add(name);
            o.Properties.Add(new PSNoteProperty(name, value), true);
        }

        public static object DateOrString(string s)
        {
            if (s.Length < 9) return s;
            char c = s[0];
            if (c == '/')
            {
                Match m = MsDate.Match(s);
                if (!m.Success) return s;
                long ms;
                if (!long.TryParse(m.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out ms)) return s;
                try { return Epoch.AddMilliseconds(ms); } catch (ArgumentOutOfRangeException) { return s; }
            }
            if (c >= '0' && c <= '9' && s[4] == '-' && s.Length >= 16 && IsoDate.IsMatch(s))
            {
                DateTimeOffset dto;
                if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out dto)) return dto.UtcDateTime;
            }
            return s;
        }

        /// <summary>Reads one section object, keeping only the string values of the key properties.</summary>
        public string[] ReadKeys(string[] keyProps, int depth)
        {
            if (Peek() != (byte)'{') { Skip(depth); return null; }
            string[] values = new string[keyProps.Length];
            if (BeginObject())
            {
                do
                {
                    string name = MemberName();
                    int k = -1;
                    for (int i = 0; i < keyProps.Length; i++)
                    {
                        if (string.Equals(keyProps[i], name, StringComparison.OrdinalIgnoreCase)) { k = i; break; }
                    }
                    if (k >= 0 && Peek() == (byte)'"') values[k] = ReadString();
                    else
                    {
                        if (k >= 0) values[k] = null;
                        Skip(depth + 1);
                    }
                } while (NextMember());
            }
            return values;
        }
    }

    public sealed class Store
    {
        private static readonly string[] DefaultKeys = new string[] { "Identity", "Name" };
        private readonly byte[] data;
        private readonly Dictionary<string, Section> sections = new Dictionary<string, Section>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, object> header = new Dictionary<string, object>(StringComparer.Ordinal);
        private readonly object gate = new object();

        public string Path { get; private set; }
        public long Bytes { get { return data.LongLength; } }
        // The file as it was when read (or written by this store): another process's write changes them.
        public long StampLength { get; private set; }
        public DateTime StampTime { get; private set; }

        private Store(string path, byte[] bytes)
        {
            Path = path;
            data = bytes;
        }

        /// <summary>Reads and indexes a snapshot. keySpec: "exchange.mailboxes" -> key property names (identity lookups, prefix filters).</summary>
        public static Store Load(string path, IDictionary keySpec)
        {
            // The stamp is taken before the read: a write that lands in between makes the store look stale, never fresh.
            FileInfo fi = new FileInfo(path);
            long length = fi.Length;
            DateTime time = fi.LastWriteTimeUtc;
            byte[] bytes = File.ReadAllBytes(path);
            Store s = new Store(path, bytes);
            s.StampLength = length;
            s.StampTime = time;
            s.Scan(keySpec);
            return s;
        }

        /// <summary>Whether the file on disk is no longer the one this store holds (another process wrote it).</summary>
        public bool IsStale()
        {
            FileInfo fi = new FileInfo(Path);
            if (!fi.Exists) return false;
            return fi.Length != StampLength || fi.LastWriteTimeUtc != StampTime;
        }

        /// <summary>Serialises writers of one snapshot across processes: an exclusive handle on "path.lock" (Dispose releases it).</summary>
        public static IDisposable Lock(string path, int timeoutMs)
        {
            DateTime until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (true)
            {
                try
                {
                    return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException)
                {
                    if (DateTime.UtcNow > until) throw new TimeoutException("another process has been writing '" + path + "' for more than " + (timeoutMs / 1000).ToString(CultureInfo.InvariantCulture) + " s");
                    System.Threading.Thread.Sleep(10);
                }
            }
        }

        private static string[] KeysFor(IDictionary keySpec, string section)
        {
            if (keySpec == null || !keySpec.Contains(section)) return DefaultKeys;
            object v = keySpec[section];
            IEnumerable e = v as IEnumerable;
            if (v is string || e == null) return new string[] { Convert.ToString(v, CultureInfo.InvariantCulture) };
            List<string> list = new List<string>();
            foreach (object x in e) list.Add(Convert.ToString(x, CultureInfo.InvariantCulture));
            return list.ToArray();
        }

        private void Scan(IDictionary keySpec)
        {
            int start = 0;
            if (data.Length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) start = 3;
            Reader r = new Reader(data, start);
            r.Ws();
            if (r.P >= data.Length) throw r.Fail("the file is empty");
            if (r.Peek() != (byte)'{') throw r.Fail("a snapshot is a JSON object");
            if (r.BeginObject())
            {
                do
                {
                    string name = r.MemberName();
                    if ((name == "exchange" || name == "skype") && r.Peek() == (byte)'{')
                    {
                        if (r.BeginObject())
                        {
                            do
                            {
                                r.Ws();
                                int keyPos = r.P;
                                string section = name + "." + r.MemberName();
                                if (r.Peek() == (byte)'{')
                                {
                                    int open = r.P;
                                    ScanSection(r, section, KeysFor(keySpec, section));
                                    sections[section].KeyPos = keyPos;
                                    sections[section].Open = open;
                                }
                                else r.Skip(2);
                            } while (r.NextMember());
                        }
                    }
                    else
                    {
                        header[name] = r.ReadValue(1, false);
                    }
                } while (r.NextMember());
            }
            r.Ws();
            if (r.P != data.Length) throw r.Fail("unexpected text after the snapshot");
        }

        private void ScanSection(Reader r, string name, string[] keyProps)
        {
            List<int> starts = new List<int>();
            List<int> ends = new List<int>();
            List<string[]> keys = new List<string[]>();
            int objectsKey = -1, arrOpen = -1, arrClose = -1;
            if (r.BeginObject())
            {
                do
                {
                    r.Ws();
                    int keyPos = r.P;
                    string member = r.MemberName();
                    if (member == "objects" && r.Peek() == (byte)'[')
                    {
                        objectsKey = keyPos;
                        arrOpen = r.P;
                        if (r.BeginArray())
                        {
                            do
                            {
                                starts.Add(r.P);
                                keys.Add(r.ReadKeys(keyProps, 4));
                                ends.Add(r.P);
                            } while (r.NextElement());
                        }
                        arrClose = r.P - 1;
                    }
                    else r.Skip(3);
                } while (r.NextMember());
            }
            Section s = new Section();
            s.Name = name;
            s.Starts = starts.ToArray();
            s.Ends = ends.ToArray();
            s.ObjectsKeyPos = objectsKey;
            s.ArrOpen = arrOpen;
            s.ArrClose = arrClose;
            s.KeyProps = keyProps;
            s.Keys = keys.ToArray();
            sections[name] = s;
        }

        private Section Get(string name)
        {
            Section s;
            if (sections.TryGetValue(name, out s)) return s;
            return null;
        }

        public bool HasSection(string name) { return Get(name) != null; }

        public int Count(string name)
        {
            Section s = Get(name);
            return s == null ? 0 : s.Starts.Length;
        }

        public string[] SectionNames()
        {
            List<string> names = new List<string>(sections.Keys);
            names.Sort(StringComparer.Ordinal);
            return names.ToArray();
        }

        public object Header(string name)
        {
            object v;
            return header.TryGetValue(name, out v) ? v : null;
        }

        public int[] All(string name)
        {
            int n = Count(name);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) idx[i] = i;
            return idx;
        }

        /// <summary>Objects whose key properties (all, or those named) equal one of the candidates, ignoring case; file order.</summary>
        public int[] Find(string name, string[] props, string[] candidates)
        {
            Section s = Get(name);
            if (s == null || candidates == null || candidates.Length == 0) return new int[0];
            bool[] use = new bool[s.KeyProps.Length];
            for (int k = 0; k < use.Length; k++)
            {
                if (props == null) { use[k] = true; continue; }
                foreach (string p in props) { if (string.Equals(p, s.KeyProps[k], StringComparison.OrdinalIgnoreCase)) use[k] = true; }
            }
            List<int> hits = new List<int>();
            for (int i = 0; i < s.Keys.Length; i++)
            {
                string[] keys = s.Keys[i];
                if (keys == null) continue;
                bool hit = false;
                for (int k = 0; k < keys.Length && !hit; k++)
                {
                    if (!use[k] || keys[k] == null) continue;
                    foreach (string c in candidates)
                    {
                        if (c != null && string.Equals(keys[k], c, StringComparison.OrdinalIgnoreCase)) { hit = true; break; }
                    }
                }
                if (hit) hits.Add(i);
            }
            return hits.ToArray();
        }

        private PrefixIndex IndexFor(Section s, string prop)
        {
            lock (gate)
            {
                PrefixIndex ix;
                if (s.Prefix.TryGetValue(prop, out ix)) return ix;
                int k = -1;
                for (int i = 0; i < s.KeyProps.Length; i++) { if (string.Equals(s.KeyProps[i], prop, StringComparison.OrdinalIgnoreCase)) k = i; }
                if (k < 0) throw new ArgumentException("no key property " + prop + " in section " + s.Name);
                int n = s.Keys.Length;
                ix = new PrefixIndex();
                ix.Keys = new string[n];
                ix.Idx = new int[n];
                for (int i = 0; i < n; i++)
                {
                    string v = s.Keys[i] == null ? null : s.Keys[i][k];
                    ix.Keys[i] = v == null ? string.Empty : v.ToLowerInvariant();
                    ix.Idx[i] = i;
                }
                Array.Sort(ix.Keys, ix.Idx, StringComparer.Ordinal);
                s.Prefix[prop] = ix;
                return ix;
            }
        }

        // [lo, hi) of the sorted keys that start with prefix.
        private static void Range(string[] keys, string prefix, out int lo, out int hi)
        {
            int a = 0, b = keys.Length;
            while (a < b)
            {
                int m = (a + b) >> 1;
                if (string.CompareOrdinal(keys[m], prefix) < 0) a = m + 1; else b = m;
            }
            lo = a;
            b = keys.Length;
            while (a < b)
            {
                int m = (a + b) >> 1;
                if (keys[m].StartsWith(prefix, StringComparison.Ordinal)) a = m + 1; else b = m;
            }
            hi = a;
        }

        /// <summary>Objects whose prop starts with like and with none of notLikes (ignoring case); file order.</summary>
        public int[] PrefixQuery(string name, string prop, string like, string[] notLikes)
        {
            Section s = Get(name);
            if (s == null) return new int[0];
            PrefixIndex ix = IndexFor(s, prop);
            int lo, hi;
            Range(ix.Keys, (like ?? string.Empty).ToLowerInvariant(), out lo, out hi);
            List<int[]> cuts = new List<int[]>();
            if (notLikes != null)
            {
                foreach (string nl in notLikes)
                {
                    int clo, chi;
                    Range(ix.Keys, (nl ?? string.Empty).ToLowerInvariant(), out clo, out chi);
                    if (chi > clo) cuts.Add(new int[] { clo, chi });
                }
            }
            cuts.Sort(delegate (int[] x, int[] y) { return x[0].CompareTo(y[0]); });
            // Back to file order: a sort for a small range, one pass over a bitmap for a large one.
            int n = ix.Idx.Length;
            bool large = (long)(hi - lo) * 8 > n;
            bool[] mark = large ? new bool[n] : null;
            List<int> result = new List<int>(large ? 0 : Math.Max(0, hi - lo));
            int count = 0;
            int c = 0;
            int pos = lo;
            while (pos < hi)
            {
                while (c < cuts.Count && cuts[c][1] <= pos) c++;
                if (c < cuts.Count && cuts[c][0] <= pos) { pos = cuts[c][1]; continue; }
                int stop = c < cuts.Count ? Math.Min(hi, cuts[c][0]) : hi;
                for (; pos < stop; pos++)
                {
                    if (large) { mark[ix.Idx[pos]] = true; count++; } else result.Add(ix.Idx[pos]);
                }
            }
            if (!large)
            {
                int[] sorted = result.ToArray();
                Array.Sort(sorted);
                return sorted;
            }
            int[] arr = new int[count];
            int k = 0;
            for (int i = 0; i < n && k < count; i++) { if (mark[i]) arr[k++] = i; }
            return arr;
        }

        /// <summary>Fresh PSCustomObjects for the given object indexes (at most limit of them; limit &lt; 0: all).</summary>
        public object[] Materialize(string name, int[] idx, int limit)
        {
            Section s = Get(name);
            if (s == null || idx == null) return new object[0];
            int n = idx.Length;
            if (limit >= 0 && limit < n) n = limit;
            object[] result = new object[n];
            for (int i = 0; i < n; i++)
            {
                Reader r = new Reader(data, s.Starts[idx[i]]);
                result[i] = r.ReadValue(0, true);
            }
            return result;
        }

        /// <summary>The objects as the file holds them (no date conversion): what a write re-serialises.</summary>
        public object[] MaterializeRaw(string name, int[] idx)
        {
            Section s = Get(name);
            if (s == null || idx == null) return new object[0];
            object[] result = new object[idx.Length];
            for (int i = 0; i < idx.Length; i++)
            {
                Reader r = new Reader(data, s.Starts[idx[i]]);
                result[i] = r.ReadValue(0, false);
            }
            return result;
        }

        /// <summary>
        /// Objects that have an SMTP address starting with like and none starting with one of notLikes (ignoring case),
        /// in file order. An object's addresses are its primaryProp and every "smtp:" entry of its addressesProp (a
        /// string array); an object without addressesProp takes those of the joinSection object with the same
        /// primaryProp. So a -Filter on PrimarySmtpAddress also matches secondary addresses, as Exchange's does
        /// (https://learn.microsoft.com/powershell/exchange/filter-properties, PrimarySmtpAddress).
        /// </summary>
        public int[] AddressQuery(string name, string primaryProp, string addressesProp, string joinSection, string like, string[] notLikes)
        {
            Section s = Get(name);
            if (s == null) return new int[0];
            PrefixIndex ix = AddressIndexFor(s, primaryProp, addressesProp, joinSection);
            bool[] hit = new bool[s.Starts.Length];
            int lo, hi;
            Range(ix.Keys, (like ?? string.Empty).ToLowerInvariant(), out lo, out hi);
            for (int k = lo; k < hi; k++) hit[ix.Idx[k]] = true;
            if (notLikes != null)
            {
                foreach (string nl in notLikes)
                {
                    Range(ix.Keys, (nl ?? string.Empty).ToLowerInvariant(), out lo, out hi);
                    for (int k = lo; k < hi; k++) hit[ix.Idx[k]] = false;
                }
            }
            List<int> result = new List<int>();
            for (int i = 0; i < hit.Length; i++) { if (hit[i]) result.Add(i); }
            return result.ToArray();
        }

        private PrefixIndex AddressIndexFor(Section s, string primaryProp, string addressesProp, string joinSection)
        {
            lock (gate)
            {
                if (s.Addresses != null) return s.Addresses;
                Dictionary<string, List<string>> joined = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
                Section j = joinSection == null ? null : Get(joinSection);
                if (j != null && !object.ReferenceEquals(j, s))
                {
                    for (int i = 0; i < j.Starts.Length; i++)
                    {
                        string primary; List<string> addrs; bool has;
                        ReadAddresses(j.Starts[i], primaryProp, addressesProp, out primary, out addrs, out has);
                        if (primary != null && has && !joined.ContainsKey(primary)) joined[primary] = addrs;
                    }
                }
                List<string> keys = new List<string>();
                List<int> idx = new List<int>();
                for (int i = 0; i < s.Starts.Length; i++)
                {
                    string primary; List<string> addrs; bool has;
                    ReadAddresses(s.Starts[i], primaryProp, addressesProp, out primary, out addrs, out has);
                    if (!has && primary != null && joined.ContainsKey(primary)) addrs = joined[primary];
                    // (Dictionary, not HashSet: Windows PowerShell 5.1's Add-Type does not reference System.Core.)
                    Dictionary<string, bool> seen = new Dictionary<string, bool>(StringComparer.Ordinal);
                    if (primary != null) addrs.Insert(0, primary);
                    foreach (string a in addrs)
                    {
                        string k = a.ToLowerInvariant();
                        if (seen.ContainsKey(k)) continue;
                        seen[k] = true;
                        keys.Add(k);
                        idx.Add(i);
                    }
                }
                PrefixIndex ix = new PrefixIndex();
                ix.Keys = keys.ToArray();
                ix.Idx = idx.ToArray();
                Array.Sort(ix.Keys, ix.Idx, StringComparer.Ordinal);
                s.Addresses = ix;
                return ix;
            }
        }

        // The primaryProp string and the "smtp:" entries of the addressesProp array of the object at start.
        private void ReadAddresses(int start, string primaryProp, string addressesProp, out string primary, out List<string> addresses, out bool hasAddresses)
        {
            primary = null;
            addresses = new List<string>();
            hasAddresses = false;
            Reader r = new Reader(data, start);
            if (r.Peek() != (byte)'{' || !r.BeginObject()) return;
            do
            {
                string member = r.MemberName();
                if (string.Equals(member, primaryProp, StringComparison.OrdinalIgnoreCase) && r.Peek() == (byte)'"') primary = r.ReadString();
                else if (addressesProp != null && string.Equals(member, addressesProp, StringComparison.OrdinalIgnoreCase) && r.Peek() == (byte)'[')
                {
                    hasAddresses = true;
                    if (r.BeginArray())
                    {
                        do
                        {
                            if (r.Peek() == (byte)'"')
                            {
                                string a = r.ReadString();
                                if (a.Length > 5 && string.Compare(a, 0, "smtp:", 0, 5, StringComparison.OrdinalIgnoreCase) == 0) addresses.Add(a.Substring(5));
                            }
                            else r.Skip(5);
                        } while (r.NextElement());
                    }
                }
                else r.Skip(4);
            } while (r.NextMember());
        }

        /// <summary>The string value of key property prop of object i (null when absent or not a string).</summary>
        public string Key(string name, int i, string prop)
        {
            Section s = Get(name);
            if (s == null || i < 0 || i >= s.Keys.Length || s.Keys[i] == null) return null;
            for (int k = 0; k < s.KeyProps.Length; k++)
            {
                if (string.Equals(s.KeyProps[k], prop, StringComparison.OrdinalIgnoreCase)) return s.Keys[i][k];
            }
            return null;
        }

        // The whitespace just before position p (the indentation of a member, with its line break).
        private string WsBefore(int p)
        {
            int q = p;
            while (q > 0 && (data[q - 1] == 0x20 || data[q - 1] == 0x0A || data[q - 1] == 0x0D || data[q - 1] == 0x09)) q--;
            return Encoding.ASCII.GetString(data, q, p - q);
        }

        /// <summary>
        /// One write: op "insert" (at the end), "replace" or "delete" object index of the section's objects array,
        /// splicing only those bytes; every other byte of the file is kept. The new bytes are indexed (which
        /// parses the whole edited section) before anything is written; then they go to a temporary file in the
        /// same directory, flushed to disk, which replaces the snapshot in one rename. Returns the store of the
        /// new file; on any failure the file is as it was and this store still describes it.
        /// </summary>
        public Store Commit(string name, string op, int index, object value, IDictionary keySpec)
        {
            Section s = Get(name);
            if (s == null || s.ArrOpen < 0 || s.Open < 0) throw new SnapshotFormatException("the snapshot has no " + name + ".objects array to write to");
            int n = s.Starts.Length;
            // Indentation, from the file itself: the section's name and its "objects" member give one step.
            string outer = WsBefore(s.KeyPos);
            string arrIndent = WsBefore(s.ObjectsKeyPos);
            string step = string.Empty;
            if (arrIndent.IndexOf('\n') >= 0 && arrIndent.Length > outer.Length && arrIndent.StartsWith(outer, StringComparison.Ordinal)) step = arrIndent.Substring(outer.Length);
            bool pretty = step.Length > 0;
            string elemIndent = pretty ? arrIndent + step : string.Empty;
            if (!pretty) arrIndent = string.Empty;
            string json = op == "delete" ? null : JsonText.Value(value, elemIndent, step);

            int from, to;
            string text;
            if (op == "insert")
            {
                if (n == 0) { from = s.ArrOpen; to = s.ArrClose + 1; text = "[" + elemIndent + json + arrIndent + "]"; }
                else { from = s.Ends[n - 1]; to = from; text = "," + elemIndent + json; }
            }
            else
            {
                if (index < 0 || index >= n) throw new ArgumentOutOfRangeException("index");
                if (op == "replace") { from = s.Starts[index]; to = s.Ends[index]; text = json; }
                else if (op == "delete")
                {
                    if (n == 1) { from = s.ArrOpen; to = s.ArrClose + 1; text = "[]"; }
                    else if (index == 0) { from = s.Starts[0]; to = s.Starts[1]; text = string.Empty; }
                    else { from = s.Ends[index - 1]; to = s.Ends[index]; text = string.Empty; }
                }
                else throw new ArgumentException("op must be insert, replace or delete");
            }
            byte[] middle = Encoding.UTF8.GetBytes(text);
            byte[] next = new byte[data.Length - (to - from) + middle.Length];
            Buffer.BlockCopy(data, 0, next, 0, from);
            Buffer.BlockCopy(middle, 0, next, from, middle.Length);
            Buffer.BlockCopy(data, to, next, from + middle.Length, data.Length - to);
            int delta = middle.Length - (to - from);

            Store result = new Store(Path, next);
            foreach (KeyValuePair<string, object> h in header) result.header[h.Key] = h.Value;
            foreach (KeyValuePair<string, Section> e in sections)
            {
                if (object.ReferenceEquals(e.Value, s)) continue;
                result.sections[e.Key] = e.Value.Shifted(to, delta);
            }
            Reader r = new Reader(next, s.Open);
            result.ScanSection(r, name, KeysFor(keySpec, name));
            result.sections[name].KeyPos = s.KeyPos;
            result.sections[name].Open = s.Open;

            string full = System.IO.Path.GetFullPath(Path);
            string dir = System.IO.Path.GetDirectoryName(full);
            string tmp = System.IO.Path.Combine(dir, "." + System.IO.Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (FileStream fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    fs.Write(next, 0, next.Length);
                    fs.Flush(true);
                }
                File.Replace(tmp, full, null, true);
            }
            catch
            {
                try { if (File.Exists(tmp)) File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                throw;
            }
            FileInfo fi = new FileInfo(full);
            result.StampLength = fi.Length;
            result.StampTime = fi.LastWriteTimeUtc;
            return result;
        }

        public static object ConvertDateString(string s) { return Reader.DateOrString(s); }
    }

    /// <summary>Distinguished names: RDNs split on unescaped commas (values keep their escapes), AD canonical names.</summary>
    public static class Dn
    {
        public static string[] Split(string dn)
        {
            List<string> parts = new List<string>();
            if (string.IsNullOrEmpty(dn)) return parts.ToArray();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < dn.Length; i++)
            {
                char c = dn[i];
                if (c == '\\' && i + 1 < dn.Length) { sb.Append(c); sb.Append(dn[i + 1]); i++; continue; }
                if (c == ',') { parts.Add(sb.ToString().Trim()); sb.Length = 0; continue; }
                sb.Append(c);
            }
            parts.Add(sb.ToString().Trim());
            return parts.ToArray();
        }

        public static bool IsType(string rdn, string type)
        {
            return rdn.StartsWith(type + "=", StringComparison.OrdinalIgnoreCase);
        }

        public static string Value(string rdn)
        {
            int at = rdn.IndexOf('=');
            string v = at < 0 ? rdn : rdn.Substring(at + 1);
            StringBuilder sb = new StringBuilder(v.Length);
            for (int i = 0; i < v.Length; i++)
            {
                if (v[i] == '\\' && i + 1 < v.Length) { sb.Append(v[i + 1]); i++; } else sb.Append(v[i]);
            }
            return sb.ToString();
        }

        /// <summary>"OU=RTC Special Accounts,DC=litwareinc,DC=com" -> "litwareinc.com/RTC Special Accounts".</summary>
        public static string Canonical(string dn)
        {
            string[] rdns = Split(dn);
            List<string> dc = new List<string>();
            List<string> path = new List<string>();
            foreach (string r in rdns)
            {
                if (IsType(r, "DC")) dc.Add(Value(r)); else path.Insert(0, Value(r).Replace("/", "\\/"));
            }
            string text = string.Join(".", dc.ToArray());
            if (path.Count > 0) text += "/" + string.Join("/", path.ToArray());
            return text;
        }
    }

    /// <summary>
    /// For the console's PowerShell host when the lab runs in its own process (umc-host.ps1, kind local): what
    /// PowerShell remoting does to a remote command's output. The objects are serialized at remoting's depth (1)
    /// by PowerShell's own serializer and deserialized, then given the members remoting adds to each
    /// (PSComputerName, RunspaceId, PSShowComputerName). One serialization of the whole list writes each element
    /// at the list's depth, so each object is written as it would be alone; it costs a fraction of one per object.
    /// </summary>
    public static class Remoting
    {
        public static object[] RoundTrip(object[] items, string computerName, Guid runspaceId)
        {
            if (items == null || items.Length == 0) return new object[0];
            object copy = PSSerializer.Deserialize(PSSerializer.Serialize(items, 1));
            PSObject wrapper = copy as PSObject;
            IEnumerable list = (wrapper != null ? wrapper.BaseObject : copy) as IEnumerable;
            List<object> result = new List<object>();
            foreach (object o in list)
            {
                PSObject pso = PSObject.AsPSObject(o);
                if (pso.Properties["PSComputerName"] == null)
                {
                    pso.Properties.Add(new PSNoteProperty("PSComputerName", computerName));
                    pso.Properties.Add(new PSNoteProperty("RunspaceId", runspaceId));
                    pso.Properties.Add(new PSNoteProperty("PSShowComputerName", false));
                }
                result.Add(pso);
            }
            return result.ToArray();
        }
    }

    /// <summary>
    /// Builds the objects the cmdlets answer with: an instance of the real type (UmcLabEndpoint.Types.cs) whose
    /// properties are set from the snapshot object's members of the same name, converted to the property's
    /// type (text to enums, ids, versions, paths; arrays to multi-valued properties; base64 to bytes). The
    /// remoting members (PSComputerName, RunspaceId, PSShowComputerName) are dropped: remoting adds its own.
    /// A member the real type does not have is dropped too (the file may hold more than the cmdlet answers, as the
    /// Skype certificates' RawData); Unmapped lists them. Reflection only: this source compiles without the types.
    /// </summary>
    public static class Shapes
    {
        private static readonly string[] RemotingMembers = new string[] { "PSComputerName", "RunspaceId", "PSShowComputerName", "SerializationData" };
        // What Exchange's SerializationData member starts with (a BinaryFormatter header); the real blob is the
        // whole object, which only the Exchange assemblies read (docs/remote-shapes.md). Ours carries nothing.
        private static readonly byte[] SerializationBlob = Convert.FromBase64String("AAEAAAD/////AQAAAAAAAAAMAgAAAA==");
        private static readonly Dictionary<Type, Dictionary<string, PropertyInfo>> Cache = new Dictionary<Type, Dictionary<string, PropertyInfo>>();

        /// <summary>The file members no real type has (type.member), for the lab's own checks.</summary>
        public static readonly Dictionary<string, bool> Unmapped = new Dictionary<string, bool>(StringComparer.Ordinal);

        private static Dictionary<string, PropertyInfo> PropertiesOf(Type t)
        {
            lock (Cache)
            {
                Dictionary<string, PropertyInfo> map;
                if (Cache.TryGetValue(t, out map)) return map;
                map = new Dictionary<string, PropertyInfo>(StringComparer.OrdinalIgnoreCase);
                foreach (PropertyInfo p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (p.GetIndexParameters().Length > 0 || map.ContainsKey(p.Name)) continue;
                    map[p.Name] = p;
                }
                Cache[t] = map;
                return map;
            }
        }

        private static bool IsRemotingMember(string name)
        {
            foreach (string r in RemotingMembers) { if (string.Equals(r, name, StringComparison.OrdinalIgnoreCase)) return true; }
            return false;
        }

        private static object Member(PSObject data, string name)
        {
            PSPropertyInfo p = data.Properties[name];
            return p == null ? null : Unwrap(p.Value);
        }

        private static object Unwrap(object v)
        {
            PSObject pso = v as PSObject;
            if (pso != null && !(pso.BaseObject is PSCustomObject)) return pso.BaseObject;
            return v;
        }

        /// <summary>An object of type t from a snapshot object; exchange: add Exchange's SerializationData member.</summary>
        public static PSObject Build(Type t, PSObject data, bool exchange, string where)
        {
            object target;
            bool certificate = typeof(X509Certificate2).IsAssignableFrom(t);
            if (certificate)
            {
                byte[] raw = ConvertValue(Member(data, "RawData"), typeof(byte[]), where + ".RawData") as byte[];
                if (raw == null || raw.Length == 0) throw new FormatException(where + " has no RawData: a certificate is its bytes");
                target = Activator.CreateInstance(t, new object[] { raw });
            }
            else target = Activator.CreateInstance(t);
            Dictionary<string, PropertyInfo> props = PropertiesOf(t);
            foreach (PSPropertyInfo m in data.Properties)
            {
                if (m.MemberType != PSMemberTypes.NoteProperty || IsRemotingMember(m.Name)) continue;
                PropertyInfo pi;
                if (!props.TryGetValue(m.Name, out pi))
                {
                    lock (Unmapped) { Unmapped[t.FullName + "." + m.Name] = true; }
                    continue;
                }
                MethodInfo setter = pi.GetSetMethod();
                if (setter == null) continue; // computed by the type itself (X509 fields from RawData, UTC dates, Id)
                object value;
                if (pi.Name == "Identity" && pi.PropertyType.Name == "ADObjectId" && Member(data, "Identity") is string)
                {
                    // An AD object's own id: its name with its DN and GUID (get-authconfig-clixml-1.txt, Identity).
                    Guid g = Guid.Empty;
                    string gs = Member(data, "Guid") as string;
                    if (gs != null) Guid.TryParse(gs, out g);
                    value = Activator.CreateInstance(pi.PropertyType, new object[] { (string)Member(data, "Identity"), Member(data, "DistinguishedName") as string, g });
                }
                else value = ConvertValue(Unwrap(m.Value), pi.PropertyType, where + "." + m.Name);
                setter.Invoke(target, new object[] { value });
            }
            PSObject result = PSObject.AsPSObject(target);
            if (exchange) result.Properties.Add(new PSNoteProperty("SerializationData", SerializationBlob.Clone()));
            return result;
        }

        /// <summary>
        /// The light form of the large sections (users, mailboxes): the snapshot's object itself, its remoting members
        /// removed and its type names those of the real type, so remoting writes the same names and values.
        /// </summary>
        public static void Decorate(object[] objects, string[] typeNames, bool exchange)
        {
            foreach (object o in objects)
            {
                PSObject pso = o as PSObject;
                if (pso == null) continue;
                foreach (string r in RemotingMembers) { if (pso.Properties[r] != null) pso.Properties.Remove(r); }
                pso.TypeNames.Clear();
                foreach (string n in typeNames) pso.TypeNames.Add(n);
                if (exchange) pso.Properties.Add(new PSNoteProperty("SerializationData", SerializationBlob.Clone()));
            }
        }

        /// <summary>Adds the members a mailbox always has and the lab file does not keep: Name (the display name),
        /// Alias (the primary address's local part) and EmailAddressPolicyEnabled (test/fixtures/samples/get-mailbox-fl-emailaddresses-1.txt).</summary>
        public static void AddMailboxMembers(object[] objects)
        {
            foreach (object o in objects)
            {
                PSObject pso = o as PSObject;
                if (pso == null) continue;
                string display = Member(pso, "DisplayName") as string;
                string smtp = Member(pso, "PrimarySmtpAddress") as string;
                if (pso.Properties["Name"] == null) pso.Properties.Add(new PSNoteProperty("Name", display));
                if (pso.Properties["Alias"] == null) pso.Properties.Add(new PSNoteProperty("Alias", smtp != null && smtp.IndexOf('@') > 0 ? smtp.Substring(0, smtp.IndexOf('@')) : smtp));
                if (pso.Properties["EmailAddressPolicyEnabled"] == null) pso.Properties.Add(new PSNoteProperty("EmailAddressPolicyEnabled", true));
            }
        }

        private static Type ElementType(Type t)
        {
            if (t.IsArray) return t.GetElementType();
            for (Type b = t; b != null && b != typeof(object); b = b.BaseType)
            {
                if (b.IsGenericType && b.GetGenericArguments().Length == 1) return b.GetGenericArguments()[0];
            }
            return null;
        }

        // A concrete type for an abstract element type (NetworkAddress -> CustomNetworkAddress): one that can be made from text.
        private static Type Concrete(Type t)
        {
            if (!t.IsAbstract) return t;
            foreach (Type c in t.Assembly.GetTypes())
            {
                if (!c.IsAbstract && t.IsAssignableFrom(c) && c.GetConstructor(new Type[] { typeof(string) }) != null) return c;
            }
            return t;
        }

        /// <summary>A snapshot value as a value of the property type; a value the type cannot hold is refused, naming it.</summary>
        public static object ConvertValue(object v, Type target, string where)
        {
            v = Unwrap(v);
            Type underlying = Nullable.GetUnderlyingType(target);
            bool list = target != typeof(string) && target != typeof(byte[]) && (target.IsArray || typeof(IList).IsAssignableFrom(target));
            if (v == null)
            {
                if (list && !target.IsArray && !target.IsAbstract) return Activator.CreateInstance(target);
                if (target.IsValueType && underlying == null) return Activator.CreateInstance(target);
                return null;
            }
            if (underlying != null) target = underlying;
            try
            {
                if (target == typeof(object)) return v;
                if (target == typeof(string))
                {
                    if (v is string) return v;
                    if (v is IList) throw new FormatException("a list where a single value is expected");
                    if (v is bool) return (bool)v ? "True" : "False";
                    return Convert.ToString(v, CultureInfo.InvariantCulture);
                }
                if (target.IsEnum)
                {
                    string text = v as string;
                    if (text == null) return Enum.ToObject(target, Convert.ToInt64(v, CultureInfo.InvariantCulture));
                    foreach (string part in text.Split(','))
                    {
                        string name = part.Trim();
                        bool known = false;
                        foreach (string n in Enum.GetNames(target)) { if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) known = true; }
                        if (!known) throw new FormatException("'" + name + "' is not a " + target.Name + " value (" + string.Join(", ", Enum.GetNames(target)) + ")");
                    }
                    return Enum.Parse(target, text, true);
                }
                if (target == typeof(bool)) return v is string ? bool.Parse((string)v) : Convert.ToBoolean(v, CultureInfo.InvariantCulture);
                if (target.IsPrimitive || target == typeof(decimal)) return Convert.ChangeType(v, target, CultureInfo.InvariantCulture);
                if (target == typeof(DateTime)) return v is DateTime ? v : DateTime.Parse(Convert.ToString(v, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                if (target == typeof(Guid)) return v is Guid ? v : new Guid(Convert.ToString(v, CultureInfo.InvariantCulture));
                if (target == typeof(TimeSpan)) return v is TimeSpan ? v : TimeSpan.Parse(Convert.ToString(v, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                if (target == typeof(Uri)) return new Uri(Convert.ToString(v, CultureInfo.InvariantCulture));
                if (target == typeof(byte[]))
                {
                    if (v is byte[]) return v;
                    string b64 = v as string;
                    if (b64 != null) return Convert.FromBase64String(b64);
                    IList nums = v as IList;
                    if (nums == null) throw new FormatException("bytes are base64 text or a list of numbers");
                    byte[] bytes = new byte[nums.Count];
                    for (int i = 0; i < bytes.Length; i++) bytes[i] = Convert.ToByte(Unwrap(nums[i]), CultureInfo.InvariantCulture);
                    return bytes;
                }
                if (list)
                {
                    Type element = ElementType(target);
                    if (element == null) throw new FormatException("no element type");
                    IList source = v as IList;
                    if (source == null) source = new object[] { v };
                    if (target.IsArray)
                    {
                        Array array = Array.CreateInstance(element, source.Count);
                        for (int i = 0; i < source.Count; i++) array.SetValue(ConvertValue(source[i], element, where + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"), i);
                        return array;
                    }
                    IList result = (IList)Activator.CreateInstance(target);
                    for (int i = 0; i < source.Count; i++) result.Add(ConvertValue(source[i], element, where + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
                    return result;
                }
                if (target.IsInstanceOfType(v)) return v;
                Type concrete = Concrete(target);
                if (concrete.GetConstructor(new Type[] { typeof(string) }) != null) return Activator.CreateInstance(concrete, new object[] { Convert.ToString(v, CultureInfo.InvariantCulture) });
                throw new FormatException("no conversion to " + target.FullName);
            }
            catch (TargetInvocationException e)
            {
                throw new FormatException(where + ": " + Convert.ToString(v, CultureInfo.InvariantCulture) + " cannot be read as " + target.Name + ": " + e.InnerException.Message);
            }
            catch (FormatException e)
            {
                if (e.Message.StartsWith(where, StringComparison.Ordinal)) throw;
                throw new FormatException(where + ": " + Convert.ToString(v, CultureInfo.InvariantCulture) + " cannot be read as " + target.Name + ": " + e.Message);
            }
            catch (InvalidCastException e)
            {
                throw new FormatException(where + ": " + Convert.ToString(v, CultureInfo.InvariantCulture) + " cannot be read as " + target.Name + ": " + e.Message);
            }
            catch (OverflowException e)
            {
                throw new FormatException(where + ": " + Convert.ToString(v, CultureInfo.InvariantCulture) + " cannot be read as " + target.Name + ": " + e.Message);
            }
        }
    }

    /// <summary>
    /// JSON for the objects a write puts in the file, laid out like the file (JSON.stringify with an indent):
    /// strings escaped (quote, backslash, every control character, and an unpaired surrogate as \uXXXX, so
    /// the reader gives back the same UTF-16 string); other non-ASCII text as UTF-8.
    /// </summary>
    public static class JsonText
    {
        public static string Value(object v, string indent, string step)
        {
            StringBuilder sb = new StringBuilder();
            Write(sb, v, indent, step, 0);
            return sb.ToString();
        }

        public static string Quote(string s)
        {
            StringBuilder sb = new StringBuilder(s.Length + 2);
            QuoteInto(sb, s);
            return sb.ToString();
        }

        private static void QuoteInto(StringBuilder sb, string s)
        {
            sb.Append('"');
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < ' ') { Escape(sb, c); }
                        else if (char.IsHighSurrogate(c))
                        {
                            if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { sb.Append(c); sb.Append(s[i + 1]); i++; }
                            else Escape(sb, c);
                        }
                        else if (char.IsLowSurrogate(c)) Escape(sb, c);
                        else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
        }

        private static void Escape(StringBuilder sb, char c)
        {
            sb.Append("\\u");
            sb.Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }

        private static void Write(StringBuilder sb, object v, string indent, string step, int depth)
        {
            if (depth > 64) throw new ArgumentException("the value is nested too deeply to be written");
            PSObject pso = v as PSObject;
            if (pso != null)
            {
                if (pso.BaseObject is PSCustomObject) { WriteObject(sb, pso, indent, step, depth); return; }
                v = pso.BaseObject;
            }
            if (v == null) { sb.Append("null"); return; }
            string str = v as string;
            if (str != null) { QuoteInto(sb, str); return; }
            if (v is bool) { sb.Append((bool)v ? "true" : "false"); return; }
            if (v is char) { QuoteInto(sb, v.ToString()); return; }
            if (v is int || v is long || v is short || v is sbyte || v is byte || v is ushort || v is uint || v is ulong || v is decimal)
            {
                sb.Append(Convert.ToString(v, CultureInfo.InvariantCulture));
                return;
            }
            if (v is double || v is float)
            {
                double d = Convert.ToDouble(v, CultureInfo.InvariantCulture);
                if (double.IsNaN(d) || double.IsInfinity(d)) sb.Append("null"); else sb.Append(d.ToString("R", CultureInfo.InvariantCulture));
                return;
            }
            if (v is DateTime) { QuoteInto(sb, ((DateTime)v).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)); return; }
            IDictionary dict = v as IDictionary;
            if (dict != null)
            {
                List<string> names = new List<string>();
                List<object> values = new List<object>();
                foreach (DictionaryEntry e in dict) { names.Add(Convert.ToString(e.Key, CultureInfo.InvariantCulture)); values.Add(e.Value); }
                WriteMembers(sb, names, values, indent, step, depth);
                return;
            }
            IEnumerable seq = v as IEnumerable;
            if (seq != null)
            {
                bool pretty = step.Length > 0;
                string inner = indent + step;
                bool any = false;
                sb.Append('[');
                foreach (object x in seq)
                {
                    if (any) sb.Append(',');
                    any = true;
                    if (pretty) sb.Append(inner);
                    Write(sb, x, inner, step, depth + 1);
                }
                if (any && pretty) sb.Append(indent);
                sb.Append(']');
                return;
            }
            QuoteInto(sb, Convert.ToString(v, CultureInfo.InvariantCulture));
        }

        private static void WriteObject(StringBuilder sb, PSObject o, string indent, string step, int depth)
        {
            List<string> names = new List<string>();
            List<object> values = new List<object>();
            foreach (PSPropertyInfo p in o.Properties)
            {
                if (p.MemberType != PSMemberTypes.NoteProperty) continue;
                names.Add(p.Name);
                values.Add(p.Value);
            }
            WriteMembers(sb, names, values, indent, step, depth);
        }

        private static void WriteMembers(StringBuilder sb, List<string> names, List<object> values, string indent, string step, int depth)
        {
            bool pretty = step.Length > 0;
            string inner = indent + step;
            sb.Append('{');
            for (int i = 0; i < names.Count; i++)
            {
                if (i > 0) sb.Append(',');
                if (pretty) sb.Append(inner);
                QuoteInto(sb, names[i]);
                sb.Append(pretty ? ": " : ":");
                Write(sb, values[i], inner, step, depth + 1);
            }
            if (names.Count > 0 && pretty) sb.Append(indent);
            sb.Append('}');
        }
    }
}
'@

#region internals

$script:KeySpec = @{
  'exchange.organization'       = @('Identity', 'Name')
  'exchange.servers'            = @('Identity', 'Name', 'Fqdn')
  'exchange.umServices'         = @('Identity', 'Name')
  'exchange.callRouters'        = @('Identity', 'Name')
  'exchange.clientAccess'       = @('Identity', 'Name', 'Fqdn')
  'exchange.huntGroups'         = @('Identity', 'Name', 'UMDialPlan')
  'exchange.certificates'       = @('Thumbprint', 'Identity')
  'exchange.permissions'        = @('Identity')
  'exchange.mailboxes'          = @('PrimarySmtpAddress', 'DisplayName')
  'exchange.umMailboxes'        = @('PrimarySmtpAddress', 'DisplayName')
  'skype.sites'                 = @('Identity', 'Name', 'DisplayName')
  'skype.pools'                 = @('Identity', 'Name', 'Fqdn')
  'skype.exUmContacts'          = @('Identity', 'SipAddress', 'DisplayName', 'DisplayNumber', 'RegistrarPool', 'HomeServer')
  'skype.certificates'          = @('Thumbprint')
  'skype.users'                 = @('SipAddress', 'UserPrincipalName', 'DisplayName')
}

# The non-ASCII sample text of the noise, built from code points (this file stays ASCII):
# "Zoe Muller -- Tokyo check" with e-acute, u-umlaut, an em dash, the two kanji of Tokyo and a check mark.
$script:NoiseText = 'Zo' + [char]0x00E9 + ' M' + [char]0x00FC + 'ller ' + [char]0x2014 + ' ' + [char]0x6771 + [char]0x4EAC + ' ' + [char]0x2713

function New-LabErrorRecord {
  param([System.Exception]$Exception, [string]$ErrorId, [System.Management.Automation.ErrorCategory]$Category, [object]$Target)
  return New-Object System.Management.Automation.ErrorRecord -ArgumentList $Exception, $ErrorId, $Category, $Target
}

function Assert-LabInitialized {
  param([System.Management.Automation.PSCmdlet]$Cmdlet)
  if ($null -eq $script:Store) {
    $ex = New-Object System.InvalidOperationException -ArgumentList 'The lab endpoint has no data: run Initialize-UmcLabEndpoint -Path <snapshot.json> first.'
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.NotInitialized' ([System.Management.Automation.ErrorCategory]::InvalidOperation) $Cmdlet.MyInvocation.MyCommand.Name))
  }
  Assert-LabCommandAvailable $Cmdlet
  Assert-LabParameters $Cmdlet $Cmdlet.MyInvocation.BoundParameters
}

function Write-LabNoise {
  param([string]$Name)
  $esc = [char]27
  $text = $script:NoiseText
  Write-Host ("{0}[31mUMC lab noise from {1}{0}[0m {0}[1;32m{2}{0}[0m" -f $esc, $Name, $text)
  Write-Warning ("UMC lab noise from {0}: warning {1}" -f $Name, $text)
  Write-Verbose -Verbose -Message ("UMC lab noise from {0}: verbose {1}" -f $Name, $text)
  $DebugPreference = 'Continue'   # local to this function; -Debug would prompt on 5.1
  Write-Debug -Message ("UMC lab noise from {0}: debug {1}" -f $Name, $text)
  Write-Information -MessageData ("UMC lab noise from {0}: information {1}" -f $Name, $text) -InformationAction Continue
  Write-Progress -Activity ("UMC lab noise from {0}" -f $Name) -Status $text -PercentComplete 50
  Write-Progress -Activity ("UMC lab noise from {0}" -f $Name) -Completed
  $rs = [string][char]0x1e
  [Console]::Out.WriteLine($rs + 'UMC 1 garbage ' + $text)
  [Console]::Out.WriteLine($rs + 'UMC:00000000 ' + $esc + '[33mnot a frame' + $esc + '[0m ' + $text)
  [Console]::Out.Flush()
  [Console]::Error.WriteLine('UMC lab noise on stderr ' + $text)
}

# The lab faults ($env:UMC_LAB_FAULT_FILE, see the header of this file).
function Invoke-LabFault {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Name)
  $file = $env:UMC_LAB_FAULT_FILE
  if ([string]::IsNullOrEmpty($file) -or -not (Test-Path -LiteralPath $file -PathType Leaf)) { return }
  try {
    $config = [System.IO.File]::ReadAllText($file, [System.Text.Encoding]::UTF8) | ConvertFrom-Json
  } catch {
    $ex = New-Object System.InvalidOperationException -ArgumentList ("The lab fault file '{0}' is not valid JSON: {1}" -f $file, $_.Exception.Message)
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex "$Name.LabFault" ([System.Management.Automation.ErrorCategory]::InvalidData) $Name))
  }
  if ($null -eq $config) { return }
  $entry = $config.PSObject.Properties[$Name]
  if ($null -eq $entry -or $null -eq $entry.Value) { return }
  $fault = $entry.Value
  $signal = $fault.PSObject.Properties['signal']
  if ($null -ne $signal -and $null -ne $signal.Value) {
    # Tests only: says "the call got here" and which process runs it (so a test can kill it there).
    [System.IO.File]::WriteAllText([string]$signal.Value, [string]$PID)
  }
  $delay = $fault.PSObject.Properties['delayMs']
  if ($null -ne $delay -and $null -ne $delay.Value) {
    $ms = [long]$delay.Value
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    while ($sw.ElapsedMilliseconds -lt $ms) {
      Start-Sleep -Milliseconds ([int][Math]::Min(50, [Math]::Max(1, $ms - $sw.ElapsedMilliseconds)))
    }
  }
  $block = $fault.PSObject.Properties['blockMs']
  if ($null -ne $block -and $null -ne $block.Value) {
    # One native wait: PowerShell's Stop() cannot interrupt it, as with a hung remote call.
    [System.Threading.Thread]::Sleep([int][Math]::Min([long]$block.Value, [int]::MaxValue))
  }
  $noise = $fault.PSObject.Properties['noise']
  if ($null -ne $noise -and $noise.Value -eq $true) { Write-LabNoise $Name }
  $throw = $fault.PSObject.Properties['throw']
  if ($null -ne $throw -and $null -ne $throw.Value) {
    $ex = New-Object System.InvalidOperationException -ArgumentList ([string]$throw.Value)
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex "$Name.LabFault" ([System.Management.Automation.ErrorCategory]::InvalidOperation) $Name))
  }
}

function Write-LabNotFound {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Name, [string]$Identity)
  if ($Name -like 'Get-Cs*') {
    $noun = $Name.Substring(6)
    $message = 'Cannot find "{0}" "{1}" because it does not exist.' -f $noun, $Identity
  } else {
    $message = "The operation couldn't be performed because object '{0}' couldn't be found on '{1}'." -f $Identity, $script:DcName
  }
  $ex = New-Object System.Management.Automation.ItemNotFoundException -ArgumentList $message
  $Cmdlet.WriteError((New-LabErrorRecord $ex "$Name.NotFound" ([System.Management.Automation.ErrorCategory]::ObjectNotFound) $Identity))
}

function Stop-LabInvalidArgument {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$ErrorId, [string]$Message, [string]$Target)
  $ex = New-Object System.ArgumentException -ArgumentList $Message
  $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex $ErrorId ([System.Management.Automation.ErrorCategory]::InvalidArgument) $Target))
}

# -ResultSize: 'Unlimited' -> -1, a positive integer -> itself.
function ConvertFrom-LabResultSize {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Name, [string]$ResultSize)
  if ([string]::Equals($ResultSize, 'Unlimited', [System.StringComparison]::OrdinalIgnoreCase)) { return -1 }
  $n = 0
  if ($ResultSize -match '^[0-9]{1,10}$' -and [int]::TryParse($ResultSize, [System.Globalization.NumberStyles]::None, [System.Globalization.CultureInfo]::InvariantCulture, [ref]$n) -and $n -gt 0) { return $n }
  Stop-LabInvalidArgument $Cmdlet "$Name.InvalidResultSize" ("Cannot process argument ""{0}"" of parameter ResultSize: the lab endpoint accepts 'Unlimited' or a positive integer." -f $ResultSize) $ResultSize
}

$script:FilterPattern = New-Object System.Text.RegularExpressions.Regex -ArgumentList @(
  '^\s*(?<p>[A-Za-z]+)\s+-like\s+''(?<x>[^''"*?\[\]`]*)\*''(?:\s+-and\s+(?<q>[A-Za-z]+)\s+-notlike\s+''(?<y>[^''"*?\[\]`]*)\*'')*\s*$',
  ([System.Text.RegularExpressions.RegexOptions]::IgnoreCase -bor [System.Text.RegularExpressions.RegexOptions]::CultureInvariant)
)

# -Filter: only "<Property> -like '<prefix>*' [-and <Property> -notlike '<prefix>*']..." (see the header).
function ConvertFrom-LabFilter {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Name, [string]$Filter, [string]$Property)
  $m = $script:FilterPattern.Match($Filter)
  $ok = $m.Success -and [string]::Equals($m.Groups['p'].Value, $Property, [System.StringComparison]::OrdinalIgnoreCase)
  if ($ok) {
    foreach ($c in $m.Groups['q'].Captures) {
      if (-not [string]::Equals($c.Value, $Property, [System.StringComparison]::OrdinalIgnoreCase)) { $ok = $false }
    }
  }
  if (-not $ok) {
    Stop-LabInvalidArgument $Cmdlet "$Name.InvalidFilter" ("The filter ""{0}"" is not supported by the lab endpoint: it accepts only {1} -like '<prefix>*', optionally followed by -and {1} -notlike '<prefix>*' clauses (prefixes without quotes or wildcards)." -f $Filter, $Property) $Filter
  }
  $not = New-Object 'System.Collections.Generic.List[string]'
  foreach ($c in $m.Groups['y'].Captures) { $not.Add($c.Value) }
  return New-Object PSObject -Property @{ Like = $m.Groups['x'].Value; NotLike = $not.ToArray() }
}

function Get-LabStringProperty {
  param([object]$Object, [string]$Property)
  if ($null -eq $Object) { return $null }
  $p = $Object.PSObject.Properties[$Property]
  if ($null -eq $p -or $null -eq $p.Value) { return $null }
  return [string]$p.Value
}

# The server names an -Server value may stand for: itself, and the Name and Fqdn of the Exchange server it names.
function Resolve-LabServer {
  param([string]$Server)
  $names = New-Object 'System.Collections.Generic.List[string]'
  $names.Add($Server)
  $hits = $script:Store.Find('exchange.servers', [string[]]@('Identity', 'Name', 'Fqdn'), [string[]]@($Server))
  foreach ($s in $script:Store.Materialize('exchange.servers', $hits, -1)) {
    foreach ($p in 'Name', 'Fqdn') {
      $v = Get-LabStringProperty $s $p
      if ($v) { $names.Add($v) }
    }
  }
  return , $names.ToArray()
}

function Join-LabIndexes {
  param([int[]]$A, [int[]]$B)
  $set = New-Object 'System.Collections.Generic.HashSet[int]'
  foreach ($i in $B) { [void]$set.Add($i) }
  $list = New-Object 'System.Collections.Generic.List[int]'
  foreach ($i in $A) { if ($set.Contains($i)) { $list.Add($i) } }
  return , $list.ToArray()
}

#endregion

#region version profiles

# The cmdlets each product version has: the "applicable" line of each cmdlet's page in Microsoft's reference
# (MicrosoftDocs/office-docs-powershell: exchange/exchange-ps/ExchangePowerShell/<Cmdlet>.md,
# skype/skype-ps/SkypeForBusiness/<Cmdlet>.md); docs/lab-endpoint.md names the page of each.
$script:ExchangeAll = @('Exchange2010', 'Exchange2013', 'Exchange2016', 'Exchange2019')
$script:ExchangeUm = @('Exchange2010', 'Exchange2013', 'Exchange2016')
$script:SkypeAll = @('Lync2013', 'SfB2015', 'SfB2019')
$script:CommandVersions = [ordered]@{
  'Get-OrganizationConfig'   = $script:ExchangeAll
  'Get-ExchangeServer'       = $script:ExchangeAll
  'Get-UMServer'             = @('Exchange2010')
  'Get-UMService'            = @('Exchange2013', 'Exchange2016')
  'Get-UMCallRouterSettings' = @('Exchange2013', 'Exchange2016')
  'Get-ClientAccessServer'   = $script:ExchangeAll
  'Get-ClientAccessService'  = @('Exchange2016', 'Exchange2019')
  'Get-UMDialPlan'           = $script:ExchangeUm
  'Get-UMIPGateway'          = $script:ExchangeUm
  'Get-UMHuntGroup'          = $script:ExchangeUm
  'Get-UMAutoAttendant'      = $script:ExchangeUm
  'Get-UMMailboxPolicy'      = $script:ExchangeUm
  'Get-ExchangeCertificate'  = $script:ExchangeAll
  'Get-PartnerApplication'   = @('Exchange2013', 'Exchange2016', 'Exchange2019')
  'Get-ADPermission'         = $script:ExchangeAll
  'Get-Mailbox'              = $script:ExchangeAll
  'Get-UMMailbox'            = $script:ExchangeUm
  'Get-OrganizationalUnit'   = $script:ExchangeAll
  'Get-Group'                = $script:ExchangeAll
  'Get-User'                 = $script:ExchangeAll
  'Get-CsSipDomain'          = $script:SkypeAll
  'Get-CsSite'               = $script:SkypeAll
  'Get-CsPool'               = $script:SkypeAll
  'Get-CsService'            = $script:SkypeAll
  'Get-CsDialPlan'           = $script:SkypeAll
  'Get-CsMediaConfiguration' = $script:SkypeAll
  'Get-CsHostedVoicemailPolicy' = $script:SkypeAll
  'Get-CsExUmContact'        = $script:SkypeAll
  'Get-CsCertificate'        = $script:SkypeAll
  'Get-CsOAuthConfiguration' = $script:SkypeAll
  'Get-CsPartnerApplication' = $script:SkypeAll
  'Get-CsUser'               = $script:SkypeAll
  'New-CsExUmContact'        = $script:SkypeAll
  'Set-CsExUmContact'        = $script:SkypeAll
  'Move-CsExUmContact'       = $script:SkypeAll
  'Remove-CsExUmContact'     = $script:SkypeAll
  'Test-CsOUPermission'      = $script:SkypeAll
}

# Parameters that only some versions have (the "Applicable:" line of the parameter on the same pages).
$script:ParameterVersions = @{
  'Get-OrganizationalUnit'  = @{ ResultSize = @('Exchange2013', 'Exchange2016', 'Exchange2019') }
  'Get-ExchangeCertificate' = @{ Identity = @('Exchange2013', 'Exchange2016', 'Exchange2019') }
}

# The build each profile's servers report (AdminDisplayVersion): Exchange 2010 SP3, 2013 CU23, 2016 CU23, 2019 CU14
# (https://learn.microsoft.com/exchange/new-features/build-numbers-and-release-dates).
$script:ExchangeBuilds = @{
  '2010' = 'Version 14.3 (Build 123.4)'
  '2013' = 'Version 15.0 (Build 1497.2)'
  '2016' = 'Version 15.1 (Build 2507.6)'
  '2019' = 'Version 15.2 (Build 1544.4)'
}
# Get-CsService's Version: the topology version of the product that published the service.
$script:SkypeTopologyVersions = @{ '2013' = 5; '2015' = 6; '2019' = 7 }

$script:Profile = $null

function Get-LabProductVersionName {
  param([string]$Product, [string]$Version)
  if ($Product -eq 'exchange') { return 'Exchange' + $Version }
  if ($Version -eq '2013') { return 'Lync2013' }
  return 'SfB' + $Version
}

# The major version of an AdminDisplayVersion text: 2010 (14.x), 2013 (15.0), 2016 (15.1), 2019 (15.2), else $null.
function Get-LabExchangeRelease {
  param([string]$AdminDisplayVersion)
  if ($AdminDisplayVersion -match '^Version 14\.') { return '2010' }
  if ($AdminDisplayVersion -match '^Version 15\.0 ') { return '2013' }
  if ($AdminDisplayVersion -match '^Version 15\.1 ') { return '2016' }
  if ($AdminDisplayVersion -match '^Version 15\.2 ') { return '2019' }
  return $null
}

function Set-LabDataMember {
  param([object]$Object, [string]$Name, [object]$Value)
  $p = $Object.PSObject.Properties[$Name]
  if ($null -ne $p) { $p.Value = $Value } else { $Object.PSObject.Properties.Add((New-Object System.Management.Automation.PSNoteProperty -ArgumentList $Name, $Value)) }
}

function Test-LabSameName {
  param([string]$A, [string]$B)
  return -not [string]::IsNullOrEmpty($A) -and [string]::Equals($A, $B, [System.StringComparison]::OrdinalIgnoreCase)
}

<#
  The profile: which cmdlets exist (the version's, minus -Withhold), and the org as that version shows it. The
  file is the org's truth; a version profile transforms the few small sections whose form depends on the version,
  so that the org is a correct one of that version (docs/lab-endpoint.md, "Version profiles"):
    servers       AdminDisplayVersion, ServerRole and the Is*Server flags of the version; Exchange 2019 servers
                  leave an Exchange 2010 org (2019 does not coexist with 2010);
    umServices    2010: DialPlans = the dial plans the server answers for (every dial plan has one, a server whose
                  startup mode suits the dial plan's VoIP security); 2013/2016: SIP dial plans only (Set-UMService
                  -DialPlans); every version: UMCertificateThumbprint = the certificate enabled for UM on the server;
    callRouters   UMCertificateThumbprint = the certificate enabled for UMCallRouter on the server;
    dialPlans     UMServers: 2010 the servers above, 2013+ empty (SDK UMDialPlan.UMServers);
    certificates  Services without UMCallRouter (2010) or without UM and UMCallRouter (2019); none of removed servers;
    registrars, mediationServers, pstnGateways   Version = the topology version (5, 6, 7).
  Without versions (the default) the file is answered as it is, with the cmdlets of Exchange 2016 and Skype for
  Business Server 2015 (the lab org's versions).
#>
function Initialize-LabProfile {
  param([string]$ExchangeVersion, [string]$SkypeVersion, [string[]]$Withhold)
  $exchangeSet = 'Exchange2016'
  if ($ExchangeVersion) { $exchangeSet = Get-LabProductVersionName 'exchange' $ExchangeVersion }
  $skypeSet = 'SfB2015'
  if ($SkypeVersion) { $skypeSet = Get-LabProductVersionName 'skype' $SkypeVersion }
  $withheld = New-Object 'System.Collections.Generic.List[string]'
  foreach ($w in @($Withhold)) { if (-not [string]::IsNullOrWhiteSpace($w)) { $withheld.Add($w.Trim()) } }
  $available = New-Object 'System.Collections.Generic.List[string]'
  $unavailable = New-Object 'System.Collections.Generic.List[string]'
  foreach ($name in $script:CommandVersions.Keys) {
    $versions = $script:CommandVersions[$name]
    $has = ($versions -contains $exchangeSet) -or ($versions -contains $skypeSet)
    foreach ($w in $withheld) { if ([string]::Equals($w, $name, [System.StringComparison]::OrdinalIgnoreCase)) { $has = $false } }
    if ($has) { $available.Add($name) } else { $unavailable.Add($name) }
  }
  $script:Profile = [pscustomobject]@{
    Exchange = $(if ($ExchangeVersion) { $ExchangeVersion } else { $null })
    Skype = $(if ($SkypeVersion) { $SkypeVersion } else { $null })
    ExchangeSet = $exchangeSet
    SkypeSet = $skypeSet
    Withheld = $withheld.ToArray()
    Available = $available.ToArray()
    Unavailable = $unavailable.ToArray()
    Sections = @{}
    ExchangeSessionServer = $null
    SkypeSessionServer = $null
  }
  Update-LabProfileData
}

# The profile's view of the version-dependent sections (index-aligned with the file; $null = not in this org).
function Update-LabProfileData {
  $p = $script:Profile
  if ($null -eq $p) { return }
  $p.Sections = @{}
  $store = $script:Store
  $raw = @{}
  foreach ($name in 'exchange.servers', 'exchange.umServices', 'exchange.callRouters', 'exchange.dialPlans', 'exchange.certificates', 'skype.registrars', 'skype.mediationServers', 'skype.pstnGateways') {
    $raw[$name] = @($store.Materialize($name, $store.All($name), -1))
  }
  $v = $p.Exchange

  # Servers. (Hashtables, not loops over loops: a generated org has tens of servers and 100,000 users.)
  $umServerNames = @{}
  foreach ($u in $raw['exchange.umServices']) { foreach ($n in 'Name', 'Identity') { $x = Get-LabStringProperty $u $n; if ($x) { $umServerNames[$x] = $true } } }
  $removedHosts = @{}
  $servers = New-Object 'System.Collections.Generic.List[object]'
  $organization = $null
  if ($store.Count('exchange.organization') -gt 0) { $organization = Get-LabStringProperty (@($store.Materialize('exchange.organization', [int[]]@(0), 1))[0]) 'Name' }
  foreach ($s in $raw['exchange.servers']) {
    $release = Get-LabExchangeRelease (Get-LabStringProperty $s 'AdminDisplayVersion')
    $name = Get-LabStringProperty $s 'Name'
    Add-LabServerMembers $s $organization $release
    $hasUm = $name -and $umServerNames.ContainsKey($name)
    if ($v -eq '2010' -and $release -eq '2019') {
      # Exchange 2019 cannot join an organization that still has Exchange 2010 servers.
      foreach ($n in 'Name', 'Fqdn') { $x = Get-LabStringProperty $s $n; if ($x) { $removedHosts[$x] = $true } }
      $servers.Add($null)
      continue
    }
    if ($v) {
      $target = $v
      if ($release -eq '2019' -and ($v -eq '2013' -or $v -eq '2016')) { $target = '2019' }
      Set-LabServerVersion $s $target $hasUm
    }
    $servers.Add($s)
  }
  $p.Sections['exchange.servers'] = $servers.ToArray()
  $firstServer = @($servers | Where-Object { $null -ne $_ }) | Select-Object -First 1
  if ($null -ne $firstServer) { $p.ExchangeSessionServer = Get-LabStringProperty $firstServer 'Fqdn' }

  # Certificates: the services a version has; none of the servers that left.
  $certs = New-Object 'System.Collections.Generic.List[object]'
  foreach ($c in $raw['exchange.certificates']) {
    $certHost = ([string](Get-LabStringProperty $c 'Identity')).Split([char]'\')[0]
    if ($certHost -and ($removedHosts.ContainsKey($certHost) -or $removedHosts.ContainsKey($certHost.Split([char]'.')[0]))) { $certs.Add($null); continue }
    $services = Get-LabStringProperty $c 'Services'
    if ($services -and ($v -eq '2010' -or $v -eq '2019')) {
      $drop = @('UMCallRouter')
      if ($v -eq '2019') { $drop = @('UM', 'UMCallRouter') }
      $kept = @($services.Split([char]',') | ForEach-Object { $_.Trim() } | Where-Object { $_ -and ($drop -notcontains $_) })
      if ($kept.Count -eq 0) { $kept = @('None') }
      Set-LabDataMember $c 'Services' ([string]::Join(', ', $kept))
    }
    $certs.Add($c)
  }
  $p.Sections['exchange.certificates'] = $certs.ToArray()

  # Dial plans and UM servers.
  $dialPlans = $raw['exchange.dialPlans']
  $umServices = $raw['exchange.umServices']
  if ($v -eq '2010') {
    $assign = Get-LabUm2010Assignment $dialPlans $umServices
    foreach ($d in $dialPlans) { $n = Get-LabStringProperty $d 'Name'; if ($n) { Set-LabDataMember $d 'UMServers' ([string[]]$assign.ServersOf[$n].ToArray()) } }
    foreach ($u in $umServices) { $n = Get-LabStringProperty $u 'Name'; if ($n) { Set-LabDataMember $u 'DialPlans' ([string[]]$assign.DialPlansOf[$n].ToArray()) } }
  } elseif ($v -eq '2013' -or $v -eq '2016') {
    # 2013 and 2016 servers cannot be associated with TelExt or E.164 dial plans, only SIP ones (Set-UMService, -DialPlans).
    $sipPlans = @{}
    foreach ($d in $dialPlans) {
      if ((Get-LabStringProperty $d 'URIType') -eq 'SipName') { $n = Get-LabStringProperty $d 'Name'; if ($n) { $sipPlans[$n] = $true } }
      Set-LabDataMember $d 'UMServers' ([string[]]@())
    }
    foreach ($u in $umServices) {
      $plans = @(@($u.PSObject.Properties['DialPlans'].Value) | Where-Object { $_ -and $sipPlans.ContainsKey([string]$_) })
      Set-LabDataMember $u 'DialPlans' ([string[]]$plans)
    }
  }
  # UMCertificateThumbprint: the certificate the server has enabled for UM / UMCallRouter (Enable-ExchangeCertificate -Services).
  $enabled = Get-LabServiceCertificates $servers $certs
  foreach ($u in $umServices) { Set-LabDataMember $u 'UMCertificateThumbprint' $enabled[(Get-LabStringProperty $u 'Identity') + '|UM'] }
  foreach ($r in $raw['exchange.callRouters']) { Set-LabDataMember $r 'UMCertificateThumbprint' $enabled[(Get-LabStringProperty $r 'Identity') + '|UMCallRouter'] }
  $p.Sections['exchange.dialPlans'] = $dialPlans
  $p.Sections['exchange.umServices'] = $umServices
  $p.Sections['exchange.callRouters'] = $raw['exchange.callRouters']

  # Skype: the topology version of the profile's product; the session's Front End.
  if ($p.Skype) {
    foreach ($n in 'skype.registrars', 'skype.mediationServers', 'skype.pstnGateways') {
      foreach ($o in $raw[$n]) { Set-LabDataMember $o 'Version' ([int]$script:SkypeTopologyVersions[$p.Skype]) }
    }
  }
  foreach ($n in 'skype.registrars', 'skype.mediationServers', 'skype.pstnGateways') { $p.Sections[$n] = $raw[$n] }
  $p.SkypeSessionServer = Get-LabSkypeSessionServer $raw['skype.registrars']
}

# Members every Exchange server object has that the lab file may not hold, in the real captures' forms
# (test/fixtures/samples/get-exchangeserver-clixml-1.txt, -2.txt): OrganizationalUnit (domain/server), the server's
# legacy DN under the organization's first administrative group, MitigationsEnabled (the Emergency Mitigation
# service of Exchange 2016 and 2019: true on both samples' servers; the member has no value on older versions) and
# IsFrontendTransportServer.
function Add-LabServerMembers {
  param([object]$Server, [string]$Organization, [string]$Release)
  $name = Get-LabStringProperty $Server 'Name'
  if ($null -eq $Server.PSObject.Properties['OrganizationalUnit']) {
    $domain = Get-LabStringProperty $Server 'Domain'
    if ($domain -and $name) { Set-LabDataMember $Server 'OrganizationalUnit' ($domain + '/' + $name) }
  }
  if ($null -eq $Server.PSObject.Properties['ExchangeLegacyDN'] -and $Organization -and $name) {
    Set-LabDataMember $Server 'ExchangeLegacyDN' ('/o=' + $Organization + '/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=' + $name)
  }
  if ($null -eq $Server.PSObject.Properties['MitigationsEnabled'] -and ($Release -eq '2016' -or $Release -eq '2019')) { Set-LabDataMember $Server 'MitigationsEnabled' $true }
  # The Front End Transport service runs with the Client Access services from Exchange 2013 on (true on both samples).
  if ($null -eq $Server.PSObject.Properties['IsFrontendTransportServer']) {
    $cas = $Server.PSObject.Properties['IsClientAccessServer']
    Set-LabDataMember $Server 'IsFrontendTransportServer' ([bool]($Release -and $Release -ne '2010' -and $null -ne $cas -and $cas.Value -eq $true))
  }
}

# AdminDisplayVersion, ServerRole and role flags of a server of that version. 2016 and 2019: the Client Access
# services are part of the Mailbox role, ServerRole is Mailbox (test/fixtures/samples/get-exchangeserver-clixml-1.txt,
# -2.txt: Mailbox, IsClientAccessServer true; UM on 2016 only). 2013: Mailbox and Client Access roles. 2010: separate
# roles, UnifiedMessaging on the UM servers.
function Set-LabServerVersion {
  param([object]$Server, [string]$Version, [bool]$HasUm)
  Set-LabDataMember $Server 'AdminDisplayVersion' $script:ExchangeBuilds[$Version]
  switch ($Version) {
    '2010' {
      $role = 'Mailbox, ClientAccess, HubTransport'
      if ($HasUm) { $role = 'Mailbox, ClientAccess, UnifiedMessaging, HubTransport' }
      Set-LabDataMember $Server 'ServerRole' $role
      Set-LabDataMember $Server 'IsUnifiedMessagingServer' $HasUm
      Set-LabDataMember $Server 'IsE15OrLater' $false
      Set-LabDataMember $Server 'IsFrontendTransportServer' $false
      $path = Get-LabStringProperty $Server 'DataPath'
      if ($path) { Set-LabDataMember $Server 'DataPath' ($path -replace '\\V15\\', '\V14\') }
    }
    '2013' {
      Set-LabDataMember $Server 'ServerRole' 'Mailbox, ClientAccess'
      Set-LabDataMember $Server 'IsUnifiedMessagingServer' $true
      Set-LabDataMember $Server 'IsE15OrLater' $true
      Set-LabDataMember $Server 'IsFrontendTransportServer' $true
    }
    '2016' {
      Set-LabDataMember $Server 'ServerRole' 'Mailbox'
      Set-LabDataMember $Server 'IsUnifiedMessagingServer' $true
      Set-LabDataMember $Server 'IsE15OrLater' $true
      Set-LabDataMember $Server 'IsFrontendTransportServer' $true
    }
    '2019' {
      Set-LabDataMember $Server 'ServerRole' 'Mailbox'
      Set-LabDataMember $Server 'IsUnifiedMessagingServer' $false
      Set-LabDataMember $Server 'IsE15OrLater' $true
      Set-LabDataMember $Server 'IsFrontendTransportServer' $true
    }
  }
  if ($Version -eq '2016' -or $Version -eq '2019') { Set-LabDataMember $Server 'MitigationsEnabled' $true } else { Set-LabDataMember $Server 'MitigationsEnabled' $null }
  Set-LabDataMember $Server 'IsMailboxServer' $true
  Set-LabDataMember $Server 'IsClientAccessServer' $true
  Set-LabDataMember $Server 'IsHubTransportServer' $true
  Set-LabDataMember $Server 'IsE14OrLater' $true
}

<#
  Exchange 2010: a dial plan is answered by the UM servers associated with it (UMDialPlan.UMServers, UMServer.DialPlans;
  Set-UMService -DialPlans: "You can also use this parameter to associate Exchange 2010 Unified Messaging servers to a UM
  dial plan"). The file's associations are kept; a dial plan that has none gets the servers whose startup mode answers
  its VoIP security (TCP or Dual for Unsecured, TLS or Dual for SIP secured and Secured), so no dial plan is left
  without a server by the profile itself.
#>
function Get-LabUm2010Assignment {
  param([object[]]$DialPlans, [object[]]$UmServices)
  # (Hashtables: PowerShell's are case-insensitive, as AD names are; a generated org has hundreds of dial plans.)
  $serversOf = @{}
  $dialPlansOf = @{}
  foreach ($d in $DialPlans) { $n = Get-LabStringProperty $d 'Name'; if ($n) { $serversOf[$n] = New-Object 'System.Collections.Generic.List[string]' } }
  foreach ($u in $UmServices) { $n = Get-LabStringProperty $u 'Name'; if ($n) { $dialPlansOf[$n] = New-Object 'System.Collections.Generic.List[string]' } }
  $fitUnsecured = New-Object 'System.Collections.Generic.List[string]'
  $fitSecured = New-Object 'System.Collections.Generic.List[string]'
  foreach ($u in $UmServices) {
    $server = Get-LabStringProperty $u 'Name'
    if (-not $server) { continue }
    foreach ($dp in @($u.PSObject.Properties['DialPlans'].Value)) { $k = [string]$dp; if ($k -and $serversOf.ContainsKey($k)) { $serversOf[$k].Add($server) } }
    $mode = Get-LabStringProperty $u 'UMStartupMode'
    if ($mode -eq 'Dual' -or $mode -eq 'TCP') { $fitUnsecured.Add($server) }
    if ($mode -eq 'Dual' -or $mode -eq 'TLS') { $fitSecured.Add($server) }
  }
  foreach ($d in $DialPlans) {
    $name = Get-LabStringProperty $d 'Name'
    if (-not $name -or $serversOf[$name].Count -gt 0) { continue }
    $fit = $fitSecured
    if ((Get-LabStringProperty $d 'VoIPSecurity') -eq 'Unsecured') { $fit = $fitUnsecured }
    if ($fit.Count -eq 0) { $fit = @($dialPlansOf.Keys) }
    foreach ($server in $fit) { $serversOf[$name].Add([string]$server) }
  }
  foreach ($d in $DialPlans) {
    $name = Get-LabStringProperty $d 'Name'
    if (-not $name) { continue }
    foreach ($server in $serversOf[$name]) { if ($dialPlansOf.ContainsKey($server)) { $dialPlansOf[$server].Add($name) } }
  }
  return [pscustomobject]@{ ServersOf = $serversOf; DialPlansOf = $dialPlansOf }
}

# The certificates servers have enabled for services: "<server>|<service>" -> thumbprint, the server named by its
# Name, Identity or FQDN (a certificate's Identity is <FQDN>\<thumbprint>); the first such certificate of a server.
function Get-LabServiceCertificates {
  param([object[]]$Servers, [object[]]$Certificates)
  $byHost = @{}
  foreach ($c in $Certificates) {
    if ($null -eq $c) { continue }
    $certHost = ([string](Get-LabStringProperty $c 'Identity')).Split([char]'\')[0]
    if (-not $certHost) { continue }
    foreach ($service in ([string](Get-LabStringProperty $c 'Services')).Split([char]',')) {
      foreach ($key in @($certHost, $certHost.Split([char]'.')[0])) {
        $k = $key + '|' + $service.Trim()
        if (-not $byHost.ContainsKey($k)) { $byHost[$k] = Get-LabStringProperty $c 'Thumbprint' }
      }
    }
  }
  $out = @{}
  foreach ($s in $Servers) {
    if ($null -eq $s) { continue }
    $fqdn = Get-LabStringProperty $s 'Fqdn'
    foreach ($service in 'UM', 'UMCallRouter') {
      $thumb = $byHost[[string]$fqdn + '|' + $service]
      if ($null -eq $thumb) { $thumb = $byHost[[string](Get-LabStringProperty $s 'Name') + '|' + $service] }
      foreach ($n in 'Name', 'Identity', 'Fqdn') { $x = Get-LabStringProperty $s $n; if ($x) { $out[$x + '|' + $service] = $thumb } }
    }
  }
  foreach ($k in $byHost.Keys) { if (-not $out.ContainsKey($k)) { $out[$k] = $byHost[$k] } }
  return $out
}

# The Front End a Skype session runs on ("the local computer" of Get-CsCertificate): the first computer of the first
# Registrar pool, else that pool.
function Get-LabSkypeSessionServer {
  param([object[]]$Registrars)
  $pools = @($script:Store.Materialize('skype.pools', $script:Store.All('skype.pools'), -1))
  foreach ($r in $Registrars) {
    $fqdn = Get-LabStringProperty $r 'PoolFqdn'
    foreach ($pool in $pools) {
      if (-not (Test-LabSameName (Get-LabStringProperty $pool 'Fqdn') $fqdn)) { continue }
      $computers = @($pool.PSObject.Properties['Computers'].Value | Where-Object { $_ })
      if ($computers.Count -gt 0) { return [string]$computers[0] }
    }
    if ($fqdn) { return $fqdn }
  }
  foreach ($pool in $pools) {
    $computers = @($pool.PSObject.Properties['Computers'].Value | Where-Object { $_ })
    if ($computers.Count -gt 0) { return [string]$computers[0] }
  }
  return $null
}

# A cmdlet the profile does not have behaves as on a server without it: the name is not a command.
function Assert-LabCommandAvailable {
  param([System.Management.Automation.PSCmdlet]$Cmdlet)
  $name = $Cmdlet.MyInvocation.MyCommand.Name
  if ($null -eq $script:Profile -or -not $script:CommandVersions.Contains($name)) { return }
  if ($script:Profile.Available -contains $name) { return }
  $ex = New-Object System.Management.Automation.CommandNotFoundException -ArgumentList ("The term '{0}' is not recognized as a name of a cmdlet, function, script file, or executable program." -f $name)
  $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'CommandNotFoundException' ([System.Management.Automation.ErrorCategory]::ObjectNotFound) $name))
}

# A parameter the profile's version does not have is refused as PowerShell refuses an unknown parameter.
function Assert-LabParameters {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [System.Collections.IDictionary]$Bound)
  $name = $Cmdlet.MyInvocation.MyCommand.Name
  if ($null -eq $script:Profile -or -not $script:ParameterVersions.ContainsKey($name)) { return }
  $set = $script:Profile.ExchangeSet
  if ($name -like '*-Cs*') { $set = $script:Profile.SkypeSet }
  foreach ($p in $script:ParameterVersions[$name].Keys) {
    if (-not $Bound.ContainsKey($p)) { continue }
    if ($script:ParameterVersions[$name][$p] -contains $set) { continue }
    $ex = New-Object System.Management.Automation.ParameterBindingException -ArgumentList ("A parameter cannot be found that matches parameter name '{0}'." -f $p)
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex ('NamedParameterNotFound,' + $name) ([System.Management.Automation.ErrorCategory]::InvalidArgument) $null))
  }
}

#endregion

#region shapes (the real types of each section's objects)

# Section -> the real type its cmdlet answers with (UmcLabEndpoint.Types.cs; docs/lab-endpoint.md for the sources).
$script:SectionTypes = @{
  'exchange.organization'       = 'Microsoft.Exchange.Data.Directory.Management.OrganizationConfig'
  'exchange.servers'            = 'Microsoft.Exchange.Data.Directory.Management.ExchangeServer'
  'exchange.umServices'         = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMServer'
  'exchange.callRouters'        = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.SIPFEServerConfiguration'
  'exchange.clientAccess'       = 'Microsoft.Exchange.Data.Directory.Management.ClientAccessServer'
  'exchange.dialPlans'          = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMDialPlan'
  'exchange.ipGateways'         = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMIPGateway'
  'exchange.huntGroups'         = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMHuntGroup'
  'exchange.autoAttendants'     = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMAutoAttendant'
  'exchange.mailboxPolicies'    = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMMailboxPolicy'
  'exchange.certificates'       = 'Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate'
  'exchange.partnerApplications' = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.PartnerApplication'
  'exchange.permissions'        = 'Microsoft.Exchange.Management.RecipientTasks.ADAcePresentationObject'
  'skype.sipDomains'            = 'Microsoft.Rtc.Management.Xds.SipDomain'
  'skype.sites'                 = 'Microsoft.Rtc.Management.Deploy.Internal.Site+CentralSite'
  'skype.pools'                 = 'Microsoft.Rtc.Management.Deploy.Internal.Cluster'
  'skype.registrars'            = 'Microsoft.Rtc.Management.Xds.DisplayRegistrar'
  'skype.mediationServers'      = 'Microsoft.Rtc.Management.Xds.DisplayMediationServer'
  'skype.pstnGateways'          = 'Microsoft.Rtc.Management.Xds.DisplayPstnGateway'
  'skype.dialPlans'             = 'Microsoft.Rtc.Management.WritableConfig.Policy.Voice.LocationProfile'
  'skype.mediaConfigurations'   = 'Microsoft.Rtc.Management.WritableConfig.Settings.Media.MediaSettings'
  'skype.hostedVoicemailPolicies' = 'Microsoft.Rtc.Management.WritableConfig.Policy.Voice.HostedVoicemailPolicy'
  'skype.exUmContacts'          = 'Microsoft.Rtc.Management.ADConnect.Schema.OCSADExUmContact'
  'skype.certificates'          = 'Microsoft.Rtc.Management.Deployment.CertificateReference'
  'skype.oauth'                 = 'Microsoft.Rtc.Management.WritableConfig.Settings.SSAuth.OAuthSettings'
  'skype.partnerApplications'   = 'Microsoft.Rtc.Management.WritableConfig.Settings.SSAuth.PartnerApplication'
}

# The three large sections stay the file's objects with the real type names (building typed objects for a
# 100,000-user org costs more than the rest of the call; over remoting the two are written alike).
$script:LightSections = @{
  'exchange.mailboxes'   = @('Microsoft.Exchange.Data.Directory.Management.Mailbox', 'Microsoft.Exchange.Data.Directory.Management.ADPresentationObject', 'Microsoft.Exchange.Data.Directory.ADObject', 'Microsoft.Exchange.Data.Directory.ADRawEntry', 'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object')
  'exchange.umMailboxes' = @('Microsoft.Exchange.Data.Directory.Management.UMMailbox', 'Microsoft.Exchange.Data.Directory.Management.ADPresentationObject', 'Microsoft.Exchange.Data.Directory.ADObject', 'Microsoft.Exchange.Data.Directory.ADRawEntry', 'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object')
  'skype.users'          = @('Microsoft.Rtc.Management.ADConnect.Schema.ADUser', 'System.Object')
}

# The file's objects of a section at these indexes (at most $Limit; -1: all), as the profile shows them.
function Get-LabSectionData {
  param([string]$Section, [int[]]$Index, [int]$Limit = -1)
  $view = $null
  if ($null -ne $script:Profile -and $script:Profile.Sections.ContainsKey($Section)) { $view = $script:Profile.Sections[$Section] }
  if ($null -eq $view) { return , $script:Store.Materialize($Section, $Index, $Limit) }
  $out = New-Object 'System.Collections.Generic.List[object]'
  foreach ($i in $Index) {
    if ($Limit -ge 0 -and $out.Count -ge $Limit) { break }
    if ($i -lt $view.Length -and $null -ne $view[$i]) { $out.Add($view[$i]) }
  }
  return , $out.ToArray()
}

# Whether the profile shows the object at this index of a section (a server of another org is not shown).
function Test-LabVisible {
  param([string]$Section, [int]$Index)
  if ($null -eq $script:Profile -or -not $script:Profile.Sections.ContainsKey($Section)) { return $true }
  $view = $script:Profile.Sections[$Section]
  return $Index -lt $view.Length -and $null -ne $view[$Index]
}

# The objects a cmdlet writes: the real type built from each file object (or the light form of the large sections).
function ConvertTo-LabShape {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Section, [object[]]$Objects)
  if ($script:LightSections.ContainsKey($Section)) {
    [UmcLabEndpoint.V3.Shapes]::Decorate($Objects, [string[]]$script:LightSections[$Section], $Section.StartsWith('exchange.'))
    if ($Section -eq 'exchange.mailboxes') { [UmcLabEndpoint.V3.Shapes]::AddMailboxMembers($Objects) }
    return , $Objects
  }
  $exchange = $Section.StartsWith('exchange.')
  $out = New-Object 'System.Collections.Generic.List[object]'
  try {
    for ($i = 0; $i -lt $Objects.Length; $i++) {
      $typeName = $script:SectionTypes[$Section]
      if ($Section -eq 'skype.sites' -and (Get-LabStringProperty $Objects[$i] 'SiteType') -eq 'BranchOffice') { $typeName = 'Microsoft.Rtc.Management.Deploy.Internal.Site+BranchSite' }
      $o = [UmcLabEndpoint.V3.Shapes]::Build(($typeName -as [type]), $Objects[$i], $exchange, ('{0}[{1}]' -f $Section, $i))
      if ($Section -eq 'skype.partnerApplications') { $o.PSObject.TypeNames.Insert(0, $typeName + '#Decorated') }
      $out.Add($o)
    }
  } catch {
    $inner = Get-LabInnerException $_.Exception
    $ex = New-Object System.IO.InvalidDataException -ArgumentList ("The lab snapshot holds a value its cmdlet cannot return: {0}" -f $inner.Message)
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.InvalidData' ([System.Management.Automation.ErrorCategory]::InvalidData) $Section))
  }
  return , $out.ToArray()
}

#endregion

#region the Get-* body

<#
  The common body of the Get-* cmdlets.
  Sections: the snapshot sections read (in order). Bound: the cmdlet's $PSBoundParameters.
  IdentityProps/Candidates: how -Identity matches. FilterProperty: the one property -Filter may name.
  AddressFilter: the filter property is PrimarySmtpAddress, which Exchange also matches against every SMTP
  address of the recipient (https://learn.microsoft.com/powershell/exchange/filter-properties, PrimarySmtpAddress).
  ExchangeDefaultSize: Exchange's default -ResultSize (1000, with its warning) when -ResultSize is absent.
  Keep: a predicate on the file's objects (Get-CsCertificate: the local Front End's only).
#>
function Invoke-LabGet {
  param(
    [System.Management.Automation.PSCmdlet]$Cmdlet,
    [string[]]$Sections,
    [System.Collections.IDictionary]$Bound,
    [string]$IdentityParameter = 'Identity',
    [string[]]$IdentityProps = $null,
    [switch]$SipVariants,
    [switch]$TagVariants,
    [string]$FilterProperty = $null,
    [switch]$AddressFilter,
    [switch]$ExchangeDefaultSize,
    [scriptblock]$Keep = $null
  )
  $name = $Cmdlet.MyInvocation.MyCommand.Name
  Enter-LabRead $Cmdlet

  $limit = -1
  if ($Bound.ContainsKey('ResultSize')) { $limit = ConvertFrom-LabResultSize $Cmdlet $name ([string]$Bound['ResultSize']) }
  elseif ($ExchangeDefaultSize) { $limit = -2 }
  $filter = $null
  if ($Bound.ContainsKey('Filter')) { $filter = ConvertFrom-LabFilter $Cmdlet $name ([string]$Bound['Filter']) $FilterProperty }

  $hasIdentity = $Bound.ContainsKey($IdentityParameter)
  $identity = $null
  $candidates = $null
  if ($hasIdentity) {
    $identity = [string]$Bound[$IdentityParameter]
    $c = New-Object 'System.Collections.Generic.List[string]'
    $c.Add($identity)
    if ($SipVariants -and -not $identity.StartsWith('sip:', [System.StringComparison]::OrdinalIgnoreCase)) { $c.Add('sip:' + $identity) }
    # An XdsIdentity without a scope names a per-user policy: `-Identity ExRedmond` is Tag:ExRedmond
    # (Get-CsHostedVoicemailPolicy's reference, example 2).
    if ($TagVariants -and $identity -notmatch '^(?i)(global$|site:|tag:|service:)') { $c.Add('Tag:' + $identity) }
    $candidates = $c.ToArray()
  }

  $found = 0
  $out = New-Object 'System.Collections.Generic.List[object]'
  foreach ($section in $Sections) {
    $idx = $null
    if ($null -ne $filter) {
      if ($AddressFilter) {
        $join = $null
        if ($section -ne 'exchange.mailboxes') { $join = 'exchange.mailboxes' }
        $idx = $script:Store.AddressQuery($section, $FilterProperty, 'EmailAddresses', $join, $filter.Like, [string[]]$filter.NotLike)
      } else {
        $idx = $script:Store.PrefixQuery($section, $FilterProperty, $filter.Like, [string[]]$filter.NotLike)
      }
    }
    if ($hasIdentity) {
      $hits = $script:Store.Find($section, [string[]]$IdentityProps, [string[]]$candidates)
      if ($null -ne $idx) { $hits = Join-LabIndexes $hits $idx }
      $idx = $hits
    } elseif ($null -eq $idx) {
      $idx = $script:Store.All($section)
    }
    if ($null -ne $script:Profile -and $script:Profile.Sections.ContainsKey($section)) { $idx = [int[]]@($idx | Where-Object { Test-LabVisible $section $_ }) }
    $take = -1
    if ($limit -ge 0) { $take = [Math]::Max(0, $limit - $out.Count) }
    elseif ($limit -eq -2) { $take = [Math]::Max(0, 1000 - $out.Count) }
    if ($null -ne $Keep) {
      $all = Get-LabSectionData $section $idx -1
      $data = @($all | Where-Object $Keep)
      $found += $data.Count
      if ($take -ge 0 -and $data.Count -gt $take) { $data = @($data | Select-Object -First $take) }
    } else {
      $found += $idx.Length
      $data = @()
      if ($take -ne 0) { $data = Get-LabSectionData $section $idx $take }
    }
    if ($data.Length -gt 0) { $out.AddRange([object[]](ConvertTo-LabShape $Cmdlet $section $data)) }
  }

  if ($hasIdentity -and $found -eq 0) {
    Write-LabNotFound $Cmdlet $name $identity
    return
  }
  if ($limit -eq -2 -and $found -gt 1000) { Write-LabSizeWarning $Cmdlet }
  $Cmdlet.WriteObject($out.ToArray(), $true)
}

function Write-LabSizeWarning {
  param([System.Management.Automation.PSCmdlet]$Cmdlet)
  $Cmdlet.WriteWarning('By default, only the first 1000 items are returned. Use the ResultSize parameter to specify the number of items returned. To return all items, specify "-ResultSize Unlimited". Be aware that, depending on the actual number of items, returning all items can take a long time and consume a large amount of memory. Also, we don''t recommend storing the results in a variable. Instead, pipe the results to another task or script to perform batch changes.')
}

#endregion

#region setup

function Initialize-UmcLabEndpoint {
  <#
    .SYNOPSIS
    Lab only: loads the snapshot file the cmdlets of this module answer from, as a version of the products.
    .PARAMETER ExchangeVersion
    2010, 2013, 2016 or 2019: the cmdlets, parameters and objects of that version (default: the file as it is, 2016 cmdlets).
    .PARAMETER SkypeVersion
    2013 (Lync Server 2013), 2015 or 2019 (Skype for Business Server).
    .PARAMETER Withhold
    Cmdlets the session does not have, as when an RBAC role assignment does not grant them.
  #>
  [CmdletBinding()]
  param(
    [Parameter(Mandatory = $true, Position = 0)][string]$Path,
    [switch]$Writable,
    [ValidateSet('2010', '2013', '2016', '2019')][string]$ExchangeVersion,
    [ValidateSet('2013', '2015', '2019')][string]$SkypeVersion,
    [string[]]$Withhold
  )
  Add-LabTypes
  $full = $Path
  try { $full = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path) } catch { $full = $Path }
  if (-not [System.IO.File]::Exists($full)) {
    $ex = New-Object System.IO.FileNotFoundException -ArgumentList ("The snapshot file '{0}' does not exist." -f $Path), $full
    $PSCmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.FileNotFound' ([System.Management.Automation.ErrorCategory]::ObjectNotFound) $Path))
  }
  try {
    $store = [UmcLabEndpoint.V3.Store]::Load($full, $script:KeySpec)
  } catch {
    $inner = Get-LabInnerException $_.Exception
    $ex = New-Object System.IO.InvalidDataException -ArgumentList ("The snapshot file '{0}' cannot be read: {1}" -f $Path, $inner.Message)
    $PSCmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.InvalidSnapshot' ([System.Management.Automation.ErrorCategory]::InvalidData) $Path))
  }
  $format = $store.Header('format')
  if (-not ($format -is [string]) -or $format -cne 'umc-snapshot') {
    $ex = New-Object System.IO.InvalidDataException -ArgumentList ("The file '{0}' is not a UM Integration Console snapshot." -f $Path)
    $PSCmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.InvalidSnapshot' ([System.Management.Automation.ErrorCategory]::InvalidData) $Path))
  }
  $script:Store = $store
  $script:DataPath = $full
  $script:Writable = [bool]$Writable
  $script:DcName = 'localhost'
  Update-LabDirectoryBase
  Initialize-LabProfile $ExchangeVersion $SkypeVersion $Withhold
  if ($script:Profile.ExchangeSessionServer) { $script:DcName = $script:Profile.ExchangeSessionServer }
}

# The store and the product types, compiled once per process (one Add-Type: each compilation costs about a second).
function Add-LabTypes {
  $needStore = -not ('UmcLabEndpoint.V3.Store' -as [type])
  $needTypes = -not ('Microsoft.Exchange.Data.Directory.ADObjectId' -as [type])
  if (-not $needStore -and -not $needTypes) { return }
  $source = @()
  if ($needStore) { $source += $script:StoreSource }
  if ($needTypes) { $source += [System.IO.File]::ReadAllText($script:TypesPath, [System.Text.Encoding]::UTF8) }
  # Windows PowerShell 5.1's compiler warns about the SYSLIB0057 pragma it does not know, and Add-Type fails on warnings.
  Add-Type -TypeDefinition ([string]::Join("`n", $source)) -Language CSharp -IgnoreWarnings:($PSVersionTable.PSEdition -eq 'Desktop') -ErrorAction Stop
}

function Get-UmcLabEndpointInfo {
  [CmdletBinding()]
  param()
  Assert-LabInitialized $PSCmdlet
  Invoke-LabFault $PSCmdlet $PSCmdlet.MyInvocation.MyCommand.Name
  $exchange = $null
  $skype = $null
  $servers = Get-LabSectionData 'exchange.servers' ($script:Store.All('exchange.servers')) 1
  if ($servers.Length -gt 0) { $exchange = Get-LabStringProperty $servers[0] 'AdminDisplayVersion' }
  $registrars = Get-LabSectionData 'skype.registrars' ($script:Store.All('skype.registrars')) 1
  if ($registrars.Length -gt 0) {
    $skype = Get-LabStringProperty $registrars[0] 'Version'
    # Get-CsService's Version is the topology version; say it as Get-CsServerVersion would.
    switch ($skype) {
      '5' { $skype = 'Lync Server 2013 (topology version 5)' }
      '6' { $skype = 'Skype for Business Server 2015 (topology version 6)' }
      '7' { $skype = 'Skype for Business Server 2019 (topology version 7)' }
    }
  }
  $directory = Get-LabDirectory $PSCmdlet
  $p = $script:Profile
  [pscustomobject][ordered]@{
    Name = 'UmcLabEndpoint'; DataPath = $script:DataPath; ExchangeVersion = $exchange; SkypeVersion = $skype
    Operator = $directory.Operator; Writable = $script:Writable
    ExchangeProfile = $p.Exchange; SkypeProfile = $p.Skype; ExchangeCommandSet = $p.ExchangeSet; SkypeCommandSet = $p.SkypeSet
    Withheld = [string[]]$p.Withheld; Commands = [string[]]$p.Available; Unavailable = [string[]]$p.Unavailable
    ExchangeSessionServer = $p.ExchangeSessionServer; SkypeSessionServer = $p.SkypeSessionServer
  }
}

#endregion

#region Exchange

function Get-OrganizationConfig {
  [CmdletBinding()]
  param()
  Invoke-LabGet $PSCmdlet @('exchange.organization') $PSBoundParameters
}

function Get-ExchangeServer {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('exchange.servers') $PSBoundParameters
}

# Exchange 2013 and 2016: the UM service settings of each Mailbox server (Get-UMService reference page).
function Get-UMService {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('exchange.umServices') $PSBoundParameters
}

# Exchange 2010: the same settings on each Unified Messaging server.
function Get-UMServer {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('exchange.umServices') $PSBoundParameters
}

# "If you don't use this parameter, the command is run on the local server" (Get-UMCallRouterSettings, -Server):
# the server the session is on.
function Get-UMCallRouterSettings {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Server)
  $name = $PSCmdlet.MyInvocation.MyCommand.Name
  Enter-LabRead $PSCmdlet
  $target = $Server
  if (-not $PSBoundParameters.ContainsKey('Server')) { $target = $script:Profile.ExchangeSessionServer }
  if ([string]::IsNullOrEmpty($target)) { return }
  $hits = [int[]]@($script:Store.Find('exchange.callRouters', [string[]]@('Identity'), [string[]](Resolve-LabServer $target)) | Where-Object { Test-LabVisible 'exchange.callRouters' $_ })
  if ($hits.Length -eq 0) {
    if ($PSBoundParameters.ContainsKey('Server')) { Write-LabNotFound $PSCmdlet $name $Server }
    return
  }
  $PSCmdlet.WriteObject((ConvertTo-LabShape $PSCmdlet 'exchange.callRouters' (Get-LabSectionData 'exchange.callRouters' $hits)), $true)
}

function Get-ClientAccessService {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('exchange.clientAccess') $PSBoundParameters
}

function Get-ClientAccessServer {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('exchange.clientAccess') $PSBoundParameters
}

function Get-UMDialPlan {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('exchange.dialPlans') $PSBoundParameters
}

function Get-UMIPGateway {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('exchange.ipGateways') $PSBoundParameters
}

function Get-UMHuntGroup {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity, [string]$UMDialPlan)
  $name = $PSCmdlet.MyInvocation.MyCommand.Name
  if (-not $PSBoundParameters.ContainsKey('UMDialPlan')) {
    Invoke-LabGet $PSCmdlet @('exchange.huntGroups') $PSBoundParameters -IdentityProps @('Identity', 'Name')
    return
  }
  Enter-LabRead $PSCmdlet
  $plans = $script:Store.Find('exchange.dialPlans', $null, [string[]]@($UMDialPlan))
  if ($plans.Length -eq 0) { Write-LabNotFound $PSCmdlet $name $UMDialPlan; return }
  $names = New-Object 'System.Collections.Generic.List[string]'
  $names.Add($UMDialPlan)
  foreach ($p in $script:Store.Materialize('exchange.dialPlans', $plans, -1)) {
    foreach ($prop in 'Identity', 'Name') { $v = Get-LabStringProperty $p $prop; if ($v) { $names.Add($v) } }
  }
  $idx = $script:Store.Find('exchange.huntGroups', [string[]]@('UMDialPlan'), $names.ToArray())
  if ($PSBoundParameters.ContainsKey('Identity')) {
    $idx = Join-LabIndexes ($script:Store.Find('exchange.huntGroups', [string[]]@('Identity', 'Name'), [string[]]@($Identity))) $idx
    if ($idx.Length -eq 0) { Write-LabNotFound $PSCmdlet $name $Identity; return }
  }
  $PSCmdlet.WriteObject((ConvertTo-LabShape $PSCmdlet 'exchange.huntGroups' (Get-LabSectionData 'exchange.huntGroups' ([int[]]$idx))), $true)
}

function Get-UMAutoAttendant {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('exchange.autoAttendants') $PSBoundParameters
}

function Get-UMMailboxPolicy {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('exchange.mailboxPolicies') $PSBoundParameters
}

<#
  Get-ExchangeCertificate: "If you don't use this parameter [-Server], the command is run on the local server":
  the server the session is on. -Identity (2013+) is ServerNameOrFQDN\Thumbprint or Thumbprint, without -Server.
  Each certificate is an ExchangeCertificate; over remoting only its RawData arrives.
#>
function Get-ExchangeCertificate {
  [CmdletBinding(DefaultParameterSetName = 'Thumbprint')]
  param(
    [Parameter(Position = 0, ParameterSetName = 'Thumbprint')][string]$Thumbprint,
    [Parameter(ParameterSetName = 'Identity')][string]$Identity,
    [Parameter(ParameterSetName = 'Thumbprint')][string]$Server
  )
  $name = $PSCmdlet.MyInvocation.MyCommand.Name
  Enter-LabRead $PSCmdlet
  $serverName = $script:Profile.ExchangeSessionServer
  $wanted = $Thumbprint
  $explicitServer = $PSBoundParameters.ContainsKey('Server')
  if ($explicitServer) { $serverName = $Server }
  if ($PSBoundParameters.ContainsKey('Identity')) {
    $parts = $Identity.Split([char]'\')
    $wanted = $parts[$parts.Length - 1]
    if ($parts.Length -gt 1) { $serverName = $parts[0]; $explicitServer = $true }
  }
  if ([string]::IsNullOrEmpty($serverName)) { return }
  $servers = Resolve-LabServer $serverName
  $idx = $script:Store.All('exchange.certificates')
  $keep = New-Object 'System.Collections.Generic.List[int]'
  foreach ($i in $idx) {
    if (-not (Test-LabVisible 'exchange.certificates' $i)) { continue }
    $id = $script:Store.Key('exchange.certificates', $i, 'Identity')
    if ($null -eq $id) { continue }
    $host_ = $id.Split([char]'\')[0]
    $label = $host_.Split([char]'.')[0]
    foreach ($s in $servers) {
      if ((Test-LabSameName $s $host_) -or (Test-LabSameName $s $label)) { $keep.Add($i); break }
    }
  }
  if ($keep.Count -eq 0 -and $explicitServer -and $servers.Length -eq 1) { Write-LabNotFound $PSCmdlet $name $(if ($PSBoundParameters.ContainsKey('Identity')) { $Identity } else { $Server }); return }
  $idx = $keep.ToArray()
  if (-not [string]::IsNullOrEmpty($wanted)) {
    $idx = Join-LabIndexes ($script:Store.Find('exchange.certificates', [string[]]@('Thumbprint', 'Identity'), [string[]]@($wanted))) $idx
    if ($idx.Length -eq 0) { Write-LabNotFound $PSCmdlet $name $(if ($PSBoundParameters.ContainsKey('Identity')) { $Identity } else { $Thumbprint }); return }
  }
  $PSCmdlet.WriteObject((ConvertTo-LabShape $PSCmdlet 'exchange.certificates' (Get-LabSectionData 'exchange.certificates' ([int[]]$idx))), $true)
}

function Get-PartnerApplication {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('exchange.partnerApplications') $PSBoundParameters
}

function Get-ADPermission {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true, Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('exchange.permissions') $PSBoundParameters -IdentityProps @('Identity')
}

function Get-Mailbox {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity, [string]$ResultSize, [string]$Filter)
  Invoke-LabGet $PSCmdlet @('exchange.mailboxes') $PSBoundParameters -FilterProperty 'PrimarySmtpAddress' -AddressFilter -ExchangeDefaultSize
}

function Get-UMMailbox {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity, [string]$ResultSize, [string]$Filter)
  Invoke-LabGet $PSCmdlet @('exchange.umMailboxes') $PSBoundParameters -FilterProperty 'PrimarySmtpAddress' -AddressFilter -ExchangeDefaultSize
}

#endregion

#region Skype for Business

function Get-CsSipDomain {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('skype.sipDomains') $PSBoundParameters
}

function Get-CsSite {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('skype.sites') $PSBoundParameters
}

function Get-CsPool {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('skype.pools') $PSBoundParameters
}

function Get-CsService {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity, [switch]$Registrar, [switch]$MediationServer, [switch]$PstnGateway)
  $sections = New-Object 'System.Collections.Generic.List[string]'
  if ($Registrar) { $sections.Add('skype.registrars') }
  if ($MediationServer) { $sections.Add('skype.mediationServers') }
  if ($PstnGateway) { $sections.Add('skype.pstnGateways') }
  if ($sections.Count -eq 0) { $sections.AddRange([string[]]@('skype.registrars', 'skype.mediationServers', 'skype.pstnGateways')) }
  Invoke-LabGet $PSCmdlet $sections.ToArray() $PSBoundParameters
}

function Get-CsDialPlan {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('skype.dialPlans') $PSBoundParameters
}

function Get-CsMediaConfiguration {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('skype.mediaConfigurations') $PSBoundParameters
}

<#
  Get-CsHostedVoicemailPolicy [[-Identity] <XdsIdentity>] [-Filter <String>] [-LocalStore] [-Tenant <Guid>]: its
  reference page (Lync Server 2010 to Skype for Business Server 2019). Without -Identity every policy (Global, site:,
  per-user); -Filter is a wildcard on the Identity ("tag:*": the per-user policies).
#>
function Get-CsHostedVoicemailPolicy {
  [CmdletBinding(DefaultParameterSetName = 'Identity')]
  param(
    [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
    [Parameter(ParameterSetName = 'Filter')][string]$Filter,
    [switch]$LocalStore,
    [guid]$Tenant
  )
  $bound = @{}
  if ($PSBoundParameters.ContainsKey('Identity')) { $bound['Identity'] = $Identity }
  if (-not $PSBoundParameters.ContainsKey('Filter')) {
    Invoke-LabGet $PSCmdlet @('skype.hostedVoicemailPolicies') $bound -TagVariants
    return
  }
  $pattern = New-Object System.Management.Automation.WildcardPattern -ArgumentList @($Filter, [System.Management.Automation.WildcardOptions]::IgnoreCase)
  $keep = { $pattern.IsMatch([string](Get-LabStringProperty $_ 'Identity')) }
  Invoke-LabGet $PSCmdlet @('skype.hostedVoicemailPolicies') @{} -Keep $keep
}

function Get-CsExUmContact {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity, [string]$Filter)
  Invoke-LabGet $PSCmdlet @('skype.exUmContacts') $PSBoundParameters -IdentityProps $script:ContactIdentityProps -SipVariants -FilterProperty 'SipAddress'
}

<#
  Get-CsCertificate: "information about certificates on the local computers" (its reference page); it has no
  -Server. The lab's local computer is the session's Front End (the file's certificates whose PSComputerName is that
  server). -Type filters on Use; -Identity Global (Lync 2013+) gives the global certificates, those copied to every
  computer (OAuthTokenIssuer).
#>
function Get-CsCertificate {
  [CmdletBinding()]
  param([string[]]$Type, [Parameter(Position = 1)][string]$Identity, [string]$Report)
  $wantGlobal = $PSBoundParameters.ContainsKey('Identity')
  if ($wantGlobal -and -not [string]::Equals($Identity, 'Global', [System.StringComparison]::OrdinalIgnoreCase)) {
    Enter-LabRead $PSCmdlet
    Write-LabNotFound $PSCmdlet $PSCmdlet.MyInvocation.MyCommand.Name $Identity
    return
  }
  $session = $script:Profile.SkypeSessionServer
  $types = @($Type | Where-Object { $_ })
  $seen = New-Object 'System.Collections.Generic.HashSet[string]' -ArgumentList @([System.StringComparer]::OrdinalIgnoreCase)
  $keep = {
    $use = Get-LabStringProperty $_ 'Use'
    if ($types.Count -gt 0 -and @($types | Where-Object { Test-LabSameName $_ $use }).Count -eq 0) { return $false }
    if ($wantGlobal) { return ($use -eq 'OAuthTokenIssuer') -and $seen.Add([string](Get-LabStringProperty $_ 'Thumbprint')) }
    return Test-LabSameName (Get-LabStringProperty $_ 'PSComputerName') $session
  }
  # Invoke-LabGet runs $keep in a scope below this one (PowerShell's dynamic scoping): it sees the variables above.
  Invoke-LabGet $PSCmdlet @('skype.certificates') @{} -Keep $keep
}

function Get-CsOAuthConfiguration {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('skype.oauth') $PSBoundParameters
}

function Get-CsPartnerApplication {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('skype.partnerApplications') $PSBoundParameters
}

function Get-CsUser {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity, [string]$ResultSize, [string]$Filter)
  Invoke-LabGet $PSCmdlet @('skype.users') $PSBoundParameters -SipVariants -FilterProperty 'SipAddress'
}

#endregion

#region lab directory (the Exchange directory reads and Test-CsOUPermission answer from it)

$script:ContactIdentityProps = @('Identity', 'SipAddress', 'DisplayName')
# The groups the lab operator is in by default: the RTC groups, and Exchange's Organization Management (the role
# group of the Exchange configuration writes, UmcLabEndpoint.ExchangeWrites.ps1).
$script:RtcGroups = @('RTCUniversalServerAdmins', 'RTCUniversalUserAdmins', 'Organization Management')
$script:ObjectTypes = @('User', 'Computer', 'Contact', 'AppContact', 'InetOrgPerson', 'Device')

# DN helpers (C#: the OU picker and every write resolve names, and PowerShell loops over characters are slow).
function Split-LabDn { param([string]$Dn) return , [UmcLabEndpoint.V3.Dn]::Split($Dn) }
function Get-LabRdnValue { param([string]$Rdn) return [UmcLabEndpoint.V3.Dn]::Value($Rdn) }
function Test-LabRdnType { param([string]$Rdn, [string]$Type) return [UmcLabEndpoint.V3.Dn]::IsType($Rdn, $Type) }
function ConvertTo-LabCanonicalName { param([string]$Dn) return [UmcLabEndpoint.V3.Dn]::Canonical($Dn) }

# What the snapshot tells about the directory: the domain (from the contacts' DNs, else the first SIP
# domain) and the OUs the contacts live in (with every parent OU). Computed at load and reload.
function Update-LabDirectoryBase {
  $domain = $null
  $ous = New-Object 'System.Collections.Generic.List[string]'
  $count = $script:Store.Count('skype.exUmContacts')
  for ($i = 0; $i -lt $count; $i++) {
    $id = $script:Store.Key('skype.exUmContacts', $i, 'Identity')
    if ([string]::IsNullOrEmpty($id)) { continue }
    $rdns = Split-LabDn $id
    $firstDc = -1
    for ($k = 0; $k -lt $rdns.Length; $k++) { if (Test-LabRdnType $rdns[$k] 'DC') { $firstDc = $k; break } }
    if ($firstDc -lt 0) { continue }
    if ($null -eq $domain) { $domain = [string]::Join(',', $rdns[$firstDc..($rdns.Length - 1)]) }
    for ($k = 1; $k -lt $firstDc; $k++) {
      if (-not (Test-LabRdnType $rdns[$k] 'OU')) { continue }
      $ou = [string]::Join(',', $rdns[$k..($rdns.Length - 1)])
      if (-not (Test-LabContains $ous $ou)) { $ous.Add($ou) }
    }
  }
  if ($null -eq $domain -and $script:Store.Count('skype.sipDomains') -gt 0) {
    $sipDomain = Get-LabStringProperty (@($script:Store.Materialize('skype.sipDomains', [int[]]@(0), 1))[0]) 'Identity'
    if ($sipDomain -match '^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$') { $domain = [string]::Join(',', @($sipDomain.Split([char]'.') | ForEach-Object { 'DC=' + $_ })) }
  }
  if ($null -eq $domain) { $domain = 'DC=lab,DC=local' }
  $script:DomainDn = $domain
  $script:ContactOus = $ous.ToArray()
}

function Test-LabContains {
  param($List, [string]$Value)
  foreach ($x in $List) { if ([string]::Equals([string]$x, $Value, [System.StringComparison]::OrdinalIgnoreCase)) { return $true } }
  return $false
}

<#
  The lab directory. Default: the domain of the snapshot; OUs = the contacts' OUs and their parents,
  OU=Users and OU=Locked Contacts (where the RTC groups have no rights: Test-CsOUPermission is $false,
  rule R-C-09); one operator, <NETBIOS>\umcadmin, member of RTCUniversalServerAdmins and RTCUniversalUserAdmins.
  $env:UMC_LAB_DIRECTORY_FILE (read at every call) overrides any of it; see the header of this file.
#>
function Get-LabDirectory {
  param([System.Management.Automation.PSCmdlet]$Cmdlet)
  # Cached: the same base (domain, contact OUs) and the same override file (path, length, time) give the same directory.
  $file = $env:UMC_LAB_DIRECTORY_FILE
  $stamp = [string]$script:DomainDn + '|' + [string]::Join('|', [string[]]$script:ContactOus) + '|' + [string]$file
  if (-not [string]::IsNullOrEmpty($file)) {
    $fi = New-Object System.IO.FileInfo -ArgumentList $file
    if ($fi.Exists) { $stamp += '|' + $fi.Length + '|' + $fi.LastWriteTimeUtc.Ticks }
  }
  if ($null -ne $script:DirectoryCache -and $script:DirectoryStamp -ceq $stamp) { return $script:DirectoryCache }
  $directory = New-LabDirectory $Cmdlet $file
  $script:DirectoryCache = $directory
  $script:DirectoryStamp = $stamp
  return $directory
}

function New-LabDirectory {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$file)
  $domain = $script:DomainDn
  $rdns = Split-LabDn $domain
  $dcs = @($rdns | ForEach-Object { Get-LabRdnValue $_ })
  $dns = [string]::Join('.', $dcs)
  $netbios = ([string]$dcs[0]).ToUpperInvariant()
  $operator = $netbios + '\umcadmin'
  $ous = New-Object 'System.Collections.Generic.List[string]'
  foreach ($o in $script:ContactOus) { $ous.Add($o) }
  foreach ($extra in @(('OU=Users,' + $domain), ('OU=Locked Contacts,' + $domain))) { if (-not (Test-LabContains $ous $extra)) { $ous.Add($extra) } }
  $denied = @('OU=Locked Contacts,' + $domain)
  $groups = [ordered]@{}
  foreach ($g in $script:RtcGroups) { $groups[$g] = @($operator) }

  if (-not [string]::IsNullOrEmpty($file) -and (Test-Path -LiteralPath $file -PathType Leaf)) {
    try {
      $o = ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($file, [System.Text.Encoding]::UTF8))
      if ($null -eq $o -or $o -isnot [System.Management.Automation.PSCustomObject]) { throw 'the file must hold one JSON object' }
      $p = $o.PSObject.Properties['operator']
      if ($null -ne $p) {
        if ($p.Value -isnot [string] -or $p.Value -notmatch '^[^\\/@]+\\[^\\/@]+$') { throw '"operator" must be a DOMAIN\account string' }
        $operator = [string]$p.Value
        foreach ($g in $script:RtcGroups) { $groups[$g] = @($operator) }
      }
      $p = $o.PSObject.Properties['ous']
      if ($null -ne $p) { $ous.Clear(); foreach ($x in @($p.Value)) { if ($x -isnot [string]) { throw '"ous" must be an array of DNs' }; $ous.Add($x) } }
      $p = $o.PSObject.Properties['deniedOus']
      if ($null -ne $p) { $denied = @(@($p.Value) | ForEach-Object { if ($_ -isnot [string]) { throw '"deniedOus" must be an array of DNs' }; $_ }) }
      $p = $o.PSObject.Properties['groups']
      if ($null -ne $p) {
        if ($p.Value -isnot [System.Management.Automation.PSCustomObject]) { throw '"groups" must be an object: group name -> array of members' }
        foreach ($g in $p.Value.PSObject.Properties) {
          $members = @(@($g.Value) | Where-Object { $null -ne $_ } | ForEach-Object { if ($_ -isnot [string]) { throw ('the members of "{0}" must be strings' -f $g.Name) }; $_ })
          $known = $null
          foreach ($k in @($groups.Keys)) { if ([string]::Equals($k, $g.Name, [System.StringComparison]::OrdinalIgnoreCase)) { $known = $k } }
          if ($null -eq $known) { $known = $g.Name }
          $groups[$known] = $members
        }
      }
    } catch {
      $ex = New-Object System.IO.InvalidDataException -ArgumentList ("The lab directory file '{0}' is not valid: {1}" -f $file, $_.Exception.Message)
      $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.InvalidDirectoryFile' ([System.Management.Automation.ErrorCategory]::InvalidData) $file))
    }
  }

  # Accounts: the operator and every DOMAIN\account named as a group member, in OU=Users.
  $users = New-Object 'System.Collections.Generic.List[object]'
  $accounts = New-Object 'System.Collections.Generic.List[string]'
  $accounts.Add($operator)
  foreach ($g in $groups.Keys) { foreach ($m in $groups[$g]) { if ($m -match '^[^\\/@]+\\[^\\/@]+$' -and -not (Test-LabContains $accounts $m)) { $accounts.Add($m) } } }
  foreach ($a in $accounts) {
    $sam = $a.Substring($a.IndexOf([char]'\') + 1)
    $users.Add([pscustomobject][ordered]@{
        Account = $a
        Name = $sam
        Identity = $dns + '/Users/' + $sam
        SamAccountName = $sam
        UserPrincipalName = $sam + '@' + $dns
        DistinguishedName = 'CN=' + $sam + ',OU=Users,' + $domain
      })
  }
  $groupMembers = [ordered]@{}
  foreach ($g in $groups.Keys) {
    $groupMembers[$g] = @($groups[$g] | ForEach-Object {
        $m = [string]$_
        $u = $null
        foreach ($x in $users) { if ([string]::Equals($x.Account, $m, [System.StringComparison]::OrdinalIgnoreCase)) { $u = $x } }
        if ($null -ne $u) { $u.Identity } else { $m }
      })
  }
  $operatorUser = $users[0]
  $canonical = @($ous | ForEach-Object { ConvertTo-LabCanonicalName $_ })
  return [pscustomobject]@{
    DomainDn = $domain; DnsDomain = $dns; NetBios = $netbios; Operator = $operator; OperatorIdentity = $operatorUser.Identity
    Ous = $ous.ToArray(); OuCanonicalNames = $canonical; DeniedOus = $denied; Groups = $groupMembers; Users = $users.ToArray()
  }
}

# The OU a value names (DN or canonical name, any case), as the directory spells its DN. None: $null,
# or with -Cmdlet the cmdlet's terminating <cmdlet>.OUNotFound error (Test-CsOUPermission, New-CsExUmContact).
function Resolve-LabOu {
  param($Directory, [string]$Ou, [System.Management.Automation.PSCmdlet]$Cmdlet = $null)
  for ($i = 0; $i -lt $Directory.Ous.Length; $i++) {
    if ([string]::Equals($Directory.Ous[$i], $Ou, [System.StringComparison]::OrdinalIgnoreCase)) { return $Directory.Ous[$i] }
    if ([string]::Equals($Directory.OuCanonicalNames[$i], $Ou, [System.StringComparison]::OrdinalIgnoreCase)) { return $Directory.Ous[$i] }
  }
  if ($null -ne $Cmdlet) {
    $msg = 'The organizational unit "{0}" was not found. Make sure you have typed it correctly.' -f $Ou
    Stop-LabWrite $Cmdlet (New-Object System.Management.Automation.ItemNotFoundException -ArgumentList $msg) 'OUNotFound' ([System.Management.Automation.ErrorCategory]::ObjectNotFound) $Ou
  }
  return $null
}

# Whether the RTC groups hold the rights Grant-CsOUPermission gives on this OU: not on a denied OU nor
# below one (rights inherit).
function Test-LabOuAllowed {
  param($Directory, [string]$OuDn)
  foreach ($d in $Directory.DeniedOus) {
    if ([string]::Equals($d, $OuDn, [System.StringComparison]::OrdinalIgnoreCase)) { return $false }
    if ($OuDn.EndsWith(',' + $d, [System.StringComparison]::OrdinalIgnoreCase)) { return $false }
  }
  return $true
}

function Test-LabOperatorIn {
  param($Directory, [string]$Group)
  foreach ($g in $Directory.Groups.Keys) {
    if (-not [string]::Equals($g, $Group, [System.StringComparison]::OrdinalIgnoreCase)) { continue }
    foreach ($m in $Directory.Groups[$g]) {
      if ([string]::Equals([string]$m, $Directory.OperatorIdentity, [System.StringComparison]::OrdinalIgnoreCase) -or [string]::Equals([string]$m, $Directory.Operator, [System.StringComparison]::OrdinalIgnoreCase)) { return $true }
    }
  }
  return $false
}

# The start of every read: initialized, faults, the file as it is now. With -Directory, returns the lab directory.
function Enter-LabRead {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [switch]$Directory)
  Assert-LabInitialized $Cmdlet
  Invoke-LabFault $Cmdlet $Cmdlet.MyInvocation.MyCommand.Name
  Sync-LabStore $Cmdlet
  if ($Directory) { return Get-LabDirectory $Cmdlet }
}

# Whether a directory object answers the read: no -Identity given, or one of its names equals it (any case).
function Test-LabIdentityMatch {
  param([System.Collections.IDictionary]$Bound, [object[]]$Names)
  if (-not $Bound.ContainsKey('Identity')) { return $true }
  $identity = [string]$Bound['Identity']
  foreach ($v in $Names) { if ([string]::Equals($v, $identity, [System.StringComparison]::OrdinalIgnoreCase)) { return $true } }
  return $false
}

# A directory object as Exchange answers it: its properties under the real type's names (remoting adds its own members).
function New-LabDirectoryObject {
  param([System.Collections.IDictionary]$Properties, [string]$TypeName)
  $o = [pscustomobject]$Properties
  [UmcLabEndpoint.V3.Shapes]::Decorate([object[]]@($o), [string[]]@($TypeName, 'Microsoft.Exchange.Data.Directory.Management.ADPresentationObject', 'Microsoft.Exchange.Data.Directory.ADObject', 'Microsoft.Exchange.Data.Directory.ADRawEntry', 'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object'), $true)
  return $o
}

# The end of a directory read: the objects, or the not-found error when -Identity named none.
function Write-LabDirectoryResult {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [System.Collections.IDictionary]$Bound, [object[]]$Objects)
  if ($Bound.ContainsKey('Identity') -and $Objects.Length -eq 0) {
    Write-LabNotFound $Cmdlet $Cmdlet.MyInvocation.MyCommand.Name ([string]$Bound['Identity'])
    return
  }
  $Cmdlet.WriteObject($Objects, $true)
}

# PSComputerName, RunspaceId, PSShowComputerName as the objects of a section carry them (post-remoting shape).
function Add-LabRemotingProperties {
  param([System.Collections.IDictionary]$Target, [string]$Section)
  if ($script:Store.Count($Section) -eq 0) { return }
  $first = @($script:Store.MaterializeRaw($Section, [int[]]@(0)))[0]
  foreach ($n in 'PSComputerName', 'RunspaceId', 'PSShowComputerName') {
    $p = $first.PSObject.Properties[$n]
    if ($null -ne $p) { $Target[$n] = $p.Value }
  }
}

#endregion

#region writes

# The exception a .NET call threw, without the MethodInvocationException wrappers PowerShell adds
# around it (the message the user sees is the store's own).
function Get-LabInnerException {
  param([System.Exception]$Exception)
  $inner = $Exception
  while ($inner -is [System.Management.Automation.MethodInvocationException] -and $null -ne $inner.InnerException) { $inner = $inner.InnerException }
  return $inner
}

# A file another process wrote is read again before anything is answered or changed. Reads keep the
# store they have if the new file cannot be read (a reset in progress); writes refuse.
function Sync-LabStore {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [switch]$ForWrite)
  $stale = $false
  try { $stale = $script:Store.IsStale() } catch { $stale = $false }
  if ($ForWrite -and -not [System.IO.File]::Exists($script:DataPath)) {
    $ex = New-Object System.IO.FileNotFoundException -ArgumentList ("The lab snapshot file '{0}' no longer exists: nothing was changed." -f $script:DataPath), $script:DataPath
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.FileNotFound' ([System.Management.Automation.ErrorCategory]::ObjectNotFound) $script:DataPath))
  }
  if (-not $stale) { return }
  try {
    $script:Store = [UmcLabEndpoint.V3.Store]::Load($script:DataPath, $script:KeySpec)
    Update-LabDirectoryBase
    Update-LabProfileData
  } catch {
    if (-not $ForWrite) { return }
    $inner = Get-LabInnerException $_.Exception
    $ex = New-Object System.IO.InvalidDataException -ArgumentList ("The lab snapshot file '{0}' was changed by another process and cannot be read: {1}" -f $script:DataPath, $inner.Message)
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.InvalidSnapshot' ([System.Management.Automation.ErrorCategory]::InvalidData) $script:DataPath))
  }
}

# The start of every write: initialized, faults, writable, the operator may run the cmdlet (RBAC:
# RTCUniversalUserAdmins, docs/contact-objects.md §2), the writers' lock, the file as it is now, and with -Identity
# the contact it names (Set-, Move-, Remove-CsExUmContact). Returns the lock (the caller disposes it in a
# finally), the directory and the contact's index (-1 without -Identity).
function Enter-LabWrite {
  # -Role: the group of the lab directory the operator must be in (RBAC of the cmdlet: RTCUniversalUserAdmins for
  # the contacts, RTCUniversalServerAdmins for Skype configuration, Organization Management for Exchange).
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Identity, [string]$Role = 'RTCUniversalUserAdmins')
  $name = $Cmdlet.MyInvocation.MyCommand.Name
  Assert-LabInitialized $Cmdlet
  Invoke-LabFault $Cmdlet $name
  if (-not $script:Writable) {
    $ex = New-Object System.InvalidOperationException -ArgumentList ("The lab endpoint is read-only: {0} changes nothing. The snapshot '{1}' was opened without -Writable (the lab org shipped with the console is never written; changes go to your own copy of it)." -f $name, $script:DataPath)
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.ReadOnly' ([System.Management.Automation.ErrorCategory]::InvalidOperation) $name))
  }
  $directory = Get-LabDirectory $Cmdlet
  if ($name -ne 'Test-CsOUPermission' -and -not (Test-LabOperatorIn $directory $Role)) {
    $ex = New-Object System.UnauthorizedAccessException -ArgumentList ("Access is denied. ""{0}"" is not a member of {2}, the role that may run {1}." -f $directory.Operator, $name, $Role)
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex "$name.AccessDenied" ([System.Management.Automation.ErrorCategory]::PermissionDenied) $directory.Operator))
  }
  try { $lock = [UmcLabEndpoint.V3.Store]::Lock($script:DataPath, 10000) }
  catch {
    $inner = Get-LabInnerException $_.Exception
    $ex = New-Object System.IO.IOException -ArgumentList ("The change was not saved: {0}. The snapshot file is unchanged." -f $inner.Message)
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.WriteFailed' ([System.Management.Automation.ErrorCategory]::WriteError) $script:DataPath))
  }
  # A finally, not a catch: ThrowTerminatingError (Sync-LabStore, Resolve-LabContact) passes by a catch
  # in this function but runs its finally blocks.
  $index = -1
  $entered = $false
  try {
    Sync-LabStore $Cmdlet -ForWrite
    if ($PSBoundParameters.ContainsKey('Identity')) { $index = Resolve-LabContact $Cmdlet $Identity }
    $entered = $true
  } finally {
    if (-not $entered) { $lock.Dispose() }
  }
  return @($lock, $directory, $index)
}

# Splices one contact into the file (insert / replace / delete) and switches to the new store.
function Save-LabContact {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Op, [int]$Index, [object]$Contact, [string]$Target)
  Save-LabObject $Cmdlet 'skype.exUmContacts' $Op $Index $Contact $Target
}

# Splices one object into a section of the file (insert / replace / delete: Store.Commit writes the whole
# file atomically) and switches to the new store; then the '<Cmdlet>.afterWrite' test fault.
function Save-LabObject {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Section, [string]$Op, [int]$Index, [object]$Object, [string]$Target)
  try {
    $script:Store = $script:Store.Commit($Section, $Op, $Index, $Object, $script:KeySpec)
  } catch {
    $inner = Get-LabInnerException $_.Exception
    $ex = New-Object System.IO.IOException -ArgumentList ("The change was not saved: {0} The snapshot file is unchanged." -f $inner.Message)
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.WriteFailed' ([System.Management.Automation.ErrorCategory]::WriteError) $Target))
  }
  # Tests only: faults keyed '<Cmdlet>.afterWrite' run here, once the change is on disk and before
  # the cmdlet answers (a host killed now leaves a change applied whose answer never came).
  Invoke-LabFault $Cmdlet ($Cmdlet.MyInvocation.MyCommand.Name + '.afterWrite')
}

function Stop-LabWrite {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [System.Exception]$Exception, [string]$Reason, [System.Management.Automation.ErrorCategory]$Category, [object]$Target)
  $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $Exception ($Cmdlet.MyInvocation.MyCommand.Name + '.' + $Reason) $Category $Target))
}

# RFC 3261 section 25.1: user = 1*( unreserved / escaped / user-unreserved ); the host a DNS name.
$script:SipPattern = New-Object System.Text.RegularExpressions.Regex -ArgumentList @(
  '^sip:(?<user>(?:[A-Za-z0-9\-_.!~*''()&=+$,;?/]|%[0-9A-Fa-f]{2})+)@(?<host>[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)$',
  ([System.Text.RegularExpressions.RegexOptions]::IgnoreCase -bor [System.Text.RegularExpressions.RegexOptions]::CultureInvariant)
)
# R-C-03: optional +, digits, the first digit not 0 (New-CsExUmContact, -DisplayNumber).
$script:NumberPattern = New-Object System.Text.RegularExpressions.Regex -ArgumentList @('^\+?[1-9][0-9]*$', [System.Text.RegularExpressions.RegexOptions]::CultureInvariant)
# The AD description attribute holds at most 1024 characters (rangeUpper).
$script:DescriptionMax = 1024

# R-C-01 and R-C-02: a well-formed sip: address no user and no other contact uses. Returns it with the scheme in lower case.
function Assert-LabSipAddress {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$SipAddress, [int]$Self = -1)
  $m = $script:SipPattern.Match([string]$SipAddress)
  if (-not $m.Success) {
    if (-not ([string]$SipAddress).StartsWith('sip:', [System.StringComparison]::OrdinalIgnoreCase)) {
      $msg = 'The SIP address "{0}" is not valid: a SIP address must begin with "sip:" (for example sip:SubscriberAccess@litwareinc.com).' -f $SipAddress
    } else {
      $msg = 'The SIP address "{0}" is not valid: it must have the form sip:user@domain, the user part made of letters, digits and - _ . ! ~ * '' ( ) & = + $ , ; ? / or %HH escapes, the domain a DNS name.' -f $SipAddress
    }
    Stop-LabWrite $Cmdlet (New-Object System.ArgumentException -ArgumentList $msg) 'InvalidSipAddress' ([System.Management.Automation.ErrorCategory]::InvalidArgument) $SipAddress
  }
  $sip = 'sip:' + $SipAddress.Substring(4)
  foreach ($i in $script:Store.Find('skype.exUmContacts', [string[]]@('SipAddress'), [string[]]@($sip))) {
    if ($i -eq $Self) { continue }
    $msg = 'The SIP address "{0}" is already in use by the Exchange UM contact "{1}". Specify a SIP address that is not assigned to any user or contact.' -f $SipAddress, $script:Store.Key('skype.exUmContacts', $i, 'Identity')
    Stop-LabWrite $Cmdlet (New-Object System.InvalidOperationException -ArgumentList $msg) 'SipAddressInUse' ([System.Management.Automation.ErrorCategory]::ResourceExists) $SipAddress
  }
  foreach ($i in $script:Store.Find('skype.users', [string[]]@('SipAddress'), [string[]]@($sip))) {
    $who = $script:Store.Key('skype.users', $i, 'UserPrincipalName')
    if (-not $who) { $who = $script:Store.Key('skype.users', $i, 'SipAddress') }
    $msg = 'The SIP address "{0}" is already in use by the user "{1}". Specify a SIP address that is not assigned to any user or contact.' -f $SipAddress, $who
    Stop-LabWrite $Cmdlet (New-Object System.InvalidOperationException -ArgumentList $msg) 'SipAddressInUse' ([System.Management.Automation.ErrorCategory]::ResourceExists) $SipAddress
  }
  return $sip
}

# R-C-03 and R-C-04.
function Assert-LabDisplayNumber {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$DisplayNumber, [int]$Self = -1)
  if (-not $script:NumberPattern.IsMatch([string]$DisplayNumber)) {
    $msg = 'The display number "{0}" is not valid: it may begin with "+" and contain only digits, and its first digit cannot be 0.' -f $DisplayNumber
    Stop-LabWrite $Cmdlet (New-Object System.ArgumentException -ArgumentList $msg) 'InvalidDisplayNumber' ([System.Management.Automation.ErrorCategory]::InvalidArgument) $DisplayNumber
  }
  foreach ($i in $script:Store.Find('skype.exUmContacts', [string[]]@('DisplayNumber'), [string[]]@($DisplayNumber))) {
    if ($i -eq $Self) { continue }
    $msg = 'The display number "{0}" is already used by the Exchange UM contact "{1}". Display numbers must be unique across all Exchange UM contacts.' -f $DisplayNumber, $script:Store.Key('skype.exUmContacts', $i, 'Identity')
    Stop-LabWrite $Cmdlet (New-Object System.InvalidOperationException -ArgumentList $msg) 'DisplayNumberInUse' ([System.Management.Automation.ErrorCategory]::ResourceExists) $DisplayNumber
  }
}

function Assert-LabDescription {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Description)
  if ($Description.Length -gt $script:DescriptionMax) {
    $msg = 'The description is too long: {0} characters; the maximum is {1}.' -f $Description.Length, $script:DescriptionMax
    Stop-LabWrite $Cmdlet (New-Object System.ArgumentException -ArgumentList $msg) 'DescriptionTooLong' ([System.Management.Automation.ErrorCategory]::InvalidArgument) $Description
  }
}

# R-C-07: a pool of the topology running the Registrar service (skype.registrars, or a pool listing a
# Registrar service), not an OCS 2007 / 2007 R2 one. Returns @{ Fqdn = <as the topology spells it>; HomeServer }.
function Resolve-LabRegistrarPool {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Pool, [string]$Parameter)
  $found = $null
  foreach ($r in $script:Store.MaterializeRaw('skype.registrars', $script:Store.All('skype.registrars'))) {
    $fqdn = Get-LabStringProperty $r 'PoolFqdn'
    if ($fqdn -and [string]::Equals($fqdn, $Pool, [System.StringComparison]::OrdinalIgnoreCase)) { $found = $r; break }
  }
  $fqdnOut = $null
  if ($null -ne $found) { $fqdnOut = Get-LabStringProperty $found 'PoolFqdn' }
  else {
    foreach ($p in $script:Store.MaterializeRaw('skype.pools', $script:Store.All('skype.pools'))) {
      $fqdn = Get-LabStringProperty $p 'Fqdn'
      if (-not $fqdn -or -not [string]::Equals($fqdn, $Pool, [System.StringComparison]::OrdinalIgnoreCase)) { continue }
      foreach ($svc in @($p.PSObject.Properties['Services'].Value)) { if (([string]$svc).StartsWith('Registrar:', [System.StringComparison]::OrdinalIgnoreCase)) { $fqdnOut = $fqdn } }
    }
  }
  if ($null -eq $fqdnOut) {
    $msg = 'Cannot find a Registrar pool "{0}" in the topology. {1} must be the fully qualified domain name of a pool running the Registrar service.' -f $Pool, $Parameter
    Stop-LabWrite $Cmdlet (New-Object System.Management.Automation.ItemNotFoundException -ArgumentList $msg) 'RegistrarPoolNotFound' ([System.Management.Automation.ErrorCategory]::ObjectNotFound) $Pool
  }
  $version = $null
  if ($null -ne $found -and $null -ne $found.PSObject.Properties['Version']) { $version = $found.PSObject.Properties['Version'].Value }
  if ($version -is [int] -and $version -lt 5) {
    $msg = 'The pool "{0}" is an Office Communications Server 2007 or 2007 R2 pool (topology version {1}): Exchange UM contacts cannot be homed there.' -f $fqdnOut, $version
    Stop-LabWrite $Cmdlet (New-Object System.InvalidOperationException -ArgumentList $msg) 'LegacyRegistrarPool' ([System.Management.Automation.ErrorCategory]::InvalidOperation) $Pool
  }
  # HomeServer: as the contacts already on that pool have it, else from the Registrar's service id ("1-Registrar-1" -> CN=1:1).
  $homeServer = $null
  foreach ($i in $script:Store.Find('skype.exUmContacts', [string[]]@('RegistrarPool'), [string[]]@($fqdnOut))) {
    $homeServer = $script:Store.Key('skype.exUmContacts', $i, 'HomeServer')
    if ($homeServer) { break }
  }
  if (-not $homeServer -and $null -ne $found) {
    $sid = Get-LabStringProperty $found 'ServiceId'
    if ($sid -match '^([0-9]+)-Registrar-([0-9]+)$') {
      $homeServer = 'CN=Lc Services,CN=Microsoft,CN={0}:{1},CN=Pools,CN=RTC Service,CN=Services,CN=Configuration,{2}' -f $Matches[1], $Matches[2], $script:DomainDn
    }
  }
  return @{ Fqdn = $fqdnOut; HomeServer = $homeServer }
}

# The contact an -Identity names, as Get-CsExUmContact finds it (DN, SIP address with or without sip:, display name).
function Resolve-LabContact {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Identity)
  $c = New-Object 'System.Collections.Generic.List[string]'
  $c.Add($Identity)
  if (-not $Identity.StartsWith('sip:', [System.StringComparison]::OrdinalIgnoreCase)) { $c.Add('sip:' + $Identity) }
  $hits = $script:Store.Find('skype.exUmContacts', [string[]]$script:ContactIdentityProps, $c.ToArray())
  if ($hits.Length -eq 0) {
    $msg = 'Cannot find "ExUmContact" "{0}" because it does not exist.' -f $Identity
    Stop-LabWrite $Cmdlet (New-Object System.Management.Automation.ItemNotFoundException -ArgumentList $msg) 'NotFound' ([System.Management.Automation.ErrorCategory]::ObjectNotFound) $Identity
  }
  if ($hits.Length -gt 1) {
    $dns = @($hits | ForEach-Object { $script:Store.Key('skype.exUmContacts', $_, 'Identity') })
    $msg = 'The identity "{0}" matches {1} Exchange UM contacts ({2}). Specify the distinguished name or the SIP address.' -f $Identity, $hits.Length, [string]::Join('; ', $dns)
    Stop-LabWrite $Cmdlet (New-Object System.ArgumentException -ArgumentList $msg) 'AmbiguousIdentity' ([System.Management.Automation.ErrorCategory]::InvalidArgument) $Identity
  }
  return $hits[0]
}

function Set-LabProperty {
  param([object]$Object, [string]$Name, [object]$Value)
  $p = $Object.PSObject.Properties[$Name]
  if ($null -ne $p) { $p.Value = $Value } else { $Object.PSObject.Properties.Add((New-Object System.Management.Automation.PSNoteProperty -ArgumentList $Name, $Value)) }
}

function Get-LabContactType {
  param([bool]$AutoAttendant)
  if ($AutoAttendant) { return , [string[]]@('AutoAttendant') }
  return , [string[]]@('SubscriberAccess')
}

# The contact at an index as the file holds it, a copy the caller may change before Save-LabContact.
function Get-LabContactCopy {
  param([int]$Index)
  return @($script:Store.MaterializeRaw('skype.exUmContacts', [int[]]@($Index)))[0]
}

function Write-LabContact {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [int]$Index)
  $Cmdlet.WriteObject((ConvertTo-LabShape $Cmdlet 'skype.exUmContacts' ($script:Store.Materialize('skype.exUmContacts', [int[]]@($Index), 1))), $true)
}

$script:ContactProperties = @('Identity', 'RegistrarPool', 'HomeServer', 'DisplayName', 'SipAddress', 'DisplayNumber', 'LineURI', 'OtherIpPhone', 'AutoAttendant', 'IsSubscriberAccess', 'Enabled', 'EnterpriseVoiceEnabled', 'ExUmEnabled', 'HostedVoicemailPolicy', 'Description', 'ExchangeArchivingPolicy', 'PSComputerName', 'RunspaceId', 'PSShowComputerName')

#endregion

#region Exchange directory reads and contact writes

<#
  Get-OrganizationalUnit: -ResultSize "The default value is 1000" (the cmdlet's reference page), with Exchange's
  warning when more exist; "Unlimited" returns every OU. Exchange 2010 has no -ResultSize (the same page's Applicable
  lines): its answer stops at the default page too (shared/powershell/cmdlet-reference.ts says the same).
#>
function Get-OrganizationalUnit {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity, [string]$ResultSize)
  $directory = Enter-LabRead $PSCmdlet -Directory
  $limit = -1
  if ($PSBoundParameters.ContainsKey('ResultSize')) { $limit = ConvertFrom-LabResultSize $PSCmdlet $PSCmdlet.MyInvocation.MyCommand.Name $ResultSize }
  else { $limit = -2 }
  $out = New-Object 'System.Collections.Generic.List[object]'
  foreach ($dn in $directory.Ous) {
    $canonical = ConvertTo-LabCanonicalName $dn
    $ouName = Get-LabRdnValue (Split-LabDn $dn)[0]
    if (-not (Test-LabIdentityMatch $PSBoundParameters @($dn, $canonical, $ouName))) { continue }
    $out.Add((New-LabDirectoryObject ([ordered]@{ Name = $ouName; DistinguishedName = $dn; Identity = $canonical }) 'Microsoft.Exchange.Data.Directory.Management.ExtendedOrganizationalUnit'))
  }
  $sorted = @($out | Sort-Object -Property Identity)
  $max = $limit
  if ($limit -eq -2) { $max = 1000 }
  if ($max -ge 0 -and $sorted.Count -gt $max) {
    if ($limit -eq -2) { Write-LabSizeWarning $PSCmdlet }
    $sorted = @($sorted | Select-Object -First $max)
  }
  Write-LabDirectoryResult $PSCmdlet $PSBoundParameters $sorted
}

function Get-Group {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  $directory = Enter-LabRead $PSCmdlet -Directory
  $out = New-Object 'System.Collections.Generic.List[object]'
  foreach ($g in $directory.Groups.Keys) {
    $canonical = $directory.DnsDomain + '/Users/' + $g
    $dn = 'CN=' + $g + ',OU=Users,' + $directory.DomainDn
    if (-not (Test-LabIdentityMatch $PSBoundParameters @($g, $canonical, $dn, ($directory.NetBios + '\' + $g)))) { continue }
    $out.Add((New-LabDirectoryObject ([ordered]@{ Name = $g; Identity = $canonical; DistinguishedName = $dn; SamAccountName = $g; Members = [string[]]@($directory.Groups[$g]) }) 'Microsoft.Exchange.Data.Directory.Management.WindowsGroup'))
  }
  Write-LabDirectoryResult $PSCmdlet $PSBoundParameters $out.ToArray()
}

function Get-User {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  $directory = Enter-LabRead $PSCmdlet -Directory
  $out = New-Object 'System.Collections.Generic.List[object]'
  foreach ($u in $directory.Users) {
    if (-not (Test-LabIdentityMatch $PSBoundParameters @($u.Account, $u.Name, $u.Identity, $u.UserPrincipalName, $u.DistinguishedName))) { continue }
    $out.Add((New-LabDirectoryObject ([ordered]@{ Name = $u.Name; Identity = $u.Identity; SamAccountName = $u.SamAccountName; UserPrincipalName = $u.UserPrincipalName; DistinguishedName = $u.DistinguishedName }) 'Microsoft.Exchange.Data.Directory.Management.User'))
  }
  Write-LabDirectoryResult $PSCmdlet $PSBoundParameters $out.ToArray()
}

<#
  Test-CsOUPermission "returns an instance of the Microsoft.Rtc.SyntheticTransactions.TaskOutput object" (its reference
  page, OUTPUTS), whose Result is Success when the permissions are set and Failure when they are not ("returns True ...
  False", the same page). TargetFqdn is the OU's domain (the page does not say what it holds; the lab's choice).
#>
function Test-CsOUPermission {
  [CmdletBinding()]
  [OutputType('Microsoft.Rtc.SyntheticTransactions.TaskOutput')]
  param(
    [Parameter(Mandatory = $true)][string]$OU,
    [Parameter(Mandatory = $true)][ValidateSet('User', 'Computer', 'Contact', 'AppContact', 'InetOrgPerson', 'Device')][string[]]$ObjectType,
    [string]$Domain,
    [string]$DomainController,
    [string]$GlobalCatalog,
    [string]$Report
  )
  $directory = Enter-LabRead $PSCmdlet -Directory
  $dn = Resolve-LabOu $directory $OU -Cmdlet $PSCmdlet
  $allowed = [bool](Test-LabOuAllowed $directory $dn)
  $out = New-Object Microsoft.Rtc.SyntheticTransactions.TaskOutput
  $out.TargetFqdn = $(if ($Domain) { $Domain } else { $directory.DnsDomain })
  $out.Latency = [TimeSpan]::Zero
  if ($allowed) { $out.Result = 'Success' }
  else {
    $out.Result = 'Failure'
    $out.Error = 'The permissions Grant-CsOUPermission sets for object type {0} are not set on "{1}".' -f ([string]::Join(', ', $ObjectType)), $dn
  }
  $PSCmdlet.WriteObject($out)
}

function New-CsExUmContact {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true)][string]$SipAddress,
    [Parameter(Mandatory = $true)][string]$RegistrarPool,
    [Parameter(Mandatory = $true)][string]$DisplayNumber,
    [Parameter(Mandatory = $true)][string]$OU,
    [bool]$AutoAttendant = $false,
    [AllowEmptyString()][string]$Description = '',
    [switch]$PassThru,
    [string]$DomainController
  )
  $entered = Enter-LabWrite $PSCmdlet
  try {
    $directory = $entered[1]
    $ouDn = Resolve-LabOu $directory $OU -Cmdlet $PSCmdlet
    if (-not (Test-LabOuAllowed $directory $ouDn)) {
      $msg = 'Access is denied. The RTC groups have no permission to create contact objects in "{0}"; run Grant-CsOUPermission -OU "{0}" -ObjectType Contact.' -f $ouDn
      Stop-LabWrite $PSCmdlet (New-Object System.UnauthorizedAccessException -ArgumentList $msg) 'OUAccessDenied' ([System.Management.Automation.ErrorCategory]::PermissionDenied) $OU
    }
    $sip = Assert-LabSipAddress $PSCmdlet $SipAddress
    Assert-LabDisplayNumber $PSCmdlet $DisplayNumber
    $pool = Resolve-LabRegistrarPool $PSCmdlet $RegistrarPool 'RegistrarPool'
    Assert-LabDescription $PSCmdlet $Description
    if (-not $PSCmdlet.ShouldProcess($sip, 'New-CsExUmContact')) { return }

    $user = $sip.Substring(4, $sip.LastIndexOf([char]'@') - 4)
    $values = @{
      Identity = 'CN={' + [guid]::NewGuid().ToString() + '},' + $ouDn
      RegistrarPool = $pool.Fqdn; HomeServer = $pool.HomeServer; DisplayName = $user; SipAddress = $sip
      DisplayNumber = $DisplayNumber; LineURI = 'tel:' + $DisplayNumber; OtherIpPhone = (Get-LabContactType $AutoAttendant)
      AutoAttendant = [bool]$AutoAttendant; IsSubscriberAccess = -not $AutoAttendant; Enabled = $true; EnterpriseVoiceEnabled = $true
      ExUmEnabled = $false; HostedVoicemailPolicy = $null; Description = $Description; ExchangeArchivingPolicy = 'Uninitialized'
    }
    # The shape of the contacts already in the file (their properties, their order), else the cmdlet's.
    $names = $script:ContactProperties
    $remoting = [ordered]@{}
    if ($script:Store.Count('skype.exUmContacts') -gt 0) {
      $template = Get-LabContactCopy 0
      $names = @($template.PSObject.Properties | ForEach-Object { $_.Name })
      Add-LabRemotingProperties $remoting 'skype.exUmContacts'
    } else {
      Add-LabRemotingProperties $remoting 'skype.registrars'
    }
    foreach ($k in $remoting.Keys) { $values[$k] = $remoting[$k] }
    $contact = [ordered]@{}
    foreach ($n in $names) { if ($values.ContainsKey($n)) { $contact[$n] = $values[$n] } else { $contact[$n] = $null } }
    Save-LabContact $PSCmdlet 'insert' -1 ([pscustomobject]$contact) $sip
    # New-CsExUmContact outputs the new contact with or without -PassThru (docs/contact-objects.md §2.1).
    Write-LabContact $PSCmdlet ($script:Store.Count('skype.exUmContacts') - 1)
  } finally {
    $entered[0].Dispose()
  }
}

function Set-CsExUmContact {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [bool]$AutoAttendant,
    [AllowEmptyString()][string]$Description,
    [string]$DisplayNumber,
    [Alias('CsEnabled')][bool]$Enabled,
    [bool]$EnterpriseVoiceEnabled,
    [string]$SipAddress,
    [ValidateSet('Uninitialized', 'UseLyncArchivingPolicy', 'ArchivingToExchange', 'NoArchiving')][string]$ExchangeArchivingPolicy,
    [string]$DomainController,
    [switch]$PassThru
  )
  process {
    $entered = Enter-LabWrite $PSCmdlet -Identity $Identity
    try {
      $i = $entered[2]
      $contact = Get-LabContactCopy $i
      $dn = Get-LabStringProperty $contact 'Identity'
      $changed = $false
      $same = { param($a, $b) [string]::Equals([string]$a, [string]$b, [System.StringComparison]::Ordinal) }
      if ($PSBoundParameters.ContainsKey('SipAddress')) {
        $sip = Assert-LabSipAddress $PSCmdlet $SipAddress $i
        if (-not (& $same (Get-LabStringProperty $contact 'SipAddress') $sip)) { Set-LabProperty $contact 'SipAddress' $sip; $changed = $true }
      }
      if ($PSBoundParameters.ContainsKey('DisplayNumber')) {
        Assert-LabDisplayNumber $PSCmdlet $DisplayNumber $i
        # Changing the number also changes LineURI (docs/contact-objects.md §2.2).
        if (-not (& $same (Get-LabStringProperty $contact 'DisplayNumber') $DisplayNumber)) {
          Set-LabProperty $contact 'DisplayNumber' $DisplayNumber
          Set-LabProperty $contact 'LineURI' ('tel:' + $DisplayNumber)
          $changed = $true
        }
      }
      if ($PSBoundParameters.ContainsKey('Description')) {
        Assert-LabDescription $PSCmdlet $Description
        if (-not (& $same (Get-LabStringProperty $contact 'Description') $Description)) { Set-LabProperty $contact 'Description' $Description; $changed = $true }
      }
      if ($PSBoundParameters.ContainsKey('AutoAttendant')) {
        $p = $contact.PSObject.Properties['AutoAttendant']
        if ($null -eq $p -or $p.Value -ne $AutoAttendant) {
          Set-LabProperty $contact 'AutoAttendant' ([bool]$AutoAttendant)
          Set-LabProperty $contact 'IsSubscriberAccess' (-not $AutoAttendant)
          Set-LabProperty $contact 'OtherIpPhone' (Get-LabContactType $AutoAttendant)
          $changed = $true
        }
      }
      foreach ($flag in 'Enabled', 'EnterpriseVoiceEnabled') {
        if (-not $PSBoundParameters.ContainsKey($flag)) { continue }
        $v = [bool]$PSBoundParameters[$flag]
        $p = $contact.PSObject.Properties[$flag]
        if ($null -eq $p -or $p.Value -ne $v) { Set-LabProperty $contact $flag $v; $changed = $true }
      }
      if ($PSBoundParameters.ContainsKey('ExchangeArchivingPolicy') -and -not (& $same (Get-LabStringProperty $contact 'ExchangeArchivingPolicy') $ExchangeArchivingPolicy)) {
        Set-LabProperty $contact 'ExchangeArchivingPolicy' $ExchangeArchivingPolicy
        $changed = $true
      }
      if (-not $PSCmdlet.ShouldProcess($dn, 'Set-CsExUmContact')) { return }
      if ($changed) { Save-LabContact $PSCmdlet 'replace' $i $contact $Identity }
      else { $PSCmdlet.WriteWarning(('The command completed successfully but no settings of "{0}" have been modified.' -f $dn)) }
      if ($PassThru) { Write-LabContact $PSCmdlet $i }
    } finally {
      $entered[0].Dispose()
    }
  }
}

function Move-CsExUmContact {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [Parameter(Mandatory = $true, Position = 1)][string]$Target,
    [switch]$Force,
    [string]$DomainController,
    [switch]$PassThru
  )
  process {
    $entered = Enter-LabWrite $PSCmdlet -Identity $Identity
    try {
      $i = $entered[2]
      $pool = Resolve-LabRegistrarPool $PSCmdlet $Target 'Target'
      $contact = Get-LabContactCopy $i
      $dn = Get-LabStringProperty $contact 'Identity'
      if (-not $PSCmdlet.ShouldProcess($dn, ('Move-CsExUmContact to pool "{0}"' -f $pool.Fqdn))) { return }
      if ([string]::Equals((Get-LabStringProperty $contact 'RegistrarPool'), $pool.Fqdn, [System.StringComparison]::OrdinalIgnoreCase)) {
        $PSCmdlet.WriteWarning(('"{0}" is already homed on the pool "{1}": nothing was moved.' -f $dn, $pool.Fqdn))
      } else {
        Set-LabProperty $contact 'RegistrarPool' $pool.Fqdn
        Set-LabProperty $contact 'HomeServer' $pool.HomeServer
        Save-LabContact $PSCmdlet 'replace' $i $contact $Identity
      }
      if ($PassThru) { Write-LabContact $PSCmdlet $i }
    } finally {
      $entered[0].Dispose()
    }
  }
}

function Remove-CsExUmContact {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [string]$DomainController
  )
  process {
    $entered = Enter-LabWrite $PSCmdlet -Identity $Identity
    try {
      $i = $entered[2]
      $dn = $script:Store.Key('skype.exUmContacts', $i, 'Identity')
      if (-not $PSCmdlet.ShouldProcess($dn, 'Remove-CsExUmContact')) { return }
      Save-LabContact $PSCmdlet 'delete' $i $null $Identity
    } finally {
      $entered[0].Dispose()
    }
  }
}

#endregion

# The configuration writes the console's fixes run (docs/lab-endpoint.md, "Configuration writes"): the
# Exchange ones and the Skype ones each in their own file, in this module's scope (they use its internals).
. (Join-Path $PSScriptRoot 'UmcLabEndpoint.ExchangeWrites.ps1')
. (Join-Path $PSScriptRoot 'UmcLabEndpoint.SkypeWrites.ps1')
. (Join-Path $PSScriptRoot 'UmcLabEndpoint.SyntheticTests.ps1')

Export-ModuleMember -Function @(
  'Initialize-UmcLabEndpoint', 'Get-UmcLabEndpointInfo',
  'Get-OrganizationConfig', 'Get-ExchangeServer', 'Get-UMService', 'Get-UMServer', 'Get-UMCallRouterSettings', 'Get-ClientAccessService', 'Get-ClientAccessServer',
  'Get-UMDialPlan', 'Get-UMIPGateway', 'Get-UMHuntGroup', 'Get-UMAutoAttendant', 'Get-UMMailboxPolicy',
  'Get-ExchangeCertificate', 'Get-PartnerApplication', 'Get-ADPermission', 'Get-Mailbox', 'Get-UMMailbox',
  'Get-CsSipDomain', 'Get-CsSite', 'Get-CsPool', 'Get-CsService', 'Get-CsDialPlan', 'Get-CsMediaConfiguration', 'Get-CsHostedVoicemailPolicy',
  'Get-CsExUmContact', 'Get-CsCertificate', 'Get-CsOAuthConfiguration', 'Get-CsPartnerApplication', 'Get-CsUser',
  'New-CsExUmContact', 'Set-CsExUmContact', 'Move-CsExUmContact', 'Remove-CsExUmContact', 'Test-CsOUPermission',
  'Get-OrganizationalUnit', 'Get-Group', 'Get-User',
  'New-UMDialPlan', 'Set-UMDialPlan', 'New-UMHuntGroup', 'Remove-UMHuntGroup', 'New-UMIPGateway', 'Set-UMIPGateway', 'Enable-UMIPGateway', 'Set-UMService', 'Set-UMServer', 'Set-UMCallRouterSettings', 'Enable-ExchangeCertificate', 'Set-ClientAccessService', 'Set-ClientAccessServer', 'Add-ADPermission', 'New-PartnerApplication', 'Enable-UMMailbox', 'Set-UMMailbox',
  'Set-CsUser', 'Grant-CsHostedVoicemailPolicy', 'New-CsHostedVoicemailPolicy', 'Set-CsMediaConfiguration', 'Set-CsOAuthConfiguration', 'Set-CsCertificate', 'New-CsPartnerApplication', 'Set-CsPartnerApplication', 'New-CsDialPlan',
  'Test-CsExUMConnectivity', 'Test-CsExUMVoiceMail'
)
