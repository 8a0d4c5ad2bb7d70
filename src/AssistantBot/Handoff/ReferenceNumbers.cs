using System.Security.Cryptography;

namespace AssistantBot.Handoff;

/// <summary>
/// Reference numbers visitors can read out on the phone: "PA-" and six characters from an alphabet without 0/O, 1/I/L
/// or U. Internal ids are separate, long and random, so knowing a reference gives no access to anything.
/// </summary>
public static class ReferenceNumbers
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewReference() =>
        "PA-" + new string(RandomNumberGenerator.GetItems<char>(Alphabet, 6));

    public static string NewId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
}
