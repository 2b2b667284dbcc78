<#
  UmcLabEndpoint: the Exchange and Skype for Business cmdlets the console calls, answered from a
  snapshot file (docs/snapshot-format.md). LAB USE ONLY.

  Initialize-UmcLabEndpoint -Path <file> [-Writable] reads the file once. The objects come back as
  PSCustomObjects in their post-remoting shape: the file's properties in the file's order, strings
  byte for byte, arrays as arrays (one element or none included), integers as Int32 (Int64 when
  larger), and every date string ("/Date(ms)/" or ISO 8601) as a [DateTime] of kind Utc.

  How: ConvertFrom-Json needs ~16 s and 2 GB for a 100,000-user snapshot, so a small C# reader
  (compiled once per process with Add-Type; C# 5, so Windows PowerShell 5.1 compiles it too) keeps
  the file's UTF-8 bytes, the offset of every section object and the few identity keys of each
  object, and builds the PSCustomObjects of a call only when the call returns them.

  -Filter (Get-Mailbox, Get-UMMailbox, Get-CsUser, Get-CsExUmContact) accepts only:
      <Property> -like '<prefix>*' [ -and <Property> -notlike '<prefix>*' ]...
  (PrimarySmtpAddress for the mailbox cmdlets, SipAddress for the Skype ones; case-insensitive
  prefix match). A prefix query is a binary search over the keys sorted once per section.

  Faults, for the console's tests: if $env:UMC_LAB_FAULT_FILE names a file that exists, every cmdlet
  reads it (JSON) when called:  { "<Cmdlet-Name>": { "delayMs": 5000, "noise": true, "throw": "message" } }
    delayMs  sleep first, in 50 ms steps (so Stop/Ctrl-C ends the call);
    blockMs  block the thread (a native wait Stop cannot interrupt: the console must kill the host);
    noise    write to every stream (host with ANSI colours, warning, verbose, debug, information,
             progress, and raw console stdout/stderr lines that look like host frames, with non-ASCII text);
    throw    a terminating error: InvalidOperationException(message), category InvalidOperation,
             errorId '<Cmdlet>.LabFault', TargetObject = the cmdlet name.
  Without the variable, or when the file does not exist, the cost is one Test-Path.

  Writes (issue 6; docs/live-sessions.md "Writes (issue 6)"): New-, Set-, Move-, Remove-CsExUmContact and
  Test-CsOUPermission behave as the Skype for Business cmdlets are documented (docs domain section 2; rules
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
  (nor below it), so Test-CsOUPermission is $false there (rule R-C-09); the operator <NETBIOS>\umcadmin
  (NETBIOS = the first DC label in upper case) is a member of RTCUniversalServerAdmins and
  RTCUniversalUserAdmins. If $env:UMC_LAB_DIRECTORY_FILE names a file that exists, it is read (JSON) at
  every call, and each member present replaces that part of the default:
      { "operator":  "LITWAREINC\\someone",
        "ous":       ["OU=RTC Special Accounts,DC=litwareinc,DC=com", ...],     every OU (DNs)
        "deniedOus": ["OU=Locked Contacts,DC=litwareinc,DC=com"],            no rights there nor below
        "groups":    { "RTCUniversalServerAdmins": [], "RTCUniversalUserAdmins": ["LITWAREINC\\umcadmin"] } }
  Group members are DOMAIN\account (each becomes a user in OU=Users) or canonical names kept as given.
  The write cmdlets refuse an operator who is not in RTCUniversalUserAdmins (their RBAC role, domain section 2).

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

# The reader, compiled once per process (Initialize-UmcLabEndpoint). A type cannot be replaced in a
# running process: change the namespace (V1 -> V2) whenever this source changes.
$script:StoreSource = @'
using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;

namespace UmcLabEndpoint.V2
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

<#
  The common body of the Get-* cmdlets.
  Sections: the snapshot sections read (in order). Bound: the cmdlet's $PSBoundParameters.
  IdentityProps/Candidates: how -Identity matches. FilterProperty: the one property -Filter may name.
  ExchangeDefaultSize: Exchange's default -ResultSize (1000, with its warning) when -ResultSize is absent.
#>
function Invoke-LabGet {
  param(
    [System.Management.Automation.PSCmdlet]$Cmdlet,
    [string[]]$Sections,
    [System.Collections.IDictionary]$Bound,
    [string]$IdentityParameter = 'Identity',
    [string[]]$IdentityProps = $null,
    [switch]$SipVariants,
    [string]$FilterProperty = $null,
    [switch]$ExchangeDefaultSize
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
    $candidates = $c.ToArray()
  }

  $found = 0
  $out = New-Object 'System.Collections.Generic.List[object]'
  foreach ($section in $Sections) {
    if ($null -ne $filter) { $idx = $script:Store.PrefixQuery($section, $FilterProperty, $filter.Like, [string[]]$filter.NotLike) }
    else { $idx = $null }
    if ($hasIdentity) {
      $hits = $script:Store.Find($section, [string[]]$IdentityProps, [string[]]$candidates)
      if ($null -ne $idx) { $hits = Join-LabIndexes $hits $idx }
      $idx = $hits
    } elseif ($null -eq $idx) {
      $idx = $script:Store.All($section)
    }
    $found += $idx.Length
    $take = -1
    if ($limit -ge 0) { $take = [Math]::Max(0, $limit - $out.Count) }
    elseif ($limit -eq -2) { $take = [Math]::Max(0, 1000 - $out.Count) }
    if ($take -ne 0) { $out.AddRange($script:Store.Materialize($section, [int[]]$idx, $take)) }
  }

  if ($hasIdentity -and $found -eq 0) {
    Write-LabNotFound $Cmdlet $name $identity
    return
  }
  if ($limit -eq -2 -and $found -gt 1000) {
    $Cmdlet.WriteWarning('By default, only the first 1000 items are returned. Use the ResultSize parameter to specify the number of items returned. To return all items, specify "-ResultSize Unlimited". Be aware that, depending on the actual number of items, returning all items can take a long time and consume a large amount of memory. Also, we don''t recommend storing the results in a variable. Instead, pipe the results to another task or script to perform batch changes.')
  }
  $Cmdlet.WriteObject($out.ToArray(), $true)
}

#endregion

#region setup

function Initialize-UmcLabEndpoint {
  <#
    .SYNOPSIS
    Lab only: loads the snapshot file the Get-* cmdlets of this module answer from.
  #>
  [CmdletBinding()]
  param([Parameter(Mandatory = $true, Position = 0)][string]$Path, [switch]$Writable)
  if (-not ('UmcLabEndpoint.V2.Store' -as [type])) {
    Add-Type -TypeDefinition $script:StoreSource -Language CSharp -ErrorAction Stop
  }
  $full = $Path
  try { $full = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path) } catch { $full = $Path }
  if (-not [System.IO.File]::Exists($full)) {
    $ex = New-Object System.IO.FileNotFoundException -ArgumentList ("The snapshot file '{0}' does not exist." -f $Path), $full
    $PSCmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.FileNotFound' ([System.Management.Automation.ErrorCategory]::ObjectNotFound) $Path))
  }
  try {
    $store = [UmcLabEndpoint.V2.Store]::Load($full, $script:KeySpec)
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
  if ($store.Count('exchange.servers') -gt 0) {
    $fqdn = Get-LabStringProperty (@($store.Materialize('exchange.servers', [int[]]@(0), 1))[0]) 'Fqdn'
    if ($fqdn) { $script:DcName = $fqdn }
  }
}

function Get-UmcLabEndpointInfo {
  [CmdletBinding()]
  param()
  Assert-LabInitialized $PSCmdlet
  Invoke-LabFault $PSCmdlet $PSCmdlet.MyInvocation.MyCommand.Name
  $exchange = $null
  $skype = $null
  if ($script:Store.Count('exchange.servers') -gt 0) {
    $exchange = Get-LabStringProperty (@($script:Store.Materialize('exchange.servers', [int[]]@(0), 1))[0]) 'AdminDisplayVersion'
  }
  if ($script:Store.Count('skype.registrars') -gt 0) {
    $skype = Get-LabStringProperty (@($script:Store.Materialize('skype.registrars', [int[]]@(0), 1))[0]) 'Version'
    # Get-CsService's Version is the topology version; say it as Get-CsServerVersion would.
    switch ($skype) {
      '5' { $skype = 'Lync Server 2013 (topology version 5)' }
      '6' { $skype = 'Skype for Business Server 2015 (topology version 6)' }
      '7' { $skype = 'Skype for Business Server 2019 (topology version 7)' }
    }
  }
  $directory = Get-LabDirectory $PSCmdlet
  [pscustomobject]@{ Name = 'UmcLabEndpoint'; DataPath = $script:DataPath; ExchangeVersion = $exchange; SkypeVersion = $skype; Operator = $directory.Operator; Writable = $script:Writable }
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

function Get-UMService {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  Invoke-LabGet $PSCmdlet @('exchange.umServices') $PSBoundParameters
}

function Get-UMCallRouterSettings {
  [CmdletBinding()]
  param([string]$Server)
  $name = $PSCmdlet.MyInvocation.MyCommand.Name
  Assert-LabInitialized $PSCmdlet
  Invoke-LabFault $PSCmdlet $name
  if (-not $PSBoundParameters.ContainsKey('Server')) {
    $PSCmdlet.WriteObject($script:Store.Materialize('exchange.callRouters', $script:Store.All('exchange.callRouters'), -1), $true)
    return
  }
  $hits = $script:Store.Find('exchange.callRouters', [string[]]@('Identity'), [string[]](Resolve-LabServer $Server))
  if ($hits.Length -eq 0) { Write-LabNotFound $PSCmdlet $name $Server; return }
  $PSCmdlet.WriteObject($script:Store.Materialize('exchange.callRouters', $hits, -1), $true)
}

function Get-ClientAccessService {
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
  Assert-LabInitialized $PSCmdlet
  Invoke-LabFault $PSCmdlet $name
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
  $PSCmdlet.WriteObject($script:Store.Materialize('exchange.huntGroups', [int[]]$idx, -1), $true)
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

function Get-ExchangeCertificate {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Thumbprint, [string]$Server)
  $name = $PSCmdlet.MyInvocation.MyCommand.Name
  Assert-LabInitialized $PSCmdlet
  Invoke-LabFault $PSCmdlet $name
  $idx = $script:Store.All('exchange.certificates')
  if ($PSBoundParameters.ContainsKey('Server')) {
    $servers = Resolve-LabServer $Server
    $all = $script:Store.Materialize('exchange.certificates', $idx, -1)
    $keep = New-Object 'System.Collections.Generic.List[int]'
    for ($i = 0; $i -lt $all.Length; $i++) {
      $id = Get-LabStringProperty $all[$i] 'Identity'
      if ($null -eq $id) { continue }
      $host_ = $id.Split([char]'\')[0]
      $label = $host_.Split([char]'.')[0]
      foreach ($s in $servers) {
        if ([string]::Equals($s, $host_, [System.StringComparison]::OrdinalIgnoreCase) -or [string]::Equals($s, $label, [System.StringComparison]::OrdinalIgnoreCase)) { $keep.Add($i); break }
      }
    }
    if ($keep.Count -eq 0 -and $servers.Length -eq 1) { Write-LabNotFound $PSCmdlet $name $Server; return }
    $idx = $keep.ToArray()
  }
  if ($PSBoundParameters.ContainsKey('Thumbprint')) {
    $idx = Join-LabIndexes ($script:Store.Find('exchange.certificates', [string[]]@('Thumbprint', 'Identity'), [string[]]@($Thumbprint))) $idx
    if ($idx.Length -eq 0) { Write-LabNotFound $PSCmdlet $name $Thumbprint; return }
  }
  $PSCmdlet.WriteObject($script:Store.Materialize('exchange.certificates', [int[]]$idx, -1), $true)
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
  Invoke-LabGet $PSCmdlet @('exchange.mailboxes') $PSBoundParameters -FilterProperty 'PrimarySmtpAddress' -ExchangeDefaultSize
}

function Get-UMMailbox {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity, [string]$ResultSize, [string]$Filter)
  Invoke-LabGet $PSCmdlet @('exchange.umMailboxes') $PSBoundParameters -FilterProperty 'PrimarySmtpAddress' -ExchangeDefaultSize
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

function Get-CsExUmContact {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity, [string]$Filter)
  Invoke-LabGet $PSCmdlet @('skype.exUmContacts') $PSBoundParameters -IdentityProps $script:ContactIdentityProps -SipVariants -FilterProperty 'SipAddress'
}

function Get-CsCertificate {
  [CmdletBinding()]
  param()
  Invoke-LabGet $PSCmdlet @('skype.certificates') $PSBoundParameters
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
$script:RtcGroups = @('RTCUniversalServerAdmins', 'RTCUniversalUserAdmins')
$script:ObjectTypes = @('User', 'Computer', 'Contact', 'AppContact', 'InetOrgPerson', 'Device')

# DN helpers (C#: the OU picker and every write resolve names, and PowerShell loops over characters are slow).
function Split-LabDn { param([string]$Dn) return , [UmcLabEndpoint.V2.Dn]::Split($Dn) }
function Get-LabRdnValue { param([string]$Rdn) return [UmcLabEndpoint.V2.Dn]::Value($Rdn) }
function Test-LabRdnType { param([string]$Rdn, [string]$Type) return [UmcLabEndpoint.V2.Dn]::IsType($Rdn, $Type) }
function ConvertTo-LabCanonicalName { param([string]$Dn) return [UmcLabEndpoint.V2.Dn]::Canonical($Dn) }

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

# A directory object as Exchange answers it: its properties, then the remoting ones of the Exchange objects.
function New-LabDirectoryObject {
  param([System.Collections.IDictionary]$Properties)
  Add-LabRemotingProperties $Properties 'exchange.organization'
  return [pscustomobject]$Properties
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
    $script:Store = [UmcLabEndpoint.V2.Store]::Load($script:DataPath, $script:KeySpec)
    Update-LabDirectoryBase
  } catch {
    if (-not $ForWrite) { return }
    $inner = Get-LabInnerException $_.Exception
    $ex = New-Object System.IO.InvalidDataException -ArgumentList ("The lab snapshot file '{0}' was changed by another process and cannot be read: {1}" -f $script:DataPath, $inner.Message)
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.InvalidSnapshot' ([System.Management.Automation.ErrorCategory]::InvalidData) $script:DataPath))
  }
}

# The start of every write: initialized, faults, writable, the operator may run the cmdlet (RBAC:
# RTCUniversalUserAdmins, domain section 2), the writers' lock, the file as it is now, and with -Identity
# the contact it names (Set-, Move-, Remove-CsExUmContact). Returns the lock (the caller disposes it in a
# finally), the directory and the contact's index (-1 without -Identity).
function Enter-LabWrite {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Identity)
  $name = $Cmdlet.MyInvocation.MyCommand.Name
  Assert-LabInitialized $Cmdlet
  Invoke-LabFault $Cmdlet $name
  if (-not $script:Writable) {
    $ex = New-Object System.InvalidOperationException -ArgumentList ("The lab endpoint is read-only: {0} changes nothing. The snapshot '{1}' was opened without -Writable (the lab org shipped with the console is never written; changes go to your own copy of it)." -f $name, $script:DataPath)
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.ReadOnly' ([System.Management.Automation.ErrorCategory]::InvalidOperation) $name))
  }
  $directory = Get-LabDirectory $Cmdlet
  if ($name -ne 'Test-CsOUPermission' -and -not (Test-LabOperatorIn $directory 'RTCUniversalUserAdmins')) {
    $ex = New-Object System.UnauthorizedAccessException -ArgumentList ("Access is denied. ""{0}"" is not a member of RTCUniversalUserAdmins, the role that may run {1}." -f $directory.Operator, $name)
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex "$name.AccessDenied" ([System.Management.Automation.ErrorCategory]::PermissionDenied) $directory.Operator))
  }
  try { $lock = [UmcLabEndpoint.V2.Store]::Lock($script:DataPath, 10000) }
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
  try {
    $script:Store = $script:Store.Commit('skype.exUmContacts', $Op, $Index, $Contact, $script:KeySpec)
  } catch {
    $inner = Get-LabInnerException $_.Exception
    $ex = New-Object System.IO.IOException -ArgumentList ("The change was not saved: {0} The snapshot file is unchanged." -f $inner.Message)
    $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.WriteFailed' ([System.Management.Automation.ErrorCategory]::WriteError) $Target))
  }
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
  $Cmdlet.WriteObject($script:Store.Materialize('skype.exUmContacts', [int[]]@($Index), 1), $true)
}

