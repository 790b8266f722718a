// What the C# benchmark programs share (the twin of bench/c/common.c): the
// command line, the monotonic clock, the one-line JSON object printed at the
// end and latency quantiles. bench/README.md is the contract.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LibJet.Bench
{
    /// <summary>Exit statuses of bench/README.md.</summary>
    internal static class Exit
    {
        internal const int Done = 0, Failed = 1, Usage = 2, Short = 3;
    }

    /// <summary>Parses "--name value" and "--flag" options against a table, as common.c does.</summary>
    internal sealed class Options
    {
        private readonly Dictionary<string, string> values = new Dictionary<string, string>();
        private readonly string program;
        private readonly string usage;

        /// <summary>Parses `args`; `flags` take no value, `valued` take one. Exits 2 on a mistake.</summary>
        internal Options(string program, string usage, string[] args, string[] valued, string[] flags)
        {
            this.program = program;
            this.usage = usage;
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                if (arg == "--help" || arg == "-h") { Console.Error.Write(usage); Environment.Exit(Exit.Usage); }
                if (Array.IndexOf(flags, arg) >= 0) { values[arg] = "1"; continue; }
                if (Array.IndexOf(valued, arg) < 0) Fail("unknown argument " + arg);
                if (i + 1 >= args.Length) Fail(arg + " needs a value");
                values[arg] = args[++i];
            }
        }

        /// <summary>The option's text, or `fallback`.</summary>
        internal string Text(string name, string fallback) { string v; return values.TryGetValue(name, out v) ? v : fallback; }

        /// <summary>Whether a flag was given.</summary>
        internal bool Flag(string name) { return values.ContainsKey(name); }

        /// <summary>The option as a number from min to max, or `fallback` when absent.</summary>
        internal long Number(string name, long fallback, long min, long max)
        {
            string text;
            if (!values.TryGetValue(name, out text)) return fallback;
            long value;
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) || value < min || value > max)
                Fail(name + ": " + text + " is not a number from " + min + " to " + max);
            return value;
        }

        /// <summary>Prints "&lt;program&gt;: &lt;problem&gt;" and the usage, then exits 2.</summary>
        internal void Fail(string problem)
        {
            Console.Error.Write(program + ": " + problem + "\n" + usage);
            Environment.Exit(Exit.Usage);
        }
    }

    /// <summary>The monotonic clock in ns.</summary>
    internal static class Clock
    {
        private static readonly double NsPerTick = 1e9 / Stopwatch.Frequency;

        /// <summary>Now, in ns of the monotonic clock.</summary>
        internal static long Now() { return (long)(Stopwatch.GetTimestamp() * NsPerTick); }
    }

    /// <summary>The JSON object each program prints on one line at the end.</summary>
    internal sealed class JsonLine
    {
        private readonly StringBuilder text = new StringBuilder("{");
        private int members;

        private JsonLine Name(string name)
        {
            text.Append(members++ > 0 ? ", " : "").Append('"').Append(name).Append("\": ");
            return this;
        }

        /// <summary>An integer member.</summary>
        internal JsonLine Int(string name, long value) { Name(name).text.Append(value.ToString(CultureInfo.InvariantCulture)); return this; }

        /// <summary>A number with `decimals` digits after the point (null if not finite).</summary>
        internal JsonLine Num(string name, double value, int decimals) { Name(name); Value(value, decimals); return this; }

        /// <summary>An array of numbers with 3 decimals.</summary>
        internal JsonLine Nums(string name, IList<double> values)
        {
            Name(name).text.Append('[');
            for (int i = 0; i < values.Count; i++) { if (i > 0) text.Append(", "); Value(values[i], 3); }
            text.Append(']');
            return this;
        }

        private void Value(double value, int decimals)
        {
            if (double.IsNaN(value) || double.IsInfinity(value)) text.Append("null");
            else text.Append(value.ToString("F" + decimals, CultureInfo.InvariantCulture));
        }

        /// <summary>Prints the object and its newline, flushed.</summary>
        internal void Print()
        {
            Console.Out.Write(text.Append("}\n").ToString());
            Console.Out.Flush();
        }
    }

    /// <summary>Latency quantiles by nearest rank, as bench/c/common.c computes them.</summary>
    internal static class Quantiles
    {
        /// <summary>The value at rank ceil(num/den * n) of `sorted` (n &gt; 0), in µs.</summary>
        internal static double Us(long[] sorted, int n, long num, long den)
        {
            long rank = (num * n + den - 1) / den;
            if (rank < 1) rank = 1;
            if (rank > n) rank = n;
            return sorted[rank - 1] / 1000.0;
        }

        /// <summary>Adds p50_us, p99_us, p999_us, max_us and the 201 quantiles_us of the first `n` latencies (sorted here).</summary>
        internal static void Add(JsonLine json, long[] latencies, int n)
        {
            Array.Sort(latencies, 0, n);
            json.Num("p50_us", n > 0 ? Us(latencies, n, 50, 100) : double.NaN, 3);
            json.Num("p99_us", n > 0 ? Us(latencies, n, 99, 100) : double.NaN, 3);
            json.Num("p999_us", n > 0 ? Us(latencies, n, 999, 1000) : double.NaN, 3);
            json.Num("max_us", n > 0 ? Us(latencies, n, 1, 1) : double.NaN, 3);
            var all = new List<double>();
            for (int i = 0; n > 0 && i <= 200; i++) all.Add(Us(latencies, n, i, 200));
            json.Nums("quantiles_us", all);
        }
    }
}
