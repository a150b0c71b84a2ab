using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Chat.Contracts;
using Chat.Server.Agents;
using Chat.Server.Visitors;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Protocol;

/// <summary>
/// Writes the TypeScript twin of <c>Chat.Contracts</c> that the widget and the console import (client-shared/src/contracts.ts):
/// every contract type as the JSON the server reads and writes (System.Text.Json web naming, enums as their names), the
/// string constants of the contract classes, and the methods and events of both hubs. Read from the serializer's own
/// metadata and the nullable annotations, so what the file says is what travels.
/// </summary>
public static class TypeScriptContracts
{
    public static readonly string[] FilePath = ["client-shared", "src", "contracts.ts"];

    /// <summary>Set to 1, the contracts test writes the file instead of comparing it.</summary>
    public const string WriteVariable = "CHAT_WRITE_CONTRACTS";

    private static readonly JsonSerializerOptions Json = new(TestClients.Json) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
    private static readonly Assembly Contracts = typeof(ChatMessage).Assembly;

    /// <summary>What System.Text.Json writes a simple value as: times and ids as strings, every number as a number.</summary>
    private static readonly Dictionary<Type, string> Primitives = new()
    {
        [typeof(string)] = "string",
        [typeof(Guid)] = "string",
        [typeof(DateTimeOffset)] = "string",
        [typeof(DateTime)] = "string",
        [typeof(DateOnly)] = "string",
        [typeof(TimeOnly)] = "string",
        [typeof(TimeSpan)] = "string",
        [typeof(bool)] = "boolean",
        [typeof(byte)] = "number",
        [typeof(short)] = "number",
        [typeof(int)] = "number",
        [typeof(long)] = "number",
        [typeof(float)] = "number",
        [typeof(double)] = "number",
        [typeof(decimal)] = "number",
    };

    private static readonly (string Name, Type Hub, Type Client, string Path)[] Hubs =
    [
        ("VisitorHub", typeof(VisitorHub), typeof(IVisitorClient), HubPaths.Visitor),
        ("AgentHub", typeof(AgentHub), typeof(IAgentClient), HubPaths.Agent),
    ];

