goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1-2         	  182614	       587.6 ns/op	      1108 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=0-2         	  197604	       614.6 ns/op	      1219 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1-2       	  153439	       736.7 ns/op	      1445 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=0-2       	  176810	       625.9 ns/op	      1212 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPingPong/impl=hoare-2                     	  244980	       494.9 ns/op	       503.8 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPipeline/impl=hoare/stages=4/cap=1-2      	  135559	       811.2 ns/op	      1026 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=0-2   	   74725	      1586 ns/op	      3104 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=1-2   	  231362	       490.6 ns/op	       964.6 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1-2         	  208588	       686.2 ns/op	      1330 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=0-2         	  175533	       627.9 ns/op	      1240 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1-2       	  141519	       866.4 ns/op	      1725 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=0-2       	  178022	       666.3 ns/op	      1327 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPingPong/impl=hoare-2                     	  218175	       544.0 ns/op	       560.2 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPipeline/impl=hoare/stages=4/cap=1-2      	  177698	       711.8 ns/op	       820.9 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=0-2   	   72776	      1615 ns/op	      3216 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=1-2   	  255510	       456.0 ns/op	       906.4 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1-2         	  191870	       662.7 ns/op	      1287 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=0-2         	  180380	       652.4 ns/op	      1293 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1-2       	  145167	       751.1 ns/op	      1472 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=0-2       	  179025	       669.0 ns/op	      1336 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPingPong/impl=hoare-2                     	  246235	       464.2 ns/op	       475.0 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPipeline/impl=hoare/stages=4/cap=1-2      	  172240	       699.0 ns/op	       784.2 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=0-2   	   73088	      1635 ns/op	      3254 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=1-2   	  269888	       443.1 ns/op	       878.3 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1-2         	  229765	       666.2 ns/op	      1304 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=0-2         	  193500	       615.3 ns/op	      1224 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1-2       	  178563	       704.1 ns/op	      1380 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=0-2       	  171939	       635.5 ns/op	      1246 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPingPong/impl=hoare-2                     	  245829	       519.5 ns/op	       532.4 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPipeline/impl=hoare/stages=4/cap=1-2      	  137439	       823.8 ns/op	      1031 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=0-2   	   69470	      1739 ns/op	      3415 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=1-2   	  215098	       471.9 ns/op	       932.0 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1-2         	  299970	       675.5 ns/op	      1314 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=0-2         	  200811	       611.7 ns/op	      1218 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1-2       	  164358	       821.3 ns/op	      1617 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=0-2       	  241774	       538.1 ns/op	      1017 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPingPong/impl=hoare-2                     	  286587	       467.2 ns/op	       475.1 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPipeline/impl=hoare/stages=4/cap=1-2      	  165846	       709.4 ns/op	       839.9 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=0-2   	   73521	      1606 ns/op	      3145 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=1-2   	  250310	       472.0 ns/op	       925.6 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1-2         	  252476	       632.7 ns/op	      1207 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=0-2         	  184687	       656.0 ns/op	      1305 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1-2       	  160054	       703.0 ns/op	      1350 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=0-2       	  174156	       642.2 ns/op	      1217 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPingPong/impl=hoare-2                     	  165267	       662.6 ns/op	       701.0 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPipeline/impl=hoare/stages=4/cap=1-2      	  124150	       986.1 ns/op	      1233 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=0-2   	   65298	      1838 ns/op	      3661 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=1-2   	  323042	       334.2 ns/op	       618.6 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1-2         	  253842	       682.5 ns/op	      1314 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=0-2         	  169701	       669.6 ns/op	      1330 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1-2       	  143773	       823.1 ns/op	      1606 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=0-2       	  153310	       712.8 ns/op	      1390 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPingPong/impl=hoare-2                     	  240597	       548.3 ns/op	       577.2 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPipeline/impl=hoare/stages=4/cap=1-2      	  158234	       710.2 ns/op	       859.3 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=0-2   	   77218	      1645 ns/op	      3209 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=1-2   	  228921	       573.0 ns/op	      1133 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1-2         	  307312	       594.5 ns/op	      1051 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=0-2         	  204763	       635.3 ns/op	      1243 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1-2       	  150032	       727.7 ns/op	      1418 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=0-2       	  180578	       641.9 ns/op	      1259 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPingPong/impl=hoare-2                     	  239133	       638.4 ns/op	       686.8 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPipeline/impl=hoare/stages=4/cap=1-2      	  146444	       923.6 ns/op	      1132 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=0-2   	   64197	      1719 ns/op	      3322 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=1-2   	  383362	       465.8 ns/op	       914.5 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1-2         	  235828	       705.9 ns/op	      1378 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=0-2         	  188480	       643.5 ns/op	      1269 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1-2       	  148090	       772.7 ns/op	      1541 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=0-2       	  218637	       699.8 ns/op	      1368 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPingPong/impl=hoare-2                     	  196304	       567.5 ns/op	       570.3 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPipeline/impl=hoare/stages=4/cap=1-2      	  139543	       773.2 ns/op	       872.3 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=0-2   	   70138	      1725 ns/op	      3433 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=1-2   	  349260	       402.9 ns/op	       801.5 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
goos: linux
goarch: amd64
pkg: github.com/hoare-go/hoare/runtime_bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkMPMC/impl=hoare/procs=4x4/cap=1-2         	  430954	       663.1 ns/op	      1257 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=4x4/cap=0-2         	  210009	       600.0 ns/op	      1126 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=1-2       	  457783	       721.0 ns/op	      1374 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkMPMC/impl=hoare/procs=16x16/cap=0-2       	  170348	       630.2 ns/op	      1201 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPingPong/impl=hoare-2                     	  174739	       635.6 ns/op	       668.2 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkPipeline/impl=hoare/stages=4/cap=1-2      	  135619	      1006 ns/op	      1131 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=0-2   	   65732	      1796 ns/op	      3495 cpu-ns/msg	       0 B/op	       0 allocs/op
BenchmarkSelectBoth/impl=hoare/procs=4x4/cap=1-2   	  247976	       457.4 ns/op	       854.8 cpu-ns/msg	       0 B/op	       0 allocs/op
PASS
