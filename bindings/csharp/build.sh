#!/usr/bin/env bash
# Builds the C# binding with Mono's mcs into bindings/csharp/build/ (quietly,
# only what is out of date): LibJet.dll (+ LibJet.dll.config, a dllmap to
# this tree's target/release/libjet.so), the examples, the test child program
# and, with "tests", the NUnit test assembly. Installs Mono when missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$here/build"
mkdir -p "$out"

need_packages=()
command -v mcs >/dev/null || need_packages+=(mono-mcs)
command -v mono >/dev/null || need_packages+=(mono-runtime)
if [[ "${1:-}" == tests ]]; then
    command -v nunit-console >/dev/null || need_packages+=(nunit-console)
    [[ -f /usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll ]] || need_packages+=(libnunit-cil-dev)
fi
if ((${#need_packages[@]})); then
    echo "csharp: installing ${need_packages[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

if [[ ! -f "$repo/target/release/libjet.so" ]]; then
    echo "csharp: building libjet (cargo build --release)" >&2
    (cd "$repo" && cargo build --release >&2)
fi

# compile OUTPUT SOURCES... -- MCS-FLAGS...: runs mcs when OUTPUT is older than a source.
compile() {
    local output="$1"; shift
    local sources=() flags=()
    while [[ "$1" != -- ]]; do sources+=("$1"); shift; done; shift
    flags=("$@")
    local stale=0 source
    [[ -f "$output" ]] || stale=1
    for source in "${sources[@]}"; do [[ "$source" -nt "$output" ]] && stale=1; done
    ((stale)) || return 0
    mcs -langversion:7.2 -warn:4 -warnaserror+ -nologo -out:"$output" "${flags[@]}" "${sources[@]}"
}

compile "$out/LibJet.dll" "$here"/src/*.cs "$here"/src/Native/*.cs "$here"/src/Firewall/*.cs -- \
    -target:library -unsafe -doc:"$out/LibJet.xml" -r:System.dll
cat > "$out/LibJet.dll.config.new" <<CONFIG
<configuration>
  <dllmap dll="jet" target="$repo/target/release/libjet.so"/>
</configuration>
CONFIG
mv "$out/LibJet.dll.config.new" "$out/LibJet.dll.config"

compile "$out/watch.exe" "$here/examples/Watch.cs" -- -r:"$out/LibJet.dll"
compile "$out/firewall.exe" "$here/examples/FirewallExample.cs" "$here/examples/ServiceArgs.cs" -- -r:"$out/LibJet.dll"
compile "$out/interfaces.exe" "$here/examples/InterfacesExample.cs" "$here/examples/ServiceArgs.cs" -- -r:"$out/LibJet.dll"

if [[ "${1:-}" == tests ]]; then
    nunit=/usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll
    compile "$out/JetChild.exe" "$here"/tests/Child/*.cs -- -r:"$out/LibJet.dll"
    compile "$out/LibJet.Tests.dll" "$here"/tests/*.cs "$here"/tests/Support/*.cs -- \
        -target:library -r:"$out/LibJet.dll" -r:"$nunit" -r:System.dll
fi
