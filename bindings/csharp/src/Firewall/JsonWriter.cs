using System.Globalization;
using System.Text;

namespace LibJet.Firewall
{
    /// <summary>A minimal JSON writer: objects, arrays, strings, numbers and booleans, commas placed for you.</summary>
    internal sealed class JsonWriter
    {
        private readonly StringBuilder text = new StringBuilder();
        private bool needComma;

        /// <summary>Starts an object (after a key, or as a value).</summary>
        internal JsonWriter BeginObject() { Separate(); text.Append('{'); needComma = false; return this; }
        /// <summary>Ends the current object.</summary>
        internal JsonWriter EndObject() { text.Append('}'); needComma = true; return this; }
        /// <summary>Starts an array.</summary>
        internal JsonWriter BeginArray() { Separate(); text.Append('['); needComma = false; return this; }
        /// <summary>Ends the current array.</summary>
        internal JsonWriter EndArray() { text.Append(']'); needComma = true; return this; }

        /// <summary>Writes a member's key; its value follows.</summary>
        internal JsonWriter Key(string name)
        {
            Separate();
            Quote(name);
            text.Append(": ");
            needComma = false;
            return this;
        }

        /// <summary>A string value.</summary>
        internal JsonWriter String(string value) { Separate(); Quote(value); needComma = true; return this; }
        /// <summary>A whole-number value.</summary>
        internal JsonWriter Number(ulong value) { Separate(); text.Append(value.ToString(CultureInfo.InvariantCulture)); needComma = true; return this; }
        /// <summary>A boolean value.</summary>
        internal JsonWriter Bool(bool value) { Separate(); text.Append(value ? "true" : "false"); needComma = true; return this; }

        /// <summary>The document written so far.</summary>
        public override string ToString() { return text.ToString(); }

        private void Separate()
        {
            if (needComma) text.Append(", ");
            needComma = false;
        }

        private void Quote(string value)
        {
            text.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    default:
                        if (c < 0x20) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else text.Append(c);
                        break;
                }
            }
            text.Append('"');
        }
    }

    /// <summary>A part of the firewall model: it serializes to the C ABI's JSON document.</summary>
    public abstract class JsonModel
    {
        internal JsonModel() { }

        /// <summary>Writes this value.</summary>
        internal abstract void Write(JsonWriter json);

        /// <summary>This value as the C ABI's JSON text.</summary>
        public string ToJson()
        {
            var json = new JsonWriter();
            Write(json);
            return json.ToString();
        }

        /// <summary>The JSON text.</summary>
        public override string ToString() { return ToJson(); }
    }
}
