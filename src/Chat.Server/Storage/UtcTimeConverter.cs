using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Chat.Server.Storage;

/// <summary>
/// Every stored time is its UTC instant, whatever offset it came with (a client's call-back window, a test's clock):
/// PostgreSQL's <c>timestamp with time zone</c> takes only offset 0 from Npgsql.
/// </summary>
public sealed class UtcTimeConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);

/// <summary>
/// How SQLite stores a <see cref="DateTimeOffset"/>: the layout of EF Core's <see cref="DateTimeOffsetToBinaryConverter"/>
/// (ticks / 1000 shifted left by 11, the offset in minutes in the low bits), but always of the instant in UTC, so that
/// numbers compare as the instants do (EF's own keeps the local ticks: 12:00+03:00 would sort after 10:00Z). A value
/// stored with an offset before reads back as the same instant.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => ToLong(v), v => ToTime(v))
{
    public static long ToLong(DateTimeOffset value) => (value.UtcTicks / 1000) << 11;

    public static DateTimeOffset ToTime(long value) =>
        new DateTimeOffset(new DateTime((value >> 11) * 1000), TimeSpan.FromMinutes((value << 53) >> 53)).ToUniversalTime();
}
