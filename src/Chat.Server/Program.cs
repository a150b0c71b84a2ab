using Chat.Server.Accounts;
using Chat.Server.Agents;
using Chat.Server.Api;
using Chat.Server.Attachments;
using Chat.Server.Conversations;
using Chat.Server.Demo;
using Chat.Server.Email;
using Chat.Server.Handoff;
using Chat.Server.Hosting;
using Chat.Server.OfflineQueue;
using Chat.Server.Operations;
using Chat.Server.Policy;
using Chat.Server.Presence;
using Chat.Server.Ratings;
using Chat.Server.SavedAnswers;
using Chat.Server.Storage;
using Chat.Server.Visitors;
using Chat.Server.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddChatLogging();
builder.AddChatStorage();
builder.AddRealtime();
builder.Services.AddChatPipeline();
builder.Services.AddConversations(builder.Configuration);
builder.Services.AddChatSecurity(builder.Configuration);
builder.Services.AddVisitors(builder.Configuration);
builder.Services.AddAgents();
builder.Services.AddAttachments(builder.Configuration);
builder.Services.AddSavedAnswers(builder.Configuration);
builder.Services.AddPolicy(builder.Configuration);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddHandoff(builder.Configuration);
builder.Services.AddRatings(builder.Configuration);
builder.Services.AddApi(builder.Configuration);
builder.Services.AddWebhooks(builder.Configuration);
builder.Services.AddEmail(builder.Configuration);
builder.AddPresence();
builder.AddOfflineQueue();
builder.AddDemo();
builder.AddOperations();

var app = builder.Build();

await app.MigrateChatDatabaseAsync();
await app.SeedDemoDataAsync();

app.UseExceptionHandler();
app.UseChatSecurity();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseApi();
app.UseAuthentication();
app.UseAuthorization();
app.UseApiRateLimits();

app.MapHealth();
app.MapVisitors();
app.MapAgents();
app.MapAttachments();
app.MapPolicy();
app.MapAccounts();
app.MapApi();
app.MapDemo();
app.MapOperations();
app.AnnounceAddresses();

await app.RunAsync();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