    public static string Generate()
    {
        var writer = new Writer();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            // Generated from src/Chat.Contracts and the hubs by tests/Chat.Tests/Protocol/TypeScriptContracts.cs: do not edit.
            // After changing a contract or a hub, regenerate it (from the repository root):
            //   {WriteVariable}=1 dotnet test tests/Chat.Tests --filter "Area=Protocol&FullyQualifiedName~TypeScriptContracts"
            // JSON members are camelCase and enums travel as their names. `| null` is a nullable member; `?:` a member whose
            // constructor parameter has a default, which a client may leave out.

            """);

        foreach (var constants in Contracts.GetExportedTypes().Where(t => t.IsAbstract && t.IsSealed).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            text.Append(Constants(constants));
        }

        foreach (var (name, hub, client, path) in Hubs)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n/** {path}: what a client may call, with the arguments and the result (the promise's value). */\n");
            text.Append(CultureInfo.InvariantCulture, $"export interface {name}Methods {{\n");
            foreach (var method in DeclaredMethods(hub))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {method.Name}({writer.Parameters(method)}): {writer.Result(method)};\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"}}\n\n/** {path}: the events the server sends ({client.Name}). */\n");
            text.Append(CultureInfo.InvariantCulture, $"export interface {name}Events {{\n");
            foreach (var evt in client.GetMethods().OrderBy(m => m.MetadataToken))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {evt.Name}({writer.Parameters(evt)}): void;\n");
            }

            text.Append("}\n");
        }

        foreach (var type in Contracts.GetExportedTypes().Where(t => t.IsEnum || IsRecord(t)))
        {
            writer.Require(type);
        }

        return text.Append(writer.Declarations()).ToString();
    }

    /// <summary>The hub methods a client may call: public, declared on the hub itself (not the connect and disconnect overrides).</summary>
    private static IEnumerable<MethodInfo> DeclaredMethods(Type hub) =>
        hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == hub)
            .OrderBy(m => m.MetadataToken);

    private static bool IsRecord(Type type) => type.IsClass && !type.IsAbstract && type.GetMethod("<Clone>$") is not null;

    private static string Constants(Type type)
    {
        var fields = type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)).ToList();
        if (fields.Count == 0)
        {
            return "";
        }

        var members = fields.Select(f => $"  {JsonNamingPolicy.CamelCase.ConvertName(f.Name)}: {JsonSerializer.Serialize(f.GetRawConstantValue())},\n");
        return $"\nexport const {type.Name} = {{\n{string.Concat(members)}}} as const;\n";
    }

    /// <summary>Turns .NET types into TypeScript ones and collects the declarations of the enums and records it met.</summary>
    private sealed class Writer
    {
        private readonly NullabilityInfoContext nullability = new();
        private readonly Dictionary<string, Type> required = new(StringComparer.Ordinal);

        public string Parameters(MethodInfo method) =>
            string.Join(", ", method.GetParameters().Select(p => $"{p.Name}: {Of(p.ParameterType, nullability.Create(p))}"));

        public string Result(MethodInfo method)
        {
            var type = method.ReturnType;
            if (type == typeof(Task) || type == typeof(ValueTask))
            {
                return "void";
            }

            if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            {
                return Of(type.GetGenericArguments()[0], nullability.Create(method.ReturnParameter).GenericTypeArguments[0]);
            }

            throw new InvalidOperationException($"{method.DeclaringType!.Name}.{method.Name} returns {type.Name}; hub methods return a Task.");
        }

        public void Require(Type type)
        {
            if (!required.TryAdd(type.Name, type) && required[type.Name] != type)
            {
                throw new InvalidOperationException($"{type} and {required[type.Name]} would both be {type.Name} in TypeScript.");
            }
        }

        /// <summary>Every enum and record met so far and those they lead to, by name, each after an empty line.</summary>
        public string Declarations()
        {
            var written = new SortedDictionary<string, string>(StringComparer.Ordinal);
            while (required.FirstOrDefault(r => !written.ContainsKey(r.Key)) is { Value: { } type })
            {
                written[type.Name] = type.IsEnum ? Enum(type) : Record(type);
            }

            return string.Concat(written.Values.Select(declaration => $"\n{declaration}"));
        }

        private static string Enum(Type type)
        {
            var names = System.Enum.GetValues(type).Cast<object>().Select(value => JsonSerializer.Serialize(value, type, Json));
            return $"export type {type.Name} = {string.Join(" | ", names)};\n";
        }

        private string Record(Type type)
        {
            var info = Json.GetTypeInfo(type);
            var members = info.Properties.Select(p =>
            {
                var optional = p.AssociatedParameter?.HasDefaultValue == true ? "?" : "";
                var property = (PropertyInfo)p.AttributeProvider!;
                return $"  {p.Name}{optional}: {Of(p.PropertyType, nullability.Create(property))};\n";
            });
            return $"export interface {type.Name} {{\n{string.Concat(members)}}}\n";
        }

        private string Of(Type type, NullabilityInfo info)
        {
            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                return $"{Shape(underlying, info)} | null";
            }

            var shape = Shape(type, info);
            return info.ReadState == NullabilityState.Nullable ? $"{shape} | null" : shape;
        }

        private string Shape(Type type, NullabilityInfo info)
        {
            if (Primitives.TryGetValue(type, out var primitive))
            {
                return primitive;
            }

            if (type.IsEnum || (IsRecord(type) && type.Assembly == Contracts))
            {
                Require(type);
                return type.Name;
            }

            var kind = Json.GetTypeInfo(type).Kind;
            if (kind == JsonTypeInfoKind.Enumerable)
            {
                var element = type.IsArray ? info.ElementType! : info.GenericTypeArguments[^1];
                var name = Of(element.Type, element);
                return name.Contains('|', StringComparison.Ordinal) ? $"({name})[]" : $"{name}[]";
            }

            if (kind == JsonTypeInfoKind.Dictionary && info.GenericTypeArguments[0].Type == typeof(string))
            {
                var value = info.GenericTypeArguments[1];
                return $"Record<string, {Of(value.Type, value)}>";
            }

            throw new InvalidOperationException($"{type} has no TypeScript form yet: add it to {nameof(TypeScriptContracts)}.");
        }
    }
}
