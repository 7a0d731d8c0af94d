package build

import "sync"

// parallel runs the steps at once and returns the error of the first step
// in the list that failed. The steps of a build write different files and
// only read what they share; each also spreads its own work over the
// cores, and running them together keeps the cores busy while one of them
// finishes on a single core.
func parallel(steps ...func() error) error {
	errs := make([]error, len(steps))
	var wg sync.WaitGroup
	for i, step := range steps {
		wg.Go(func() { errs[i] = step() })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
