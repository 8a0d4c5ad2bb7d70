using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

// Usage: dotnet run -c Release --project bench/AssistantBot.LoadTest -- --url http://127.0.0.1:5080[,http://...] --rate 5000
//        --duration 600 --conversations 32 [--pid 1234[,5678]] [--questions bench/load/questions.txt] [--report 30]
//        [--warmup 30]: seconds of closed-loop turns before the measured run, so the server's JIT has finished first
var options = Options.Parse(args);
var questions = File.ReadAllLines(options.Questions).Where(l => l.Length > 0).ToArray();
var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
var run = Guid.NewGuid().ToString("N")[..8];
var counters = new long[options.Conversations];
await WarmUpAsync();
var stats = new Stats();
var stopwatch = Stopwatch.StartNew();
var inFlight = new List<Task>();
var interval = TimeSpan.FromSeconds(1.0 / options.Rate);
long sent = 0;

Console.WriteLine($"open loop: {options.Rate}/s for {options.Duration}s over {options.Conversations} conversations, {options.Urls.Length} instance(s)");
var reporter = Task.Run(async () =>
{
    var window = new Stats();
    while (stopwatch.Elapsed.TotalSeconds < options.Duration)
    {
        await Task.Delay(TimeSpan.FromSeconds(options.ReportSeconds));
        var snapshot = stats.TakeWindow();
        Console.WriteLine($"t={stopwatch.Elapsed.TotalSeconds,5:0}s {snapshot} rss={string.Join('/', options.Pids.Select(Rss))}");
    }
});

while (stopwatch.Elapsed.TotalSeconds < options.Duration)
{
    var due = TimeSpan.FromTicks(interval.Ticks * sent);
    var wait = due - stopwatch.Elapsed;
    if (wait > TimeSpan.FromMilliseconds(1))
    {
        await Task.Delay(wait);
    }

    var n = sent++;
    var conversation = (int)(n % options.Conversations);
    var turn = Interlocked.Increment(ref counters[conversation]);
    var url = options.Urls[(int)(n % options.Urls.Length)];
    var task = SendAsync(url, conversation, turn, questions[n % questions.Length], stats);
    inFlight.Add(task);
    if (inFlight.Count > 10_000)
    {
        inFlight.RemoveAll(t => t.IsCompleted);
    }
}

await Task.WhenAll(inFlight);
await reporter;
Console.WriteLine($"TOTAL {stats.Total()}");
return stats.Failed == 0 ? 0 : 1;

async Task SendAsync(string url, int conversation, long turn, string text, Stats into)
{
    var body = $$"""{"type":"message","id":"{{run}}-{{conversation}}-{{turn}}","channelId":"bench","serviceUrl":"https://bench.invalid/","conversation":{"id":"soak-{{run}}-{{conversation}}"},"from":{"id":"user-{{conversation}}","role":"user"},"recipient":{"id":"bot"},"deliveryMode":"expectReplies","locale":"en-US","text":{{JsonSerializer.Serialize(text)}}}""";
    var started = Stopwatch.GetTimestamp();
    try
    {
        using var response = await http.PostAsync(url + "/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        var answer = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            into.Record(elapsed, Outcome.Error);
            return;
        }

        // A processed turn always answers; an apology ("try again") is not an answer either.
        using var json = JsonDocument.Parse(answer);
        var replies = json.RootElement.GetProperty("activities");
        var answered = replies.GetArrayLength() > 0 && !answer.Contains("try again", StringComparison.Ordinal) && !answer.Contains("went wrong", StringComparison.Ordinal);
        into.Record(elapsed, answered ? Outcome.Answered : Outcome.Lost);
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
    {
        into.Record(Stopwatch.GetElapsedTime(started), Outcome.Error);
    }
}

// Closed loop, one request per conversation at a time, for --warmup seconds: as fast as the server answers without a
// queue building up. Its turns are checked like the others but not counted in the figures.
async Task WarmUpAsync()
{
    if (options.WarmUpSeconds <= 0)
    {
        return;
    }

    var warmUp = new Stats();
    var until = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, options.Conversations).Select(async conversation =>
    {
        while (until.Elapsed.TotalSeconds < options.WarmUpSeconds)
        {
            var turn = Interlocked.Increment(ref counters[conversation]);
            await SendAsync(options.Urls[conversation % options.Urls.Length], conversation, turn, questions[turn % questions.Length], warmUp);
        }
    }));
    Console.WriteLine($"warm-up {options.WarmUpSeconds}s: {warmUp.Total()}");
}

static string Rss(int pid)
{
    try
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? "?" : $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024}MB";
    }
    catch (IOException)
    {
        return "gone";
    }
}

enum Outcome
{
    Answered,
    Lost,
    Error,
}

/// <summary>Latencies in a fixed histogram (0.1 ms buckets up to 10 s) for the whole run and the current window.</summary>
sealed class Stats
{
    private const int Buckets = 100_000;
    private readonly object _gate = new();
    private long[] _window = new long[Buckets];
    private readonly long[] _total = new long[Buckets];
    private long _windowAnswered, _windowLost, _windowErrors, _answered, _lost, _errors;
    private readonly Stopwatch _windowClock = Stopwatch.StartNew();
    private readonly Stopwatch _totalClock = Stopwatch.StartNew();

    public long Failed => _lost + _errors;

    public void Record(TimeSpan latency, Outcome outcome)
    {
        var bucket = (int)Math.Min(Buckets - 1, latency.TotalMilliseconds * 10);
        lock (_gate)
        {
            _window[bucket]++;
            _total[bucket]++;
            switch (outcome)
            {
                case Outcome.Answered: _windowAnswered++; _answered++; break;
                case Outcome.Lost: _windowLost++; _lost++; break;
                default: _windowErrors++; _errors++; break;
            }
        }
    }

    public string TakeWindow()
    {
        lock (_gate)
        {
            var text = Describe(_window, _windowAnswered, _windowLost, _windowErrors, _windowClock.Elapsed);
            _window = new long[Buckets];
            _windowAnswered = _windowLost = _windowErrors = 0;
            _windowClock.Restart();
            return text;
        }
    }

    public string Total()
    {
        lock (_gate)
        {
            return Describe(_total, _answered, _lost, _errors, _totalClock.Elapsed);
        }
    }

    private static string Describe(long[] histogram, long answered, long lost, long errors, TimeSpan over)
    {
        var count = answered + lost + errors;
        return $"turns={count} rate={count / over.TotalSeconds:0}/s answered={answered} lost={lost} errors={errors} " +
            $"p50={Percentile(histogram, count, 0.50):0.0}ms p99={Percentile(histogram, count, 0.99):0.0}ms max={Percentile(histogram, count, 1.0):0.0}ms";
    }

    private static double Percentile(long[] histogram, long count, double q)
    {
        if (count == 0)
        {
            return 0;
        }

        var target = (long)Math.Ceiling(count * q);
        long seen = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= target)
            {
                return (i + 1) / 10.0;
            }
        }

        return histogram.Length / 10.0;
    }
}

sealed record Options(string[] Urls, double Rate, int Duration, int Conversations, int[] Pids, string Questions, int ReportSeconds, int WarmUpSeconds)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new Options(
            Get("--url", "http://127.0.0.1:5080").Split(',', StringSplitOptions.RemoveEmptyEntries),
            double.Parse(Get("--rate", "1000"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("--duration", "60"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("--conversations", "32"), System.Globalization.CultureInfo.InvariantCulture),
            Get("--pid", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray(),
            Get("--questions", "bench/load/questions.txt"),
            int.Parse(Get("--report", "30"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("--warmup", "30"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
