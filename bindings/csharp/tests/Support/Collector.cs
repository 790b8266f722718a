using System;
using System.Collections.Generic;
using System.Threading;

namespace LibJet.Tests.Support
{
    /// <summary>What a callback saw of one event (taken inside the callback).</summary>
    internal sealed class Seen
    {
        internal string Topic, Id, Hostname, Attributes, ParseError;
        internal bool Parsed;
        internal byte[] Raw;

        /// <summary>Copies what the tests look at.</summary>
        internal static Seen Of(Event evt)
        {
            return new Seen
            {
                Topic = evt.Topic, Id = evt.Id, Hostname = evt.Hostname, Attributes = evt.AttributesJson,
                ParseError = evt.ParseError, Parsed = evt.IsParsed, Raw = evt.Raw,
            };
        }
    }

    /// <summary>Collects items from callbacks; tests wait for a count with a generous bound.</summary>
    internal sealed class Collector<T>
    {
        private readonly List<T> items = new List<T>();

        /// <summary>Adds one item (any thread).</summary>
        internal void Add(T item)
        {
            lock (items)
            {
                items.Add(item);
                Monitor.PulseAll(items);
            }
        }

        /// <summary>The items so far.</summary>
        internal List<T> Snapshot() { lock (items) return new List<T>(items); }

        /// <summary>Waits until `count` items came (or throws after `seconds`), then returns them.</summary>
        internal List<T> WaitFor(int count, int seconds = 20)
        {
            var deadline = DateTime.UtcNow.AddSeconds(seconds);
            lock (items)
            {
                while (items.Count < count)
                {
                    TimeSpan left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) throw new TimeoutException("got " + items.Count + " of " + count + " items in " + seconds + " s");
                    Monitor.Wait(items, left);
                }
                return new List<T>(items);
            }
        }

        /// <summary>Waits until an item satisfies `match` (or throws after `seconds`).</summary>
        internal T WaitFor(Func<T, bool> match, int seconds = 20)
        {
            var deadline = DateTime.UtcNow.AddSeconds(seconds);
            lock (items)
            {
                while (true)
                {
                    foreach (T item in items) if (match(item)) return item;
                    TimeSpan left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) throw new TimeoutException("no matching item in " + seconds + " s; got " + items.Count);
                    Monitor.Wait(items, left);
                }
            }
        }
    }

    /// <summary>The device samples of tests/data/events, in topics.tsv's order.</summary>
    internal static class Samples
    {
        /// <summary>(file path, topic) pairs.</summary>
        internal static List<KeyValuePair<string, string>> All()
        {
            var samples = new List<KeyValuePair<string, string>>();
            string dir = Repo.Path("tests", "data", "events");
            foreach (string line in System.IO.File.ReadAllLines(System.IO.Path.Combine(dir, "topics.tsv")))
            {
                if (line.StartsWith("#", StringComparison.Ordinal) || line.Trim().Length == 0) continue;
                string[] parts = line.Split('\t');
                samples.Add(new KeyValuePair<string, string>(System.IO.Path.Combine(dir, parts[0]), parts[1]));
            }
            return samples;
        }
    }
}
