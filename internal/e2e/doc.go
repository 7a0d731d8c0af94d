// Package e2e holds the end-to-end tests of giamsat: they build the example
// site, a generated sample site and a site full of script payloads, open
// every page in headless Chromium (served under a sub-path by a local HTTP
// server, and straight from disk), and check what a reader would see: no
// errors, no request leaving the site, every chart drawn with its data
// table beside it, the Content-Security-Policy in force, the tables'
// filters and sorting, the print stylesheet, and a page body that fits a
// 390-pixel phone.
//
// The tests need Chromium (apt-get install chromium) or Chrome; set
// CHROME_BIN to use one that is not on PATH. Without a browser, or with
// -short, they skip and say why, unless the environment variable CI is
// set: then a missing browser is a failure, so that CI never passes
// without having run them.
//
// go test ./internal/e2e -update also rewrites the screenshots in
// docs/screenshots/.
package e2e
