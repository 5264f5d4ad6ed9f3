// Command yamlfloor is the floor the loader is measured against: it reads
// a file and parses it whole into a yaml.v3 Node tree, in one goroutine,
// and does nothing else. scripts/bench.sh times visitline against it.
//
//	go run ./tools/yamlfloor FILE
package main

import (
	"fmt"
	"os"

	"gopkg.in/yaml.v3"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: yamlfloor FILE")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
