namespace AssistantBot.BotFramework.Authentication;

internal static class Base64Url
{
    public static byte[] Decode(string value) => System.Buffers.Text.Base64Url.DecodeFromChars(value);

    public static string Encode(ReadOnlySpan<byte> value) => System.Buffers.Text.Base64Url.EncodeToString(value);
}
