using System;
using LibJet.Native;

namespace LibJet
{
    /// <summary>
    /// The library as a whole: where libjet is found, its version, the ABI
    /// check made at load, and <see cref="Shutdown"/>.
    /// </summary>
    public static partial class Jet
    {
        /// <summary>The C ABI version (jet_abi_version) this binding was written for.</summary>
        public const uint AbiVersion = 3;

        /// <summary>"Any sub-unit" / "any prefix length" (JET_ANY).</summary>
        public const int Any = -1;

        private static readonly object loadLock = new object();
        private static volatile bool loaded;
        private static string libraryPath;

        /// <summary>
        /// An explicit libjet file (or the directory holding libjet.so), used
        /// instead of the search. Set it before the first libjet call; the
        /// JET_LIBRARY_PATH environment variable does the same.
        /// </summary>
        public static string LibraryPath
        {
            get { return libraryPath; }
            set
            {
                lock (loadLock)
                {
                    if (loaded) throw new InvalidOperationException("Jet.LibraryPath must be set before the first libjet call");
                    libraryPath = value;
                }
            }
        }

        /// <summary>libjet's version, e.g. "0.1.0".</summary>
        public static string Version
        {
            get { EnsureLoaded(); return Utf8.Read(NativeMethods.jet_version()); }
        }

        /// <summary>The libjet file in use (its path when known).</summary>
        public static string LoadedLibrary
        {
            get { EnsureLoaded(); return LibraryLoader.LoadedFile(); }
        }

        /// <summary>
        /// Closes every session and stops every libjet thread. Runs by itself
        /// on AppDomain.ProcessExit; refused (WouldDeadlock) from a callback.
        /// libjet starts again on next use.
        /// </summary>
        public static void Shutdown()
        {
            EnsureLoaded();
            Errors.Check(NativeMethods.jet_shutdown());
        }

        /// <summary>The name of a status, e.g. "JET_STATUS_TIMEOUT".</summary>
        public static string StatusName(Status status)
        {
            EnsureLoaded();
            return Utf8.Read(NativeMethods.jet_status_str((int)status));
        }

        /// <summary>
        /// Finds and loads libjet and checks its ABI version (once). Every
        /// public entry point calls it first.
        /// </summary>
        internal static void EnsureLoaded()
        {
            if (loaded) return;
            lock (loadLock)
            {
                if (loaded) return;
                LibraryLoader.Configure(libraryPath);
                uint abi;
                try
                {
                    abi = NativeMethods.jet_abi_version();
                }
                catch (DllNotFoundException e)
                {
                    throw new DllNotFoundException("libjet was not found: " + LibraryLoader.Described() + ": " + e.Message, e);
                }
                catch (EntryPointNotFoundException e)
                {
                    throw new DllNotFoundException("the library loaded as libjet (" + LibraryLoader.LoadedFile() + ") is not libjet: " + e.Message, e);
                }
                if (abi != AbiVersion)
                    throw new InvalidOperationException(string.Format(
                        "libjet ABI version mismatch: {0} has ABI version {1}, this binding (LibJet.dll) needs {2}",
                        LibraryLoader.LoadedFile(), abi, AbiVersion));
                LibraryLoader.CheckExplicitPathHonoured(!string.IsNullOrEmpty(libraryPath) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JET_LIBRARY_PATH")));
                AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
                // A test runner's AppDomain is unloaded rather than exited: libjet's threads must stop first.
                AppDomain.CurrentDomain.DomainUnload += OnProcessExit;
                loaded = true;
            }
        }

        private static void OnProcessExit(object sender, EventArgs e)
        {
            try { NativeMethods.jet_shutdown(); }
            catch (Exception) { /* exiting: nothing left to tell */ }
        }
    }
}
