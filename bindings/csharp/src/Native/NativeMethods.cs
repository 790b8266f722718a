using System;
using System.Runtime.InteropServices;

namespace LibJet.Native
{
    /// <summary>
    /// Every function of include/jet.h, declared once. Strings going in are
    /// NUL-terminated UTF-8 byte arrays (see <see cref="Utf8"/>); strings coming
    /// out are raw pointers decoded by <see cref="Utf8"/>, because Mono's
    /// default string marshalling is not UTF-8.
    /// </summary>
    internal static class NativeMethods
    {
        /// <summary>The library name; resolved by <see cref="LibraryLoader"/>.</summary>
        internal const string Lib = "jet";

        // ---- library ----
        [DllImport(Lib)] internal static extern IntPtr jet_version();
        [DllImport(Lib)] internal static extern uint jet_abi_version();
        [DllImport(Lib)] internal static extern int jet_shutdown();
        [DllImport(Lib)] internal static extern IntPtr jet_status_str(int status);
        [DllImport(Lib)] internal static extern IntPtr jet_last_error_message();
        [DllImport(Lib)] internal static extern int jet_last_error_grpc_code();
        [DllImport(Lib)] internal static extern int jet_last_error_device_code();
        [DllImport(Lib)] internal static extern void jet_string_free(IntPtr text);
        [DllImport(Lib)] internal static extern int jet_log_set_callback(LogCallback callback, int maxLevel, IntPtr userData, FreeCallback freeUserData);
        [DllImport(Lib)] internal static extern int jet_log_set_level(int maxLevel);

        // ---- cancellation ----
        [DllImport(Lib)] internal static extern int jet_cancel_new(out CancelHandle cancel);
        [DllImport(Lib)] internal static extern int jet_cancel_trigger(CancelHandle cancel);
        [DllImport(Lib)] [return: MarshalAs(UnmanagedType.I1)] internal static extern bool jet_cancel_is_triggered(CancelHandle cancel);
        [DllImport(Lib)] internal static extern void jet_cancel_free(IntPtr cancel);
        [DllImport(Lib)] internal static extern int jet_cancel_attach(CancelHandle cancel);
        [DllImport(Lib)] internal static extern void jet_cancel_detach();

        // ---- callbacks ----
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void EventCallback(IntPtr evt, IntPtr userData);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void StateCallback(int state, IntPtr userData);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void LogCallback(int level, IntPtr target, IntPtr message, IntPtr userData);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void FreeCallback(IntPtr userData);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void ServiceStateCallback(IntPtr report, IntPtr userData);

        // ---- notification sessions ----
        [DllImport(Lib)] internal static extern int jet_notification_options_default(out NotificationOptionsNative options);
        [DllImport(Lib)] internal static extern int jet_notification_open(ref NotificationOptionsNative options, out NotificationHandle session);
        [DllImport(Lib)] internal static extern int jet_notification_create(ref NotificationOptionsNative options, out NotificationHandle session);
        [DllImport(Lib)] internal static extern int jet_notification_connect(NotificationHandle session);
        [DllImport(Lib)] internal static extern int jet_notification_set_inline_callbacks(NotificationHandle session, int enabled);
        [DllImport(Lib)] internal static extern int jet_notification_subscribe(NotificationHandle session, byte[] topic, EventCallback callback, IntPtr userData, FreeCallback freeUserData, out ulong id);
        [DllImport(Lib)] internal static extern int jet_notification_subscribe_pull(NotificationHandle session, byte[] topic, out ulong id);
        [DllImport(Lib)] internal static extern int jet_notification_unsubscribe(NotificationHandle session, ulong id);
        [DllImport(Lib)] internal static extern int jet_notification_unsubscribe_all(NotificationHandle session);
        [DllImport(Lib)] internal static extern int jet_notification_next(NotificationHandle session, uint timeoutMs, out EventHandle evt);
        [DllImport(Lib)] internal static extern int jet_notification_state(NotificationHandle session, out int state);
        [DllImport(Lib)] internal static extern int jet_notification_set_state_callback(NotificationHandle session, StateCallback callback, IntPtr userData, FreeCallback freeUserData);
        [DllImport(Lib)] internal static extern int jet_notification_stats(NotificationHandle session, out NotificationStatsNative stats);
        [DllImport(Lib)] internal static extern IntPtr jet_notification_client_id(NotificationHandle session);
        [DllImport(Lib)] internal static extern void jet_notification_close(IntPtr session);

