using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace LibJet.Native
{
    /// <summary>UTF-8 both ways, explicitly (Mono's default marshalling is not UTF-8).</summary>
    internal static class Utf8
    {
        /// <summary>`text` as NUL-terminated UTF-8, or null for null.</summary>
        internal static byte[] Bytes(string text)
        {
            if (text == null) return null;
            int length = Encoding.UTF8.GetByteCount(text);
            var bytes = new byte[length + 1];
            Encoding.UTF8.GetBytes(text, 0, text.Length, bytes, 0);
            return bytes;
        }

        /// <summary>The NUL-terminated UTF-8 string at `text` (borrowed), or null for NULL.</summary>
        internal static unsafe string Read(IntPtr text)
        {
            if (text == IntPtr.Zero) return null;
            byte* start = (byte*)text;
            int length = 0;
            while (start[length] != 0) length++;
            return Encoding.UTF8.GetString(start, length);
        }

        /// <summary>Reads an owned string handed out by libjet and frees it with jet_string_free.</summary>
        internal static string Take(IntPtr text)
        {
            try { return Read(text); }
            finally { NativeMethods.jet_string_free(text); }
        }
    }

    /// <summary>
    /// Native UTF-8 copies of the strings of an options struct, alive until
    /// disposed (libjet borrows them for the duration of the open call).
    /// </summary>
    internal sealed class NativeStrings : IDisposable
    {
        private readonly List<IntPtr> allocated = new List<IntPtr>();

        /// <summary>A native copy of `text`, or NULL for null.</summary>
        internal IntPtr Add(string text)
        {
            byte[] bytes = Utf8.Bytes(text);
            if (bytes == null) return IntPtr.Zero;
            IntPtr copy = Marshal.AllocHGlobal(bytes.Length);
            allocated.Add(copy);
            Marshal.Copy(bytes, 0, copy, bytes.Length);
            return copy;
        }

        /// <summary>Frees every copy.</summary>
        public void Dispose()
        {
            foreach (IntPtr copy in allocated) Marshal.FreeHGlobal(copy);
            allocated.Clear();
        }
    }
}
