module libjet.dev/bench

go 1.22

require libjet.dev/jet v0.0.0

replace libjet.dev/jet => ../../bindings/go
