//go:build !unix

package main

import "os"

// settle does nothing here.
func settle() {}

// maxRSS is not known here: the tables show 0.
func maxRSS(*os.ProcessState) int64 { return 0 }
