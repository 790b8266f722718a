using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using LibJet.Native;

namespace LibJet
{
    /// <summary>
    /// A JET notification. An event handed to a subscription's callback is
    /// valid only during the callback (afterwards any use throws
    /// ObjectDisposedException); <see cref="Clone"/> keeps a copy. Events
    /// from <see cref="Notifications.Next"/> and Clone are owned: Dispose
    /// them (the collector frees forgotten ones).
    /// </summary>
    public sealed class Event : IDisposable
    {
        private IntPtr borrowed;            // a callback's event, until the callback returns
        private readonly EventHandle owned; // an event of our own

        internal Event(IntPtr borrowedEvent) { borrowed = borrowedEvent; }

        internal Event(EventHandle ownedEvent) { owned = ownedEvent; }

        /// <summary>The topic the event arrived on.</summary>
        public string Topic { get { return Text(NativeMethods.jet_event_topic); } }
        /// <summary>The event id, e.g. "KERNEL_EVENT_IFA_ADD"; null when absent or unparsed.</summary>
        public string Id { get { return Text(NativeMethods.jet_event_id); } }
        /// <summary>The device's host name; null when absent.</summary>
        public string Hostname { get { return Text(NativeMethods.jet_event_hostname); } }
        /// <summary>The device's time stamp text; null when absent.</summary>
        public string Time { get { return Text(NativeMethods.jet_event_time); } }
        /// <summary>The severity, e.g. "info"; null when absent.</summary>
        public string Severity { get { return Text(NativeMethods.jet_event_severity); } }
        /// <summary>The facility, e.g. "KERNEL"; null when absent.</summary>
        public string Facility { get { return Text(NativeMethods.jet_event_facility); } }
        /// <summary>A syslog event's process name; null when absent.</summary>
        public string ProcessName { get { return Text(NativeMethods.jet_event_process_name); } }
        /// <summary>A syslog event's message text; null when absent.</summary>
        public string Message { get { return Text(NativeMethods.jet_event_message); } }
        /// <summary>Why the payload is not a JET event; null when it was parsed.</summary>
        public string ParseError { get { return Text(NativeMethods.jet_event_parse_error); } }
        /// <summary>The attributes as compact JSON, keys in alphabetical order ("{}" when none).</summary>
        public string AttributesJson { get { return Text(NativeMethods.jet_event_attributes_json); } }

        /// <summary>True when the payload was a valid JET event.</summary>
        public bool IsParsed
        {
            get { return With(NativeMethods.jet_event_is_parsed); }
        }

        /// <summary>A syslog event's process id, or null when absent.</summary>
        public long? ProcessId
        {
            get
            {
                long pid = 0;
                return Optional(p => NativeMethods.jet_event_process_id(p, out pid)) ? pid : (long?)null;
            }
        }

        /// <summary>The payload exactly as received (a copy).</summary>
        public byte[] Raw
        {
            get
            {
                return With(evt =>
                {
                    IntPtr data;
                    UIntPtr length;
                    Errors.Check(NativeMethods.jet_event_raw(evt, out data, out length));
                    var copy = new byte[(int)length];
                    if (copy.Length > 0) Marshal.Copy(data, copy, 0, copy.Length);
                    return copy;
                });
            }
        }

        /// <summary>The attribute names, in alphabetical order.</summary>
        public IList<string> AttributeNames
        {
            get
            {
                return With(evt =>
                {
                    int count = (int)NativeMethods.jet_event_attr_count(evt);
                    var names = new List<string>(count);
                    for (int i = 0; i < count; i++)
                    {
                        IntPtr name;
                        Errors.Check(NativeMethods.jet_event_attr_name(evt, (UIntPtr)i, out name));
                        names.Add(Utf8.Read(name));
                    }
                    return (IList<string>)names;
                });
            }
        }

