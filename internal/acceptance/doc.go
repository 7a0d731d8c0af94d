// Package acceptance holds the whole-site tests of the dashboard: they
// build the example site at the repository root and sites written by
// package sample with build.Run, as giamsat build does, and check the
// published files as a reader, a browser and a spreadsheet would meet
// them. Every page exists and parses, every link and asset resolves inside
// the output, nothing points outside it, the figures on the pages agree
// with the CSV downloads (recounted here from the CSV files alone), text
// from the data that holds markup stays text, and the same input gives the
// same bytes twice and in any time zone.
//
// The package has tests only. Browser checks (the charts drawn, the phone
// layout, printing) are in package e2e.
package acceptance