        // ---- events ----
        [DllImport(Lib)] internal static extern IntPtr jet_event_topic(IntPtr evt);
        [DllImport(Lib)] internal static extern IntPtr jet_event_id(IntPtr evt);
        [DllImport(Lib)] internal static extern IntPtr jet_event_hostname(IntPtr evt);
        [DllImport(Lib)] internal static extern IntPtr jet_event_time(IntPtr evt);
        [DllImport(Lib)] internal static extern IntPtr jet_event_severity(IntPtr evt);
        [DllImport(Lib)] internal static extern IntPtr jet_event_facility(IntPtr evt);
        [DllImport(Lib)] internal static extern IntPtr jet_event_process_name(IntPtr evt);
        [DllImport(Lib)] internal static extern IntPtr jet_event_message(IntPtr evt);
        [DllImport(Lib)] internal static extern IntPtr jet_event_parse_error(IntPtr evt);
        [DllImport(Lib)] [return: MarshalAs(UnmanagedType.I1)] internal static extern bool jet_event_is_parsed(IntPtr evt);
        [DllImport(Lib)] internal static extern int jet_event_process_id(IntPtr evt, out long pid);
        [DllImport(Lib)] internal static extern int jet_event_raw(IntPtr evt, out IntPtr data, out UIntPtr length);
        [DllImport(Lib)] internal static extern IntPtr jet_event_attributes_json(IntPtr evt);
        [DllImport(Lib)] internal static extern UIntPtr jet_event_attr_count(IntPtr evt);
        [DllImport(Lib)] internal static extern int jet_event_attr_name(IntPtr evt, UIntPtr index, out IntPtr name);
        [DllImport(Lib)] internal static extern int jet_event_attr_string(IntPtr evt, byte[] name, out IntPtr value);
        [DllImport(Lib)] internal static extern int jet_event_attr_int(IntPtr evt, byte[] name, out long value);
        [DllImport(Lib)] internal static extern int jet_event_attr_json(IntPtr evt, byte[] name, out IntPtr json);
        [DllImport(Lib)] internal static extern int jet_event_attr_array_len(IntPtr evt, byte[] name, out UIntPtr length);
        [DllImport(Lib)] internal static extern int jet_event_attr_array_string(IntPtr evt, byte[] name, UIntPtr index, out IntPtr value);
        [DllImport(Lib)] internal static extern int jet_event_clone(IntPtr evt, out EventHandle copy);
        [DllImport(Lib)] internal static extern void jet_event_free(IntPtr evt);

        // ---- topics ----
        [DllImport(Lib)] internal static extern int jet_topic_ifd(int op, byte[] ifd, out IntPtr topic);
        [DllImport(Lib)] internal static extern int jet_topic_ifl(int op, byte[] ifd, long subUnit, out IntPtr topic);
        [DllImport(Lib)] internal static extern int jet_topic_iff(int op, byte[] ifd, long subUnit, byte[] family, out IntPtr topic);
        [DllImport(Lib)] internal static extern int jet_topic_ifa(int op, byte[] ifd, long subUnit, byte[] family, byte[] address, out IntPtr topic);
        [DllImport(Lib)] internal static extern int jet_topic_firewall_filter(int op, byte[] filter, out IntPtr topic);
        [DllImport(Lib)] internal static extern int jet_topic_route(int op, byte[] family, byte[] address, int prefixLength, out IntPtr topic);
        [DllImport(Lib)] internal static extern int jet_topic_route_table(int op, byte[] table, byte[] lr, out IntPtr topic);
        [DllImport(Lib)] internal static extern int jet_topic_syslog(byte[] eventId, out IntPtr topic);
        [DllImport(Lib)] internal static extern int jet_topic_all_events(out IntPtr topic);
        [DllImport(Lib)] internal static extern int jet_topic_all_kernel_events(out IntPtr topic);
        [DllImport(Lib)] internal static extern int jet_topic_config_update(out IntPtr topic);
        [DllImport(Lib)] internal static extern int jet_topic_validate(byte[] filter);
        [DllImport(Lib)] internal static extern int jet_topic_matches(byte[] filter, byte[] topic, [MarshalAs(UnmanagedType.I1)] out bool matches);

