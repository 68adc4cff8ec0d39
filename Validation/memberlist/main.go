// Command mlvalidate runs real hashicorp/memberlist clusters in one process on an in-process
// network with GossipSim's network model, and compares their measurements with GossipSim's.
//
//	mlvalidate run -case crash -n 30 -seeds 3 -crash-at 5s -crash-id 7 -duration 45s -out real.csv
//	mlvalidate compare -real real.csv -sim SIMDIR -scenario crash -table table.md [-gross]
//
// docs/validation.md describes the cases, the measurements and the verdict rules.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: mlvalidate run|compare [flags] (-h for the flags)")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "run":
		os.Exit(runMain(os.Args[2:]))
	case "compare":
		os.Exit(compareMain(os.Args[2:]))
	}
	fmt.Fprintf(os.Stderr, "mlvalidate: unknown command %q (run, compare)\n", os.Args[1])
	os.Exit(2)
}
