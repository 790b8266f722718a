using System;
using System.Diagnostics;
using System.Threading;
using LibJet.Native;

namespace LibJet
{
    /// <summary>A log level (JET_LOG_*).</summary>
    public enum LogLevel
    {
        /// <summary>Failures libjet could not hide.</summary>
        Error = 1,
        /// <summary>Recovered problems: reconnects, dropped events.</summary>
        Warn = 2,
        /// <summary>Milestones: connected, subscribed, closed.</summary>
        Info = 3,
        /// <summary>Detail for finding a problem.</summary>
        Debug = 4,
        /// <summary>Everything.</summary>
        Trace = 5,
    }

    /// <summary>One log record from libjet (or from this binding, target "csharp").</summary>
    public sealed class LogRecord : EventArgs
    {
        internal LogRecord(LogLevel level, string target, string message)
        {
            Level = level;
            Target = target;
            Message = message;
        }

        /// <summary>How serious it is.</summary>
        public LogLevel Level { get; private set; }

        /// <summary>The part of libjet that wrote it ("notify", "tls", …; "csharp" for this binding).</summary>
        public string Target { get; private set; }

        /// <summary>The text (passwords never appear).</summary>
        public string Message { get; private set; }

        /// <summary>"LEVEL target: message".</summary>
        public override string ToString() { return Level + " " + Target + ": " + Message; }
    }

    public static partial class Jet
    {
        /// <summary>The TraceSource "LibJet": every record also goes here (add listeners to see them).</summary>
        public static readonly TraceSource Trace = new TraceSource("LibJet", SourceLevels.All);

        private static readonly NativeMethods.LogCallback LogTrampoline = OnNativeLog;
        private static EventHandler<LogRecord> logHandlers;
        private static LogLevel logLevel = LogLevel.Info;
        private static int logInstalled;

        /// <summary>
        /// libjet's log records, raised on libjet's threads: keep handlers
        /// short and never call libjet from them. The first handler routes
        /// libjet's log here (up to <see cref="LogLevel"/>).
        /// </summary>
        public static event EventHandler<LogRecord> Log
        {
            add
            {
                lock (loadLock) logHandlers += value;
                InstallLog();
            }
            remove { lock (loadLock) logHandlers -= value; }
        }

        /// <summary>The most detailed level routed to <see cref="Log"/> and <see cref="Trace"/> (default Info).</summary>
        public static LogLevel LogLevel
        {
            get { return logLevel; }
            set
            {
                logLevel = value;
                EnsureLoaded();
                Errors.Check(NativeMethods.jet_log_set_level((int)value));
            }
        }

        /// <summary>Routes libjet's records to Trace as well as Log, even without a Log handler.</summary>
        public static void EnableTrace() { InstallLog(); }

        private static void InstallLog()
        {
            EnsureLoaded();
            if (Interlocked.Exchange(ref logInstalled, 1) == 1) return;
            Errors.Check(NativeMethods.jet_log_set_callback(LogTrampoline, (int)logLevel, IntPtr.Zero, null));
        }

        private static void OnNativeLog(int level, IntPtr target, IntPtr message, IntPtr userData)
        {
            try
            {
                Publish(new LogRecord((LogLevel)level, Utf8.Read(target), Utf8.Read(message)));
            }
            catch (Exception)
            {
                // A throwing log handler must not unwind into libjet.
            }
        }

        /// <summary>Records a problem of the binding itself (a callback that threw).</summary>
        internal static void Report(LogLevel level, string message)
        {
            try { Publish(new LogRecord(level, "csharp", message)); }
            catch (Exception) { /* never unwind into native code */ }
        }

        private static void Publish(LogRecord record)
        {
            Trace.TraceEvent(TraceType(record.Level), 0, "{0}: {1}", record.Target, record.Message);
            EventHandler<LogRecord> handlers = logHandlers;
            if (handlers != null) handlers(null, record);
        }

        private static TraceEventType TraceType(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Error: return TraceEventType.Error;
                case LogLevel.Warn: return TraceEventType.Warning;
                case LogLevel.Info: return TraceEventType.Information;
                default: return TraceEventType.Verbose;
            }
        }
    }
}