        // ---- service sessions ----
        [DllImport(Lib)] internal static extern int jet_service_options_default(out ServiceOptionsNative options);
        [DllImport(Lib)] internal static extern int jet_service_open(ref ServiceOptionsNative options, out ServiceHandle session);
        [DllImport(Lib)] internal static extern IntPtr jet_service_client_id(ServiceHandle session);
        [DllImport(Lib)] internal static extern int jet_service_generation(ServiceHandle session, int service, out int generation);
        [DllImport(Lib)] internal static extern int jet_service_set_state_callback(ServiceHandle session, ServiceStateCallback callback, IntPtr userData, FreeCallback freeUserData);
        [DllImport(Lib)] internal static extern void jet_service_close(IntPtr session);

        // ---- interfaces ----
        [DllImport(Lib)] internal static extern int jet_interface_address_add(ServiceHandle session, byte[] ifd, uint unit, int family, byte[] address, uint timeoutMs);
        [DllImport(Lib)] internal static extern int jet_interface_address_delete(ServiceHandle session, byte[] ifd, uint unit, int family, byte[] address, uint timeoutMs);

        // ---- firewall ----
        [DllImport(Lib)] internal static extern int jet_firewall_filter_add(ServiceHandle session, byte[] filterJson, uint timeoutMs);
        [DllImport(Lib)] internal static extern int jet_firewall_filter_modify(ServiceHandle session, byte[] filterName, int family, byte[] changesJson, uint timeoutMs);
        [DllImport(Lib)] internal static extern int jet_firewall_filter_replace(ServiceHandle session, byte[] filterJson, uint timeoutMs);
        [DllImport(Lib)] internal static extern int jet_firewall_filter_delete(ServiceHandle session, byte[] filterName, int family, uint timeoutMs);
        [DllImport(Lib)] internal static extern int jet_firewall_filter_bind(ServiceHandle session, byte[] filterName, int family, byte[] iface, int direction, uint timeoutMs);
        [DllImport(Lib)] internal static extern int jet_firewall_filter_unbind(ServiceHandle session, byte[] filterName, int family, byte[] iface, int direction, uint timeoutMs);
        [DllImport(Lib)] internal static extern int jet_firewall_policer_add(ServiceHandle session, byte[] policerJson, uint timeoutMs);
        [DllImport(Lib)] internal static extern int jet_firewall_policer_modify(ServiceHandle session, byte[] policerJson, uint timeoutMs);
        [DllImport(Lib)] internal static extern int jet_firewall_policer_delete(ServiceHandle session, byte[] policerName, int scope, uint timeoutMs);
        [DllImport(Lib)] internal static extern int jet_firewall_counter_get(ServiceHandle session, byte[] filterName, byte[] counterName, uint timeoutMs, out Counter counter);
        [DllImport(Lib)] internal static extern int jet_firewall_policer_counter_get(ServiceHandle session, byte[] filterName, byte[] counterName, uint timeoutMs, out Counter counter);
        [DllImport(Lib)] internal static extern int jet_firewall_counter_clear(ServiceHandle session, byte[] filterName, byte[] counterName, uint timeoutMs);
        [DllImport(Lib)] internal static extern int jet_firewall_counters_get(ServiceHandle session, byte[] filterName, uint timeoutMs, out IntPtr json);
        [DllImport(Lib)] internal static extern int jet_firewall_purge_timer_set(ServiceHandle session, uint seconds, uint timeoutMs);
        [DllImport(Lib)] internal static extern int jet_firewall_purge_timer_get(ServiceHandle session, uint timeoutMs, out uint seconds);
        [DllImport(Lib)] internal static extern int jet_firewall_purge_timer_delete(ServiceHandle session, uint timeoutMs);

        // ---- management ----
        [DllImport(Lib)] internal static extern int jet_management_run(ServiceHandle session, byte[] command, int kind, int format, uint timeoutMs, out IntPtr output);
        [DllImport(Lib)] internal static extern int jet_management_load(ServiceHandle session, byte[] config, int format, int loadType, byte[] commitComment, uint timeoutMs);
    }
}
