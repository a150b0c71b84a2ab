using System.Globalization;
using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace Chat.Server.Accounts;

/// <summary>How account names, ids and contacts are compared: one normal form for storing and for looking up.</summary>
public static partial class AccountKeys
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// The lookup key of an account name or id: Unicode-compatibility normalised, lower case, "ё" as "е", without
    /// any white space, so "ООО  Ромашка" and "ооо ромашка" meet.
    /// </summary>
    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(ch))
            {
                var lower = char.ToLowerInvariant(ch);
                builder.Append(lower == 'ё' ? 'е' : lower);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The lookup key of an account name: <see cref="Normalise"/>d, without quotes and without the legal form
    /// (<c>ООО «Ромашка»</c>, <c>Ромашка ООО</c>, <c>Romashka, LLC</c> → <c>ромашка</c>). A name that is only a legal form keeps it.
    /// </summary>
    public static string NameKey(string name)
    {
        var words = name.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Replace('ё', 'е').Replace(LegalPhrase, " ", StringComparison.Ordinal)
            .Split([' ', '\t', '\n', '\r', ',', '«', '»', '"', '“', '”', '„', '\'', '‘', '’', '`', '‹', '›'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.'))
            .Where(w => w.Length > 0 && !LegalForms.Contains(w))
            .ToList();
        return words.Count == 0 ? Normalise(name) : Normalise(string.Concat(words));
    }

    /// <summary>
    /// The keys an account ID typed by a visitor may have: as typed, and without a leading number sign or label
    /// (<c>#10001</c>, <c>№ 10001</c>, <c>ID: 10001</c>, <c>No. 10001</c> → <c>10001</c>).
    /// </summary>
    public static IReadOnlyList<string> IdKeys(string typed)
    {
        var key = Normalise(typed);
        var bare = Normalise(IdLabel().Replace(typed, string.Empty, 1));
        return bare.Length == 0 || bare == key ? [key] : [key, bare];
    }

    private const string LegalPhrase = "общество с ограниченной ответственностью";

    private static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "ооо", "оао", "зао", "пао", "ао", "нао", "ип", "нко", "ано", "тоо", "уп", "гуп", "муп", "фгуп", "чп", "кфх",
        "llc", "l.l.c", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "co", "gmbh", "ag", "jsc", "pjsc", "ojsc", "cjsc",
        "plc", "llp", "lp", "sa", "sarl", "bv", "nv", "oy", "ab",
    };

    /// <summary>A number sign or label before the digits of an ID.</summary>
    [GeneratedRegex(@"^\s*(#|№|n°|no\.?|id|ид)\s*:?\s*(?=\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IdLabel();

    /// <summary>The phone in E.164 (<c>+79161234567</c>), or null when it is not a possible number of <paramref name="defaultRegion"/> or the code it names.</summary>
    public static string? NormalisePhone(string? phone, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        try
        {
            var parsed = Phones.Parse(phone, defaultRegion);
            return Phones.IsValidNumber(parsed) ? Phones.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>The e-mail address in lower case, or null when it is not a single plain address.</summary>
    public static string? NormaliseEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var trimmed = email.Trim();
        if (trimmed.Length > 254 || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || parsed.DisplayName.Length > 0
            || !parsed.Host.Contains('.', StringComparison.Ordinal) || trimmed.Any(char.IsWhiteSpace))
        {
            return null;
        }

        return trimmed.ToLower(CultureInfo.InvariantCulture);
    }

    /// <summary>A phone for logs: the country code and the last two digits (<c>+7*******67</c>).</summary>
    public static string MaskPhone(string? phone) =>
        string.IsNullOrEmpty(phone) || phone.Length < 5 ? "***" : string.Concat(phone.AsSpan(0, 2), new string('*', phone.Length - 4), phone.AsSpan(phone.Length - 2));

    /// <summary>An e-mail for logs: the first letter and the domain (<c>o***@example.com</c>).</summary>
    public static string MaskEmail(string? email)
    {
        var at = email?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        return at <= 0 ? "***" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }
}
