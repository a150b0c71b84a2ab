namespace Chat.Server.Policy;

/// <summary>Who consults whom (R1–R3, R5, R6): the departments, the shared mailbox and the tariffs with their pools and channels.</summary>
public interface IConsultantRouting
{
    /// <summary>The departments.</summary>
    IReadOnlyList<Department> Departments { get; }

    /// <summary>The department with this key, or null.</summary>
    Department? FindDepartment(string key);

    /// <summary>The shared mailbox (R3).</summary>
    string SharedMailbox { get; }

    /// <summary>The tariffs.</summary>
    IReadOnlyList<Tariff> Tariffs { get; }

    /// <summary>The tariff with this key, or null.</summary>
    Tariff? FindTariff(string key);

    /// <summary>Who answers an account on <paramref name="tariff"/> (R1, R2).</summary>
    ConsultantRoute RouteFor(Tariff tariff, bool hasPersonalManager);
}
