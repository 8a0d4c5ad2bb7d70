using System.CommandLine;
using AssistantBot.Staff;

namespace AssistantBot.Cli;

/// <summary><c>staff add</c>: creates a console account. The password is read from standard input, never from arguments.</summary>
public static class StaffCommand
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "Sign-in e-mail address", Required = true };
        var name = new Option<string>("--name") { Description = "Display name; the first name is shown to visitors in live chat", Required = true };
        var role = new Option<string>("--role") { Description = "advocate or admin", DefaultValueFactory = _ => StaffRoles.Advocate };
        var add = new Command("add", "Create a staff account (the password is read from standard input)") { email, name, role };
        add.TreatUnmatchedTokensAsErrors = false; // --Section:Key=value settings, as for the web host
        add.SetAction(async (parse, cancellationToken) =>
        {
            var password = ReadPassword();
            using var host = ToolHost.Build([.. parse.UnmatchedTokens], services => services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.SectionName).Services
                .AddSingleton(TimeProvider.System).AddSingleton<StaffAccounts>());
            var accounts = host.Services.GetRequiredService<StaffAccounts>();
            var (added, problem) = await accounts.AddAsync(parse.GetValue(email)!, parse.GetValue(name)!, parse.GetValue(role)!, password, cancellationToken);
            if (!added)
            {
                await Console.Error.WriteLineAsync(problem);
                return 1;
            }

            Console.WriteLine($"Added {parse.GetValue(role)} {parse.GetValue(email)}.");
            return 0;
        });
        return new Command("staff", "Manage staff accounts of the Patient Advocate console") { add };
    }

    private static string ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            return (Console.ReadLine() ?? string.Empty).TrimEnd('\r', '\n');
        }

        // Typed at a terminal: read key by key so the password is not shown.
        Console.Write("Password: ");
        var password = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        Console.WriteLine();
        return password.ToString();
    }
}