        /// <summary>A string attribute; throws NotFoundException when absent, JetException (WrongType) otherwise.</summary>
        public string GetString(string name)
        {
            IntPtr value = IntPtr.Zero;
            return Attribute(p => NativeMethods.jet_event_attr_string(p, Utf8.Bytes(name), out value), () => Utf8.Read(value));
        }

        /// <summary>An integer attribute (a JSON integer, or a string of decimal digits).</summary>
        public long GetInt(string name)
        {
            long value = 0;
            return Attribute(p => NativeMethods.jet_event_attr_int(p, Utf8.Bytes(name), out value), () => value);
        }

        /// <summary>Any attribute as compact JSON text.</summary>
        public string GetJson(string name)
        {
            IntPtr value = IntPtr.Zero;
            return Attribute(p => NativeMethods.jet_event_attr_json(p, Utf8.Bytes(name), out value), () => Utf8.Read(value));
        }

        /// <summary>The length of an array attribute.</summary>
        public int GetArrayLength(string name)
        {
            UIntPtr value = UIntPtr.Zero;
            return Attribute(p => NativeMethods.jet_event_attr_array_len(p, Utf8.Bytes(name), out value), () => (int)value);
        }

        /// <summary>Element `index` of an array attribute of strings.</summary>
        public string GetArrayString(string name, int index)
        {
            IntPtr value = IntPtr.Zero;
            return Attribute(p => NativeMethods.jet_event_attr_array_string(p, Utf8.Bytes(name), (UIntPtr)index, out value), () => Utf8.Read(value));
        }

        /// <summary>A string attribute, or false when absent or not a string.</summary>
        public bool TryGetString(string name, out string value)
        {
            IntPtr text = IntPtr.Zero;
            bool found = Optional(p => NativeMethods.jet_event_attr_string(p, Utf8.Bytes(name), out text));
            value = found ? Utf8.Read(text) : null;
            return found;
        }

        /// <summary>An integer attribute, or false when absent or not an integer.</summary>
        public bool TryGetInt(string name, out long value)
        {
            long number = 0;
            bool found = Optional(p => NativeMethods.jet_event_attr_int(p, Utf8.Bytes(name), out number));
            value = number;
            return found;
        }

        /// <summary>An owned copy, valid until disposed (e.g. to keep after a callback).</summary>
        public Event Clone()
        {
            return With(evt =>
            {
                EventHandle copy;
                Errors.Check(NativeMethods.jet_event_clone(evt, out copy));
                return new Event(copy);
            });
        }

        /// <summary>Frees an owned event; a callback's event needs nothing. Safe to call twice.</summary>
        public void Dispose()
        {
            if (owned != null) owned.Dispose();
            borrowed = IntPtr.Zero;
        }

        /// <summary>Ends a callback's event: later use throws ObjectDisposedException.</summary>
        internal void Invalidate() { borrowed = IntPtr.Zero; }

        // The pointer, with the owned handle's reference count raised until Release.
        private IntPtr Pointer()
        {
            if (owned != null)
            {
                bool added = false;
                owned.DangerousAddRef(ref added); // throws ObjectDisposedException once disposed
                return owned.DangerousGetHandle();
            }
            IntPtr evt = borrowed;
            if (evt == IntPtr.Zero) throw new ObjectDisposedException("Event", "the event is valid only during its callback; use Clone() to keep it");
            return evt;
        }

        private void Release()
        {
            if (owned != null) owned.DangerousRelease();
        }

        // Runs `use` with the event's pointer, kept alive for the call.
        private T With<T>(Func<IntPtr, T> use)
        {
            IntPtr evt = Pointer();
            try { return use(evt); }
            finally { Release(); }
        }

        private string Text(Func<IntPtr, IntPtr> read)
        {
            return With(evt => Utf8.Read(read(evt)));
        }

        private T Attribute<T>(Func<IntPtr, int> call, Func<T> result)
        {
            return With(evt => { Errors.Check(call(evt)); return result(); });
        }

        private bool Optional(Func<IntPtr, int> call)
        {
            return With(evt => call(evt) == 0);
        }
    }
}
