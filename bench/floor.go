package main

import (
	"fmt"
	"os"
	"runtime"
	"sync"

	"gopkg.in/yaml.v3"
)

// The export structs of the parse floor: the fields of the data contract,
// decoded by yaml.v3 with no checking at all.
type floorExport struct {
	Export struct {
		Unit       string           `yaml:"unit"`
		District   string           `yaml:"district"`
		Period     string           `yaml:"period"`
		ExportedAt string           `yaml:"exported_at"`
		Metrics    map[string]int64 `yaml:"metrics"`
	} `yaml:"export"`
	Cases []floorCase `yaml:"cases"`
}

type floorCase struct {
	ID         string       `yaml:"id"`
	DetectedOn string       `yaml:"detected_on"`
	District   string       `yaml:"district"`
	Platform   string       `yaml:"platform"`
	Category   string       `yaml:"category"`
	Summary    string       `yaml:"summary"`
	Reach      int64        `yaml:"reach"`
	Offender   string       `yaml:"offender"`
	Status     string       `yaml:"status"`
	ReferredTo string       `yaml:"referred_to"`
	ResolvedOn string       `yaml:"resolved_on"`
	FineVND    int64        `yaml:"fine_vnd"`
	PostURL    string       `yaml:"post_url"`
	Basis      []string     `yaml:"basis"`
	Events     []floorEvent `yaml:"events"`
}

type floorEvent struct {
	Date   string `yaml:"date"`
	Action string `yaml:"action"`
	Note   string `yaml:"note"`
}

// floor reads and decodes every export of site on one worker per core,
// keeps the results as a build would, and prints the files and records.
func floor(site string) error {
	files, err := dataFiles(site)
	if err != nil {
		return err
	}
	exports := make([]floorExport, len(files))
	errs := make([]error, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			for i := range jobs {
				data, err := os.ReadFile(files[i])
				if err == nil {
					err = yaml.Unmarshal(data, &exports[i])
				}
				errs[i] = err
			}
		})
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	records := 0
	for i, e := range exports {
		if errs[i] != nil {
			return fmt.Errorf("%s: %w", files[i], errs[i])
		}
		records += len(e.Cases)
	}
	fmt.Println(len(files), records)
	return nil
}
