using Chat.Contracts;
using Chat.Server.Policy;
using static Chat.Tests.Policy.PolicyTestSupport;

namespace Chat.Tests.Policy;

/// <summary>R1, R2: who consults a client; R3, R5, R6: the channels each tariff may use and how the manager gets back to the client.</summary>
[Trait("Area", "Policy")]
public sealed class RoutingAndChannelTests
{
    private readonly IConsultantRouting routing = Company.Routing;
    private readonly IVisitorTexts texts = Company.Texts;

    [Theory]
    [InlineData("start", false, ConsultantKind.Pool, "call-centre", false)]
    [InlineData("start", true, ConsultantKind.PersonalManager, "call-centre", false)]
    [InlineData("standard", true, ConsultantKind.PersonalManager, "current-clients", false)]
    [InlineData("business", true, ConsultantKind.PersonalManager, "current-clients", false)]
    [InlineData("enterprise", true, ConsultantKind.PersonalManager, "current-clients", false)]
    [InlineData("business", false, ConsultantKind.Pool, "current-clients", true)]
    public void Start_clients_go_to_the_call_centre_unless_they_have_a_dedicated_manager_and_paid_clients_to_their_manager(
        string tariff, bool hasManager, ConsultantKind kind, string pool, bool managerMissing)
    {
        var route = routing.RouteFor(routing.FindTariff(tariff)!, hasManager);

        Assert.Equal(kind, route.Kind);
        Assert.Equal(pool, route.Pool.Key);
        Assert.Equal(managerMissing, route.ManagerMissing);
    }

    [Theory]
    [InlineData("start", ContactChannel.Chat, true)]
    [InlineData("start", ContactChannel.Email, true)]
    [InlineData("start", ContactChannel.Phone, false)]
    [InlineData("start", ContactChannel.CallBack, false)]
    [InlineData("standard", ContactChannel.Chat, true)]
    [InlineData("standard", ContactChannel.Email, true)]
    [InlineData("standard", ContactChannel.Phone, true)]
    [InlineData("standard", ContactChannel.CallBack, true)]
    [InlineData("business", ContactChannel.CallBack, true)]
    [InlineData("enterprise", ContactChannel.Phone, true)]
    public void Start_clients_use_chat_and_e_mail_and_paid_clients_also_the_phone_and_the_call_back(string tariff, ContactChannel channel, bool allowed) =>
        Assert.Equal(allowed, routing.FindTariff(tariff)!.Allows(channel));

    [Theory]
    [InlineData("start", new[] { ContactMethod.Email })]
    [InlineData("standard", new[] { ContactMethod.Phone, ContactMethod.Email })]
    [InlineData("enterprise", new[] { ContactMethod.Phone, ContactMethod.Email })]
    public void After_a_handoff_the_manager_contacts_a_Start_client_by_e_mail_and_a_paid_client_by_phone_or_e_mail(string tariff, ContactMethod[] methods) =>
        Assert.Equal(methods, routing.FindTariff(tariff)!.ContactBy);

    [Theory]
    [InlineData("start", "ru", "по электронной почте")]
    [InlineData("start", "en", "by e-mail")]
    [InlineData("business", "ru", "по телефону или по электронной почте")]
    [InlineData("business", "en", "by phone or by e-mail")]
    public void The_handoff_confirmation_tells_the_visitor_how_the_manager_will_contact_them(string tariff, string language, string expected) =>
        Assert.Contains(expected, texts.HandoffNotice(routing.FindTariff(tariff)!.ContactBy, language), StringComparison.Ordinal);

    [Fact]
    public void Tariff_keys_are_found_whatever_their_case_and_an_unknown_tariff_is_not_found()
    {
        Assert.Equal("start", routing.FindTariff("Start")?.Key);
        Assert.Null(routing.FindTariff("platinum"));
    }

    [Theory]
    [InlineData("sales", "Отдел продаж", "Sales")]
    [InlineData("current-clients", "Отдел текущих клиентов", "Current Clients")]
    [InlineData("call-centre", "Колл-центр", "Call Centre")]
    [InlineData("support", "Техническая поддержка", "Support")]
    [InlineData("training", "Отдел обучения и внедрения", "Training & Implementation")]
    public void The_departments_have_labels_in_both_languages(string key, string ru, string en)
    {
        var department = routing.FindDepartment(key)!;

        Assert.Equal(ru, department.Label.In("ru"));
        Assert.Equal(en, department.Label.In("en"));
    }

    [Fact]
    public void Support_and_the_shared_box_have_their_addresses()
    {
        Assert.Equal("support@example.com", routing.FindDepartment("support")!.Email);
        Assert.Equal("info@example.com", routing.SharedMailbox);
    }
}
