// Package period holds civil dates, export timestamps and reporting periods
// (month, quarter, half-year, year) in Vietnam time, including the state
// reporting cut-off where a month runs from the 15th before to the 14th.
//
// Vietnam has kept UTC+07:00 since 1975, so a fixed zone is used: builds
// never depend on the machine's time-zone database or TZ setting.
package period
