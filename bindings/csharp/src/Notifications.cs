using System;
using System.Threading;
using LibJet.Native;

namespace LibJet
{
    /// <summary>
    /// A notification session: a connection to a device's MQTT broker and its
    /// subscriptions. Thread-safe. Callbacks run on a libjet dispatcher
    /// thread (on its network thread with
    /// <see cref="NotificationOptions.InlineCallbacks"/>), one at a time; a
    /// callback may unsubscribe or close its own
    /// session. Dispose (or Close) disconnects; it waits for a running
    /// callback (unless called from one) and for calls in progress on other
    /// threads (cancel a blocked Next through its token).
    /// </summary>
    public sealed class Notifications : IDisposable
    {
        private readonly NotificationHandle handle;
        private readonly StateTarget state = new StateTarget();

        private Notifications(NotificationHandle handle)
        {
            this.handle = handle;
        }

        /// <summary>
        /// Connects to a device's broker (jet_notification_open; with
        /// <see cref="NotificationOptions.InlineCallbacks"/>, create, set them,
        /// connect); returns once connected.
        /// </summary>
        public static Notifications Open(NotificationOptions options, CancellationToken cancel = default(CancellationToken))
        {
            if (options != null && options.InlineCallbacks) return CreateAndConnect(options, cancel);
            NotificationHandle handle = null;
            WithNative(options, native => Blocking.Run(cancel, () => NativeMethods.jet_notification_open(ref native, out handle)));
            return Wrap(handle);
        }

        /// <summary>
        /// Makes a session without connecting it (state Idle). Subscriptions
        /// made before <see cref="Connect"/> go to the broker with the connection
        /// (for persistent sessions, CleanSession = false).
        /// </summary>
        public static Notifications Create(NotificationOptions options)
        {
            NotificationHandle handle = null;
            WithNative(options, native => Errors.Check(NativeMethods.jet_notification_create(ref native, out handle)));
            Notifications session = Wrap(handle);
            if (options.InlineCallbacks) session.Initialize(() => Errors.Check(NativeMethods.jet_notification_set_inline_callbacks(handle, 1)));
            return session;
        }

        /// <summary>Open in two steps, leaving room for what is set between them (inline callbacks).</summary>
        private static Notifications CreateAndConnect(NotificationOptions options, CancellationToken cancel)
        {
            Notifications session = Create(options);
            session.Initialize(() => session.Connect(cancel));
            return session;
        }