$script:ContactProperties = @('Identity', 'RegistrarPool', 'HomeServer', 'DisplayName', 'SipAddress', 'DisplayNumber', 'LineURI', 'OtherIpPhone', 'AutoAttendant', 'IsSubscriberAccess', 'Enabled', 'EnterpriseVoiceEnabled', 'ExUmEnabled', 'HostedVoicemailPolicy', 'Description', 'ExchangeArchivingPolicy', 'PSComputerName', 'RunspaceId', 'PSShowComputerName')

#endregion

#region Exchange directory reads and contact writes

function Get-OrganizationalUnit {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Identity)
  $directory = Enter-LabRead $PSCmdlet -Directory
  $out = New-Object 'System.Collections.Generic.List[object]'
  foreach ($dn in $directory.Ous) {
    $canonical = ConvertTo-LabCanonicalName $dn
    $ouName = Get-LabRdnValue (Split-LabDn $dn)[0]
    if (-not (Test-LabIdentityMatch $PSBoundParameters @($dn, $canonical, $ouName))) { continue }
    $out.Add((New-LabDirectoryObject ([ordered]@{ Name = $ouName; DistinguishedName = $dn; Identity = $canonical })))
  }
  Write-LabDirectoryResult $PSCmdlet $PSBoundParameters @($out | Sort-Object -Property Identity)
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
    $out.Add((New-LabDirectoryObject ([ordered]@{ Name = $g; Identity = $canonical; DistinguishedName = $dn; SamAccountName = $g; Members = [string[]]@($directory.Groups[$g]) })))
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
    $out.Add((New-LabDirectoryObject ([ordered]@{ Name = $u.Name; Identity = $u.Identity; SamAccountName = $u.SamAccountName; UserPrincipalName = $u.UserPrincipalName; DistinguishedName = $u.DistinguishedName })))
  }
  Write-LabDirectoryResult $PSCmdlet $PSBoundParameters $out.ToArray()
}

