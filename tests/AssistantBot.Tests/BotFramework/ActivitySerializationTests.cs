using System.Text.Json.Nodes;
using AssistantBot.BotFramework.Schema;

namespace AssistantBot.Tests.BotFramework;

public sealed class ActivitySerializationTests
{
    private const string TeamsMessage = """
        {
          "type": "message",
          "id": "1485983408511",
          "timestamp": "2024-05-01T10:15:30.1234567Z",
          "localTimestamp": "2024-05-01T12:15:30.123+02:00",
          "localTimezone": "Europe/Berlin",
          "serviceUrl": "https://smba.trafficmanager.net/amer/",
          "channelId": "msteams",
          "from": { "id": "29:1abc", "name": "Pat Doe", "aadObjectId": "aad-1", "role": "user" },
          "conversation": { "conversationType": "personal", "tenantId": "tenant-1", "id": "a:1xyz", "isGroup": false },
          "recipient": { "id": "28:bot", "name": "Assistant" },
          "textFormat": "plain",
          "text": "<at>Assistant</at> what is stage 4?",
          "locale": "en-US",
          "entities": [ { "type": "mention", "mentioned": { "id": "28:bot", "name": "Assistant" }, "text": "<at>Assistant</at>" },
                        { "type": "clientInfo", "locale": "en-US", "country": "US", "platform": "Web" } ],
          "channelData": { "tenant": { "id": "tenant-1" }, "clientActivityID": "abc-123" },
          "attachments": [ { "contentType": "text/html", "content": "<p>hi</p>" } ],
          "value": { "feedback": "yes", "nested": [1, 2, 3] },
          "futureField": { "anything": [true, null, "kept"] },
          "anotherFutureField": 42
        }
        """;

    [Fact]
    public void An_activity_survives_a_round_trip_with_fields_this_project_does_not_model()
    {
        var activity = BotJson.Deserialize<Activity>(TeamsMessage)!;

        var written = JsonNode.Parse(BotJson.Serialize(activity))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TeamsMessage), written), written.ToJsonString());
    }

    [Fact]
    public void Names_are_camel_case_and_nulls_empty_strings_and_empty_arrays_are_omitted()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "hi",
            Speak = "",
            Attachments = [],
            Entities = [],
            ReplyToId = "r1",
            Conversation = new ConversationAccount { Id = "c" },
        };

        var json = JsonNode.Parse(BotJson.Serialize(activity))!.AsObject();

        Assert.Equal(["type", "conversation", "text", "replyToId"], json.Select(p => p.Key).ToArray());
    }

    [Fact]
    public void Timestamps_are_written_in_utc_with_a_z()
    {
        var activity = new Activity { Type = ActivityTypes.Message, Timestamp = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2)) };

        var json = BotJson.Serialize(activity);

        Assert.Contains("\"timestamp\":\"2024-05-01T10:00:00.0000000Z\"", json);
    }

    [Fact]
    public void Expected_replies_always_carry_their_array()
    {
        Assert.Equal("""{"activities":[]}""", BotJson.Serialize(new ExpectedReplies()));
    }

    [Fact]
    public void A_reply_addresses_the_sender_and_names_the_activity_it_answers()
    {
        var inbound = BotJson.Deserialize<Activity>(TeamsMessage)!;

        var reply = inbound.CreateReply("answer");

        Assert.Equal(("28:bot", "29:1abc", "1485983408511"), (reply.From?.Id, reply.Recipient?.Id, reply.ReplyToId));
        Assert.Equal(("a:1xyz", "en-US", "msteams"), (reply.Conversation?.Id, reply.Locale, reply.ChannelId));
        Assert.Null(reply.Id);
        Assert.Null(reply.Timestamp);
    }
}
