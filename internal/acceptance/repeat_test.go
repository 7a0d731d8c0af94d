package acceptance

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestBuildTwiceSameBytes builds the example site again and compares every
// file with the first build.
func TestBuildTwiceSameBytes(t *testing.T) {
	t.Parallel()
	s := example(t)
	again := filepath.Join(t.TempDir(), "again")
	if err := buildSite(s.src, again); err != nil {
		t.Fatal(err)
	}
	sameTree(t, s.out, again)
}

// TestTimeZoneDoesNotMatter builds the example site in child processes
// whose local time zone is UTC and Asia/Ho_Chi_Minh, and compares both with
// the build of this process.
func TestTimeZoneDoesNotMatter(t *testing.T) {
	t.Parallel()
	s := example(t)
	for _, tz := range []string{"UTC", "Asia/Ho_Chi_Minh"} {
		t.Run(tz, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "out")
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "TZ="+tz, envSource+"="+s.src, envOut+"="+out)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("build with TZ=%s: %v\n%s", tz, err, b)
			}
			sameTree(t, s.out, out)
		})
	}
}
