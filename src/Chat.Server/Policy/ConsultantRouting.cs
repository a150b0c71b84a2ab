using Microsoft.Extensions.Options;

namespace Chat.Server.Policy;

/// <summary>The departments and tariffs compiled from validated <see cref="PolicyOptions"/>; immutable and thread-safe.</summary>
public sealed class ConsultantRouting : IConsultantRouting
{
    private readonly Dictionary<string, Department> departments;
    private readonly Dictionary<string, Tariff> tariffs;

    public ConsultantRouting(IOptions<PolicyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = options.Value;
        departments = policy.Departments.ToDictionary(
            d => d.Key,
            d => new Department(
                d.Key,
                new Localised(d.Value.Labels, policy.DefaultLanguage),
                string.IsNullOrWhiteSpace(d.Value.Email) ? null : d.Value.Email.Trim()),
            StringComparer.OrdinalIgnoreCase);
        Departments = [.. departments.Values];
        SharedMailbox = policy.SharedMailbox;
        tariffs = policy.Tariffs.ToDictionary(
            t => t.Key,
            t => new Tariff(
                t.Key,
                new Localised(t.Value.Labels, policy.DefaultLanguage),
                t.Value.Consultant!.Value,
                departments[t.Value.Pool],
                [.. t.Value.Channels.Distinct()],
                [.. t.Value.ContactBy.Distinct()]),
            StringComparer.OrdinalIgnoreCase);
        Tariffs = [.. tariffs.Values];
    }

    public IReadOnlyList<Department> Departments { get; }

    public string SharedMailbox { get; }

    public IReadOnlyList<Tariff> Tariffs { get; }

    public Department? FindDepartment(string key) => departments.GetValueOrDefault(key);

    public Tariff? FindTariff(string key) => tariffs.GetValueOrDefault(key);

    public ConsultantRoute RouteFor(Tariff tariff, bool hasPersonalManager)
    {
        ArgumentNullException.ThrowIfNull(tariff);
        return hasPersonalManager
            ? new ConsultantRoute(ConsultantKind.PersonalManager, tariff.Pool, ManagerMissing: false)
            : new ConsultantRoute(ConsultantKind.Pool, tariff.Pool, ManagerMissing: tariff.Consultant == ConsultantKind.PersonalManager);
    }
}
