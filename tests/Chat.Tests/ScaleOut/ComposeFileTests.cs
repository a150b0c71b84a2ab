using System.Text.Json;
using Chat.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Chat.Tests.ScaleOut;

/// <summary><c>docker-compose.yml</c> stays true to the server it runs.</summary>
[Trait("Area", "ScaleOut")]
public sealed class ComposeFileTests
{
    /// <summary>Settings that ASP.NET Core itself reads.</summary>
    private static readonly HashSet<string> FrameworkSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED",
    };

    private static readonly YamlMappingNode Services = LoadServices();

    private static YamlMappingNode LoadServices()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Repository.PathOf("docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("services")];
    }

    private static IEnumerable<(string Name, YamlMappingNode Service)> ChatNodes() =>
        Services.Children
            .Where(s => ((YamlMappingNode)s.Value).Children.ContainsKey(new YamlScalarNode("build")))
            .Select(s => (((YamlScalarNode)s.Key).Value!, (YamlMappingNode)s.Value));

    private static HashSet<string> KnownSettings()
    {
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Walk(JsonElement element, string prefix)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    var key = prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}";
                    known.Add(key);
                    Walk(property.Value, key);
                }
            }
        }

        Walk(JsonDocument.Parse(File.ReadAllText(Repository.PathOf("src", "Chat.Server", "appsettings.json"))).RootElement, string.Empty);
        return known;
    }

    [Fact]
    public void The_compose_file_runs_two_chat_nodes_behind_a_websocket_proxy_with_redis_aof_and_postgres()
    {
        Assert.Equal(2, ChatNodes().Count());
        Assert.Contains("--appendonly", Services["redis"]["command"].AllNodes.OfType<YamlScalarNode>().Select(n => n.Value));
        Assert.StartsWith("postgres", ((YamlScalarNode)Services["postgres"]["image"]).Value, StringComparison.Ordinal);
        var nginx = File.ReadAllText(Repository.PathOf("deploy", "nginx.conf"));
        Assert.Contains("proxy_set_header Upgrade $http_upgrade", nginx, StringComparison.Ordinal);
        foreach (var (name, _) in ChatNodes())
        {
            Assert.Contains($"server {name}:8080", nginx, StringComparison.Ordinal);
        }

        Assert.All(Services.Children.Values.Cast<YamlMappingNode>(), s => Assert.True(s.Children.ContainsKey(new YamlScalarNode("healthcheck"))));
    }

    [Fact]
    public void Every_setting_the_compose_file_passes_to_a_node_is_one_the_server_knows()
    {
        var known = KnownSettings();
        foreach (var (name, node) in ChatNodes())
        {
            var environment = (YamlMappingNode)node["environment"];
            Assert.NotEmpty(environment.Children);
            foreach (var key in environment.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!))
            {
                var setting = key.Replace("__", ":", StringComparison.Ordinal);
                Assert.True(FrameworkSettings.Contains(key) || known.Contains(setting), $"{name} passes {key}, which the server does not know.");
            }
        }
    }
}
