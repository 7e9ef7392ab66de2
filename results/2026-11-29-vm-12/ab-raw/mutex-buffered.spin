goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPSC/impl=hoare/procs=4x1/cap=1024-2         	 4942864	        24.05 ns/op	        46.21 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPSC/impl=hoare/procs=4x1/cap=64-2           	 3033273	        37.05 ns/op	        57.45 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1024-2         	 4413802	        26.09 ns/op	        50.70 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=64-2           	 3194750	        37.35 ns/op	        70.77 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1024-2       	 4608231	        24.23 ns/op	        47.66 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=64-2         	 3174255	        33.89 ns/op	        65.36 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPSC/impl=hoare/procs=4x1/cap=1024-2         	 3174783	        34.92 ns/op	        65.90 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPSC/impl=hoare/procs=4x1/cap=64-2           	 3136165	        38.60 ns/op	        69.02 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1024-2         	 3871237	        28.63 ns/op	        51.82 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=64-2           	 3047632	        39.34 ns/op	        74.00 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1024-2       	 5393134	        23.92 ns/op	        46.34 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=64-2         	 2951205	        43.81 ns/op	        84.21 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPSC/impl=hoare/procs=4x1/cap=1024-2         	 4141992	        33.23 ns/op	        49.09 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPSC/impl=hoare/procs=4x1/cap=64-2           	 3574638	        39.50 ns/op	        65.34 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1024-2         	 4954180	        24.05 ns/op	        46.63 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=64-2           	 3380767	        35.56 ns/op	        67.52 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1024-2       	 5160892	        22.12 ns/op	        43.46 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=64-2         	 3521367	        35.70 ns/op	        65.96 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPSC/impl=hoare/procs=4x1/cap=1024-2         	 3330920	        37.42 ns/op	        69.03 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPSC/impl=hoare/procs=4x1/cap=64-2           	 2828958	        39.44 ns/op	        74.93 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1024-2         	 4339920	        25.45 ns/op	        49.59 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=64-2           	 2537150	        44.44 ns/op	        83.53 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1024-2       	 4722603	        23.88 ns/op	        47.30 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=64-2         	 2140406	        51.34 ns/op	        98.05 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPSC/impl=hoare/procs=4x1/cap=1024-2         	 4322481	        24.02 ns/op	        46.31 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPSC/impl=hoare/procs=4x1/cap=64-2           	 3559317	        36.68 ns/op	        61.67 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1024-2         	 5019052	        22.96 ns/op	        44.64 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=64-2           	 2812965	        45.87 ns/op	        80.05 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1024-2       	 5619636	        21.66 ns/op	        42.66 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=64-2         	 2661064	        45.55 ns/op	        86.58 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPSC/impl=hoare/procs=4x1/cap=1024-2         	 4038922	        29.04 ns/op	        55.92 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPSC/impl=hoare/procs=4x1/cap=64-2           	 3161647	        40.11 ns/op	        67.37 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1024-2         	 4255632	        27.78 ns/op	        53.95 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=64-2           	 2941773	        41.77 ns/op	        78.54 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1024-2       	 4593942	        23.86 ns/op	        46.73 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=64-2         	 2778793	        40.03 ns/op	        77.05 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPSC/impl=hoare/procs=4x1/cap=1024-2         	 4872397	        25.95 ns/op	        45.74 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPSC/impl=hoare/procs=4x1/cap=64-2           	 2880062	        38.59 ns/op	        64.70 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1024-2         	 5194722	        25.57 ns/op	        49.00 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=64-2           	 3362715	        31.73 ns/op	        60.87 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1024-2       	 5080556	        24.49 ns/op	        47.70 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=64-2         	 3148336	        41.71 ns/op	        81.42 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPSC/impl=hoare/procs=4x1/cap=1024-2         	 5293122	        25.65 ns/op	        48.46 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPSC/impl=hoare/procs=4x1/cap=64-2           	 3634006	        30.37 ns/op	        57.95 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1024-2         	 4393648	        25.39 ns/op	        49.88 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=64-2           	 3723286	        29.51 ns/op	        56.84 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1024-2       	 4631892	        25.10 ns/op	        49.39 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=64-2         	 3688802	        32.61 ns/op	        56.91 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPSC/impl=hoare/procs=4x1/cap=1024-2         	 4757870	        25.43 ns/op	        47.29 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPSC/impl=hoare/procs=4x1/cap=64-2           	 3379546	        36.06 ns/op	        65.23 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1024-2         	 5663647	        24.02 ns/op	        44.84 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=64-2           	 3558552	        34.41 ns/op	        64.61 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1024-2       	 5738948	        19.52 ns/op	        38.71 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=64-2         	 3966565	        30.59 ns/op	        58.70 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPSC/impl=hoare/procs=4x1/cap=1024-2         	 4088586	        28.88 ns/op	        50.54 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPSC/impl=hoare/procs=4x1/cap=64-2           	 2720052	        40.10 ns/op	        64.60 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1024-2         	 4736548	        22.57 ns/op	        43.89 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=64-2           	 2861834	        38.92 ns/op	        73.95 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1024-2       	 5066366	        25.91 ns/op	        50.62 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=64-2         	 2953718	        37.39 ns/op	        72.27 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
