using System;
using System.Threading;
using LibJet.Native;

namespace LibJet
{
    /// <summary>
    /// A session with a device's JET services (gRPC): interfaces, firewall
    /// and management calls. Thread-safe. Every call blocks; `timeout`
    /// zero means the session's CallTimeout, and `cancel` ends the call
    /// with OperationCanceledException.
    /// </summary>
    public sealed partial class Service : IDisposable
    {
        private readonly ServiceHandle handle;
        private readonly StateReportTarget stateReport = new StateReportTarget();

        private Service(ServiceHandle handle) { this.handle = handle; }

        /// <summary>Connects to the device's JET services and logs in.</summary>
        public static Service Open(ServiceOptions options, CancellationToken cancel = default(CancellationToken))
        {
            if (options == null) throw new ArgumentNullException("options");
            Jet.EnsureLoaded();
            ServiceHandle handle = null;
            using (var strings = new NativeStrings())
            {
                ServiceOptionsNative native = options.ToNative(strings);
                Blocking.Run(cancel, () => NativeMethods.jet_service_open(ref native, out handle));
            }
            var session = new Service(handle);
            try
            {
                Errors.Check(NativeMethods.jet_service_set_state_callback(handle, Callbacks.ServiceState, Callbacks.UserData(session.stateReport), Callbacks.Free));
            }
            catch
            {
                session.Dispose();
                throw;
            }
            return session;
        }

        /// <summary>
        /// Told about each StateReport made after a reconnect, on a libjet
        /// thread; a handler may call this session (not Dispose it). Reports
        /// are made only for sessions opened with a ServiceOptions.State other
        /// than Off. An exception thrown by a handler is caught and logged.
        /// </summary>
        public event Action<StateReport> StateReported
        {
            add { lock (stateReport) stateReport.Handlers += value; }
            remove { lock (stateReport) stateReport.Handlers -= value; }
        }

        /// <summary>The client id in use.</summary>
        public string ClientId { get { return Utf8.Read(NativeMethods.jet_service_client_id(Handle())); } }

        /// <summary>The generation `service` is spoken in (Unknown before its first call in auto mode).</summary>
        public Generation GenerationOf(ServiceKind service)
        {
            int generation;
            Errors.Check(NativeMethods.jet_service_generation(Handle(), (int)service, out generation));
            return (Generation)generation;
        }

        // ---- interfaces ----

        /// <summary>Adds `address` ("192.0.2.1/24") to logical interface `ifd`.`unit` (e.g. "ge-0/0/0", 0).</summary>
        public void AddInterfaceAddress(string ifd, uint unit, Family family, string address, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Call(cancel, (h, ms) => NativeMethods.jet_interface_address_add(h, Utf8.Bytes(ifd), unit, (int)family, Utf8.Bytes(address), ms), timeout);
        }

        /// <summary>Deletes `address` from logical interface `ifd`.`unit`; NotFoundException when absent.</summary>
        public void DeleteInterfaceAddress(string ifd, uint unit, Family family, string address, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Call(cancel, (h, ms) => NativeMethods.jet_interface_address_delete(h, Utf8.Bytes(ifd), unit, (int)family, Utf8.Bytes(address), ms), timeout);
        }

        // ---- management ----

        /// <summary>Runs an operational command and returns its whole output.</summary>
        public string Run(string command, CommandKind kind = CommandKind.Cli, OutputFormat format = OutputFormat.Text, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            IntPtr output = IntPtr.Zero;
            Call(cancel, (h, ms) => NativeMethods.jet_management_run(h, Utf8.Bytes(command), (int)kind, (int)format, ms, out output), timeout);
            return Utf8.Take(output);
        }

        /// <summary>Loads configuration; commits it with `commitComment` unless null ("" commits without a comment).</summary>
        public void Load(string config, ConfigFormat format, LoadType loadType = LoadType.Merge, string commitComment = null, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Call(cancel, (h, ms) => NativeMethods.jet_management_load(h, Utf8.Bytes(config), (int)format, (int)loadType, Utf8.Bytes(commitComment), ms), timeout);
        }

        // ---- lifetime ----

        /// <summary>Disconnects and releases the session; safe to call twice.</summary>
        public void Close() { Dispose(); }

        /// <summary>Disconnects and releases the session (after calls in progress return); safe to call twice.</summary>
        public void Dispose() { handle.Dispose(); }

        private ServiceHandle Handle()
        {
            if (handle.IsClosed) throw new ObjectDisposedException("Service", "the service session is closed");
            return handle;
        }

        /// <summary>Runs one blocking call with its timeout in ms, under `cancel`.</summary>
        private void Call(CancellationToken cancel, Func<ServiceHandle, uint, int> call, TimeSpan timeout)
        {
            ServiceHandle h = Handle();
            uint ms = Blocking.Millis(timeout);
            Blocking.Run(cancel, () => call(h, ms));
        }
    }
}
