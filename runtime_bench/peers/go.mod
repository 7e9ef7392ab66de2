module github.com/hoare-go/hoare/runtime_bench/peers

go 1.26.0

require (
	github.com/Workiva/go-datastructures v1.1.7
	github.com/hoare-go/hoare v0.0.0-00010101000000-000000000000
	github.com/puzpuzpuz/xsync/v4 v4.5.0
)

require golang.org/x/sys v0.50.0 // indirect

replace github.com/hoare-go/hoare => ../..
