using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("LibJet")]
[assembly: AssemblyDescription("C# binding of libjet: Junos JET notifications and services over the C ABI (include/jet.h)")]
[assembly: AssemblyVersion("0.1.0.0")]
// The tests observe callback user data being released (B5, B11).
[assembly: InternalsVisibleTo("LibJet.Tests")]
