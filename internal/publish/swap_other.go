//go:build !linux

package publish

func swap(dir, out string) (old string, err error) { return renameSwap(dir, out) }
