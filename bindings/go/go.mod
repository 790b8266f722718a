module libjet.dev/jet

go 1.22
