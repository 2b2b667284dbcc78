<#
  UmcLabEndpoint: the Exchange and Skype for Business Get-* cmdlets the console calls, answered from
  a snapshot file (docs/snapshot-format.md). LAB USE ONLY.

  Initialize-UmcLabEndpoint -Path <file> reads the file once. The objects come back as
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

  No parameter value is ever evaluated as code: values are compared as data only.
  This file is ASCII on purpose (Windows PowerShell 5.1 reads a BOM-less script as ANSI).
#>

$script:Store = $null
$script:DataPath = $null
$script:DcName = 'localhost'

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

namespace UmcLabEndpoint.V1
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
        public string[] KeyProps;
        public string[][] Keys;
        public Dictionary<string, PrefixIndex> Prefix = new Dictionary<string, PrefixIndex>(StringComparer.OrdinalIgnoreCase);
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

        private Store(string path, byte[] bytes)
        {
            Path = path;
            data = bytes;
        }

        /// <summary>Reads and indexes a snapshot. keySpec: "exchange.mailboxes" -> key property names (identity lookups, prefix filters).</summary>
        public static Store Load(string path, IDictionary keySpec)
        {
            byte[] bytes = File.ReadAllBytes(path);
            Store s = new Store(path, bytes);
            s.Scan(keySpec);
            return s;
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
                                string section = name + "." + r.MemberName();
                                if (r.Peek() == (byte)'{') ScanSection(r, section, KeysFor(keySpec, section)); else r.Skip(2);
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
            List<string[]> keys = new List<string[]>();
            if (r.BeginObject())
            {
                do
                {
                    string member = r.MemberName();
                    if (member == "objects" && r.Peek() == (byte)'[')
                    {
                        if (r.BeginArray())
                        {
                            do
                            {
                                starts.Add(r.P);
                                keys.Add(r.ReadKeys(keyProps, 4));
                            } while (r.NextElement());
                        }
                    }
                    else r.Skip(3);
                } while (r.NextMember());
            }
            Section s = new Section();
            s.Name = name;
            s.Starts = starts.ToArray();
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

        public static object ConvertDateString(string s) { return Reader.DateOrString(s); }
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
  'skype.exUmContacts'          = @('Identity', 'SipAddress', 'DisplayName')
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
  Assert-LabInitialized $Cmdlet
  Invoke-LabFault $Cmdlet $name

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
  param([Parameter(Mandatory = $true, Position = 0)][string]$Path)
  if (-not ('UmcLabEndpoint.V1.Store' -as [type])) {
    Add-Type -TypeDefinition $script:StoreSource -Language CSharp -ErrorAction Stop
  }
  $full = $Path
  try { $full = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path) } catch { $full = $Path }
  if (-not [System.IO.File]::Exists($full)) {
    $ex = New-Object System.IO.FileNotFoundException -ArgumentList ("The snapshot file '{0}' does not exist." -f $Path), $full
    $PSCmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.FileNotFound' ([System.Management.Automation.ErrorCategory]::ObjectNotFound) $Path))
  }
  try {
    $store = [UmcLabEndpoint.V1.Store]::Load($full, $script:KeySpec)
  } catch {
    $inner = $_.Exception
    while ($inner -is [System.Management.Automation.MethodInvocationException] -and $null -ne $inner.InnerException) { $inner = $inner.InnerException }
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
  $script:DcName = 'localhost'
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
  [pscustomobject]@{ Name = 'UmcLabEndpoint'; DataPath = $script:DataPath; ExchangeVersion = $exchange; SkypeVersion = $skype }
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
  Invoke-LabGet $PSCmdlet @('skype.exUmContacts') $PSBoundParameters -SipVariants -FilterProperty 'SipAddress'
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

Export-ModuleMember -Function @(
  'Initialize-UmcLabEndpoint', 'Get-UmcLabEndpointInfo',
  'Get-OrganizationConfig', 'Get-ExchangeServer', 'Get-UMService', 'Get-UMCallRouterSettings', 'Get-ClientAccessService',
  'Get-UMDialPlan', 'Get-UMIPGateway', 'Get-UMHuntGroup', 'Get-UMAutoAttendant', 'Get-UMMailboxPolicy',
  'Get-ExchangeCertificate', 'Get-PartnerApplication', 'Get-ADPermission', 'Get-Mailbox', 'Get-UMMailbox',
  'Get-CsSipDomain', 'Get-CsSite', 'Get-CsPool', 'Get-CsService', 'Get-CsDialPlan', 'Get-CsMediaConfiguration',
  'Get-CsExUmContact', 'Get-CsCertificate', 'Get-CsOAuthConfiguration', 'Get-CsPartnerApplication', 'Get-CsUser'
)
