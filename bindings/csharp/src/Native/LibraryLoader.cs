using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace LibJet.Native
{
    /// <summary>
    /// Decides which libjet file [DllImport("jet")] binds to, before the first
    /// call. Mono: a dllmap in LibJet.dll.config (the build writes one), else
    /// libjet.so next to LibJet.dll, else the system's search (LD_LIBRARY_PATH,
    /// ld.so.cache). .NET Core 3+: an explicit path (Jet.LibraryPath, else
    /// $JET_LIBRARY_PATH) through NativeLibrary's resolver, else the same
    /// search. Mono cannot be redirected at run time: libjet.so has no SONAME,
    /// so a dlopen ahead of time is not matched, and mono_dllmap_insert made
    /// from managed code did not take effect on Mono 6.8; there an explicit
    /// path that was not honoured is reported instead of silently ignored.
    /// </summary>
    internal static class LibraryLoader
    {
        /// <summary>The file name of libjet on Linux.</summary>
        internal const string FileName = "libjet.so";

        private static string chosen;

        /// <summary>The file chosen for "jet", or null when the system's search decides.</summary>
        internal static string Chosen { get { return chosen; } }

        /// <summary>Where the search looked, for the DllNotFoundException message.</summary>
        internal static string Described()
        {
            return "looked for " + (chosen ?? FileName) + " (LibJet.dll.config's dllmap on Mono, Jet.LibraryPath or $JET_LIBRARY_PATH on .NET, then "
                + AssemblyDirectory() + ", then LD_LIBRARY_PATH and the system's library path)";
        }

        /// <summary>Points "jet" at the chosen file; call once, before any libjet call.</summary>
        internal static void Configure(string explicitPath)
        {
            string path = explicitPath;
            if (string.IsNullOrEmpty(path)) path = Environment.GetEnvironmentVariable("JET_LIBRARY_PATH");
            if (!string.IsNullOrEmpty(path))
            {
                if (Directory.Exists(path)) path = Path.Combine(path, FileName);
                path = Path.GetFullPath(path);
                if (!File.Exists(path))
                    throw new DllNotFoundException("libjet: " + path + " (from Jet.LibraryPath or JET_LIBRARY_PATH) does not exist");
            }
            else
            {
                string beside = Path.Combine(AssemblyDirectory(), FileName);
                if (File.Exists(beside)) path = beside;
            }
            if (path == null) return;
            chosen = path;
            if (!IsMono) CoreResolver.Install(path);
        }

        /// <summary>True on Mono.</summary>
        internal static bool IsMono { get { return Type.GetType("Mono.Runtime") != null; } }

        /// <summary>
        /// On Mono, after loading: an explicit path that Mono did not load
        /// (no dllmap points there) is an error, not a silent fallback.
        /// </summary>
        internal static void CheckExplicitPathHonoured(bool explicitGiven)
        {
            if (!IsMono || !explicitGiven || chosen == null) return;
            string loaded = LoadedFile();
            if (loaded != chosen && Path.GetFullPath(loaded) != chosen)
                throw new DllNotFoundException("libjet: " + chosen + " was asked for (Jet.LibraryPath or JET_LIBRARY_PATH) but Mono loaded "
                    + loaded + "; on Mono, point LibJet.dll.config's <dllmap dll=\"jet\" target=\"...\"/> at it");
        }

        private static string AssemblyDirectory()
        {
            string location = typeof(LibraryLoader).Assembly.Location;
            return string.IsNullOrEmpty(location) ? AppDomain.CurrentDomain.BaseDirectory : Path.GetDirectoryName(location);
        }

        /// <summary>The libjet file this process mapped (from /proc/self/maps), for messages.</summary>
        internal static string LoadedFile()
        {
            try
            {
                foreach (string line in File.ReadAllLines("/proc/self/maps"))
                {
                    int slash = line.IndexOf('/');
                    if (slash >= 0 && line.EndsWith("/" + FileName, StringComparison.Ordinal)) return line.Substring(slash);
                }
            }
            catch (Exception) { /* not Linux: fall through */ }
            return chosen ?? FileName;
        }

        /// <summary>
        /// NativeLibrary.SetDllImportResolver, reached by reflection because
        /// netstandard2.0 does not declare it (.NET Core 3.0 and later have it).
        /// </summary>
        private static class CoreResolver
        {
            private static string target;

            internal static void Install(string path)
            {
                target = path;
                Type nativeLibrary = Type.GetType("System.Runtime.InteropServices.NativeLibrary");
                Type resolverType = Type.GetType("System.Runtime.InteropServices.DllImportResolver");
                if (nativeLibrary == null || resolverType == null) return; // .NET Framework: the system's search
                MethodInfo resolve = typeof(CoreResolver).GetMethod("Resolve", BindingFlags.NonPublic | BindingFlags.Static);
                Delegate resolver = Delegate.CreateDelegate(resolverType, resolve);
                nativeLibrary.GetMethod("SetDllImportResolver").Invoke(null, new object[] { typeof(LibraryLoader).Assembly, resolver });
            }

            private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
            {
                if (name != NativeMethods.Lib) return IntPtr.Zero;
                Type nativeLibrary = Type.GetType("System.Runtime.InteropServices.NativeLibrary");
                MethodInfo load = nativeLibrary.GetMethod("Load", new[] { typeof(string) });
                return (IntPtr)load.Invoke(null, new object[] { target });
            }
        }
    }
}
