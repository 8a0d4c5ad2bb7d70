using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AssistantBot.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantBot.Tests.Infrastructure;

/// <summary>A signed-in console session: cookie, plus the anti-forgery token the console sends on every change.</summary>
public sealed partial class StaffSession(HttpClient client, string token)
{
    public const string Password = "correct horse battery staple";

    public HttpClient Client { get; } = client;

    public string Token { get; } = token;

    public static async Task<string> CreateAccountAsync(AssistantFactory factory, string email, string name, string role)
    {
        var accounts = factory.Services.GetRequiredService<StaffAccounts>();
        var (added, problem) = await accounts.AddAsync(email, name, role, Password, default);
        Assert.True(added, problem);
        return email;
    }

    public static async Task<StaffSession> SignInAsync(AssistantFactory factory, string email, string password = Password)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await SubmitSignInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var me = await client.GetFromJsonAsync<MeView>("/staff/api/me");
        return new StaffSession(client, me!.AntiforgeryToken);
    }

    public static async Task<HttpResponseMessage> SubmitSignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/staff/signin");
        var token = TokenField().Match(page).Groups[1].Value;
        return await client.PostAsync("/staff/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["email"] = email,
            ["password"] = password,
        }));
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null, bool withToken = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (withToken)
        {
            request.Headers.Add("X-CSRF-TOKEN", Token);
        }

        return Client.SendAsync(request);
    }

    public async Task<T> GetAsync<T>(string path) => (await Client.GetFromJsonAsync<T>(path))!;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
