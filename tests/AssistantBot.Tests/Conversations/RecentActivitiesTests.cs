using AssistantBot.Conversations;

namespace AssistantBot.Tests.Conversations;

public sealed class RecentActivitiesTests
{
    [Fact]
    public void Remembers_the_last_ids_up_to_the_limit_and_forgets_older_ones()
    {
        var recent = new RecentActivities();
        for (var i = 0; i < 10; i++)
        {
            recent.Add($"conversation|{i:D7}", keep: 4);
        }

        Assert.Equal(4, recent.Count);
        Assert.All(Enumerable.Range(6, 4), i => Assert.True(recent.Contains($"conversation|{i:D7}")));
        Assert.All(Enumerable.Range(0, 6), i => Assert.False(recent.Contains($"conversation|{i:D7}")));
    }

    [Fact]
    public void Ids_differing_in_one_character_or_case_are_different()
    {
        var recent = new RecentActivities();
        recent.Add("AbC-1", keep: 64);
        Assert.True(recent.Contains("AbC-1"));
        Assert.False(recent.Contains("abc-1"));
        Assert.False(recent.Contains("AbC-2"));
    }

    [Fact]
    public void Survives_the_saved_state_round_trip_in_another_process_and_tolerates_a_damaged_value()
    {
        var data = new ConversationData();
        var longId = new string('x', 5_000);
        data.RememberProcessed("1:teams-activity-é", keep: 64);
        data.RememberProcessed(longId, keep: 64);

        var json = StateJson.Serialize(data);
        var loaded = StateJson.Deserialize<ConversationData>(json);

        Assert.True(loaded.HasProcessed("1:teams-activity-é"));
        Assert.True(loaded.HasProcessed(longId));
        Assert.False(loaded.HasProcessed("another"));
        Assert.Contains("\"recentActivityHashes\":\"", System.Text.Encoding.UTF8.GetString(json));

        // Not a whole number of hashes (edited by hand, truncated): treated as empty rather than failing every turn.
        var damaged = StateJson.Deserialize<ConversationData>("{\"recentActivityHashes\":\"AAEC\"}"u8);
        Assert.Equal(0, damaged.RecentActivities.Count);
    }

    [Fact]
    public void The_hash_is_the_same_in_every_process_and_version()
    {
        // Fixed values: instances sharing a database must agree, so a seeded or changed hash fails here.
        Assert.Equal(0xcbf29ce484222325UL, RecentActivities.Hash(""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, RecentActivities.Hash("a"));
        Assert.Equal(0xff2bfd8831687518UL, RecentActivities.Hash("1:teams-activity-é"));
    }

    [Fact]
    public void State_saved_with_the_old_hashes_loads_with_none_remembered()
    {
        var old = StateJson.Deserialize<ConversationData>("{\"greeted\":true,\"recentActivities\":\"AAECAwQFBgc=\"}"u8);

        Assert.True(old.Greeted);
        Assert.Equal(0, old.RecentActivities.Count);
    }
}
