using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Runtime.InteropServices;
using LibJet.Native;

namespace LibJet
{
    /// <summary>
    /// One check of a service session's JET state after a reconnect
    /// (jet_service_state_report_t), copied out of libjet: immutable. Each
    /// entry is libjet's text for one object: "filter NAME", "policer NAME"
    /// or "address IFL FAMILY ADDRESS/LEN"; a failed entry also says why
    /// ("&lt;entry&gt;: &lt;message&gt;").
    /// </summary>
    public sealed class StateReport
    {
        private StateReport(IList<string> present, IList<string> purged, IList<string> reapplied, IList<string> failed)
        {
            Present = new ReadOnlyCollection<string>(present);
            Purged = new ReadOnlyCollection<string>(purged);
            Reapplied = new ReadOnlyCollection<string>(reapplied);
            Failed = new ReadOnlyCollection<string>(failed);
        }

        /// <summary>What the device still has.</summary>
        public IReadOnlyList<string> Present { get; private set; }
        /// <summary>What the device had lost (including what was added again).</summary>
        public IReadOnlyList<string> Purged { get; private set; }
        /// <summary>What was added again (StateMode.Reapply).</summary>
        public IReadOnlyList<string> Reapplied { get; private set; }
        /// <summary>What could not be checked or added again.</summary>
        public IReadOnlyList<string> Failed { get; private set; }

        /// <summary>The four lists, for messages.</summary>
        public override string ToString()
        {
            return "StateReport(present: [" + string.Join(", ", Present) + "], purged: [" + string.Join(", ", Purged)
                + "], reapplied: [" + string.Join(", ", Reapplied) + "], failed: [" + string.Join(", ", Failed) + "])";
        }

        /// <summary>A copy of the jet_service_state_report_t at `report`, which libjet lends for the callback only.</summary>
        internal static StateReport Copy(IntPtr report)
        {
            var n = (ServiceStateReportNative)Marshal.PtrToStructure(report, typeof(ServiceStateReportNative));
            return new StateReport(Strings(n.Present, n.PresentCount), Strings(n.Purged, n.PurgedCount),
                Strings(n.Reapplied, n.ReappliedCount), Strings(n.Failed, n.FailedCount));
        }

        private static List<string> Strings(IntPtr list, UIntPtr count)
        {
            int n = checked((int)count.ToUInt64());
            var strings = new List<string>(n);
            for (int i = 0; i < n; i++) strings.Add(Utf8.Read(Marshal.ReadIntPtr(list, i * IntPtr.Size)));
            return strings;
        }
    }
}
