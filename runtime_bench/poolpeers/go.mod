module github.com/hoare-go/hoare/runtime_bench/poolpeers

go 1.26.0

replace github.com/hoare-go/hoare => ../..

require (
	github.com/alitto/pond/v2 v2.7.1
	github.com/hoare-go/hoare v0.0.0-00010101000000-000000000000
	github.com/panjf2000/ants/v2 v2.12.1
)

require (
	golang.org/x/sync v0.11.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
)
