using AssistantBot.BotFramework.Hosting;
using AssistantBot.BotFramework.Schema;
using Microsoft.AspNetCore.Http;

namespace AssistantBot.Tests.BotFramework;

public sealed class BotJsonResultTests
{
    [Fact]
    public async Task Writes_the_payload_as_one_json_body_with_its_length_and_status()
    {
        var http = new DefaultHttpContext();
        using var body = new MemoryStream();
        http.Response.Body = body;
        var replies = new ExpectedReplies { Activities = [new Activity { Type = ActivityTypes.Message, Text = "It's \"quoted\" <b>" }] };

        await new BotJsonResult<ExpectedReplies>(replies, StatusCodes.Status202Accepted).ExecuteAsync(http);

        Assert.Equal(StatusCodes.Status202Accepted, http.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", http.Response.ContentType);
        Assert.Equal(body.Length, http.Response.ContentLength);
        Assert.Equal(BotJson.SerializeToUtf8Bytes(replies), body.ToArray());
        Assert.Equal("It's \"quoted\" <b>", BotJson.Deserialize<ExpectedReplies>(body.ToArray())!.Activities[0].Text);
    }
}