function Test-CsOUPermission {
  [CmdletBinding()]
  [OutputType([bool])]
  param(
    [Parameter(Mandatory = $true)][string]$OU,
    [Parameter(Mandatory = $true)][ValidateSet('User', 'Computer', 'Contact', 'AppContact', 'InetOrgPerson', 'Device')][string[]]$ObjectType,
    [string]$Domain,
    [string]$DomainController
  )
  $directory = Enter-LabRead $PSCmdlet -Directory
  $dn = Resolve-LabOu $directory $OU -Cmdlet $PSCmdlet
  $PSCmdlet.WriteObject([bool](Test-LabOuAllowed $directory $dn))
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
    # New-CsExUmContact outputs the new contact with or without -PassThru (domain section 2.1).
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
        # Changing the number also changes LineURI (domain section 2.2).
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

Export-ModuleMember -Function @(
  'Initialize-UmcLabEndpoint', 'Get-UmcLabEndpointInfo',
  'Get-OrganizationConfig', 'Get-ExchangeServer', 'Get-UMService', 'Get-UMCallRouterSettings', 'Get-ClientAccessService',
  'Get-UMDialPlan', 'Get-UMIPGateway', 'Get-UMHuntGroup', 'Get-UMAutoAttendant', 'Get-UMMailboxPolicy',
  'Get-ExchangeCertificate', 'Get-PartnerApplication', 'Get-ADPermission', 'Get-Mailbox', 'Get-UMMailbox',
  'Get-CsSipDomain', 'Get-CsSite', 'Get-CsPool', 'Get-CsService', 'Get-CsDialPlan', 'Get-CsMediaConfiguration',
  'Get-CsExUmContact', 'Get-CsCertificate', 'Get-CsOAuthConfiguration', 'Get-CsPartnerApplication', 'Get-CsUser',
  'New-CsExUmContact', 'Set-CsExUmContact', 'Move-CsExUmContact', 'Remove-CsExUmContact', 'Test-CsOUPermission',
  'Get-OrganizationalUnit', 'Get-Group', 'Get-User'
)