        /// <summary>Runs one step of making the session; the session is disposed when it throws.</summary>
        private void Initialize(Action step)
        {
            try
            {
                step();
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        /// <summary>Runs `call` with the C struct of `options`, its strings alive for the call.</summary>
        private static void WithNative(NotificationOptions options, Action<NotificationOptionsNative> call)
        {
            if (options == null) throw new ArgumentNullException("options");
            Jet.EnsureLoaded();
            using (var strings = new NativeStrings()) call(options.ToNative(strings));
        }

        /// <summary>The session of a new handle, with its StateChanged relay installed.</summary>
        private static Notifications Wrap(NotificationHandle handle)
        {
            var session = new Notifications(handle);
            session.Initialize(() => Errors.Check(NativeMethods.jet_notification_set_state_callback(handle, Callbacks.State, Callbacks.UserData(session.state), Callbacks.Free)));
            return session;
        }

        /// <summary>Connects a session made by <see cref="Create"/>; returns once connected.</summary>
        public void Connect(CancellationToken cancel = default(CancellationToken))
        {
            NotificationHandle h = Handle();
            Blocking.Run(cancel, () => NativeMethods.jet_notification_connect(h));
        }

        /// <summary>Told about each connection state change, on the dispatcher thread, in order with the events.</summary>
        public event Action<ConnectionState> StateChanged
        {
            add { lock (state) state.Handlers += value; }
            remove { lock (state) state.Handlers -= value; }
        }

        /// <summary>The connection state now.</summary>
        public ConnectionState State
        {
            get
            {
                int value;
                Errors.Check(NativeMethods.jet_notification_state(Handle(), out value));
                return (ConnectionState)value;
            }
        }

        /// <summary>The session's counters.</summary>
        public NotificationStats Stats
        {
            get
            {
                NotificationStatsNative stats;
                Errors.Check(NativeMethods.jet_notification_stats(Handle(), out stats));
                return new NotificationStats(stats);
            }
        }

        /// <summary>The MQTT client id in use.</summary>
        public string ClientId
        {
            get { return Utf8.Read(NativeMethods.jet_notification_client_id(Handle())); }
        }

        /// <summary>
        /// Calls `handler` with each event whose topic matches the MQTT filter
        /// `topic` (build it with <see cref="Topics"/>), on a libjet thread (a
        /// dispatcher, or the network thread with
        /// <see cref="NotificationOptions.InlineCallbacks"/>). Returns once the broker confirmed it. An exception thrown by the
        /// handler is caught and logged (Jet.Log); the stream goes on.
        /// </summary>
        public Subscription Subscribe(string topic, Action<Event> handler)
        {
            if (handler == null) throw new ArgumentNullException("handler");
            var target = new EventTarget(handler);
            ulong id;
            // On failure libjet has already freed the user data (the GCHandle).
            Errors.Check(NativeMethods.jet_notification_subscribe(Handle(), Utf8.Bytes(topic), Callbacks.Event, Callbacks.UserData(target), Callbacks.Free, out id));
            return new Subscription(this, id, topic, target);
        }

        /// <summary>Queues each event whose topic matches `topic` for <see cref="Next"/>.</summary>
        public Subscription SubscribePull(string topic)
        {
            ulong id;
            Errors.Check(NativeMethods.jet_notification_subscribe_pull(Handle(), Utf8.Bytes(topic), out id));
            return new Subscription(this, id, topic, null);
        }

        /// <summary>
        /// Waits up to `timeout` for the next event of a pull subscription;
        /// null when none came in time. Dispose the event when done.
        /// </summary>
        public Event Next(TimeSpan timeout, CancellationToken cancel = default(CancellationToken))
        {
            Event evt;
            return TryNext(timeout, out evt, cancel) ? evt : null;
        }

        /// <summary>Like <see cref="Next"/>: false when no event came within `timeout`.</summary>
        public bool TryNext(TimeSpan timeout, out Event evt, CancellationToken cancel = default(CancellationToken))
        {
            NotificationHandle h = Handle();
            uint ms = timeout <= TimeSpan.Zero ? 0 : Blocking.Millis(timeout);
            EventHandle owned = null;
            int status = Blocking.Run(cancel, () => NativeMethods.jet_notification_next(h, ms, out owned));
            evt = status == (int)Status.Ok ? new Event(owned) : null;
            return evt != null;
        }

        /// <summary>Ends every subscription of the session.</summary>
        public void UnsubscribeAll()
        {
            Errors.Check(NativeMethods.jet_notification_unsubscribe_all(Handle()));
        }

        /// <summary>Ends subscription `id`; nothing happens once the session is closed.</summary>
        internal void Unsubscribe(ulong id)
        {
            if (handle.IsClosed) return;
            int status;
            try { status = NativeMethods.jet_notification_unsubscribe(handle, id); }
            catch (ObjectDisposedException) { return; }
            if (status != (int)Status.NotFound && status != (int)Status.Closed) Errors.Check(status);
        }

        /// <summary>Closes the session; safe to call twice.</summary>
        public void Close() { Dispose(); }

        /// <summary>Closes the session and frees every callback; safe to call twice.</summary>
        public void Dispose() { handle.Dispose(); }

        private NotificationHandle Handle()
        {
            if (handle.IsClosed) throw new ObjectDisposedException("Notifications", "the notification session is closed");
            return handle;
        }
    }
}
