package publish

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"giamsat/internal/fileid"
)

// A manifest lists the files of a published site with the fingerprints they
// were made from, so that the next build can tell which it need not make
// again. It is kept beside the site, never in it (a web server would serve
// it), and it is only ever a hint: every entry is checked against the file
// it names before it is trusted, so a lost, stale or damaged manifest only
// makes a build write more.
//
//	giamsat-manifest 1 SALT
//	KEY SIZE MTIME CTIME INODE DEVICE "PATH"
//	…
//	end N

const manifestHead = "giamsat-manifest 1 "

// saveManifest writes the entries to name through a temporary file, so that
// a manifest is either whole or absent.
func saveManifest(name, salt string, files map[string]entry) error {
	tmp := name + ".tmp"
	// Made anew, never written through a link left in its place.
	if err := removeFile(tmp); err != nil {
		return err
	}
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "%s%s\n", manifestHead, hex.EncodeToString([]byte(salt)))
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		e := files[rel]
		fmt.Fprintf(w, "%s %d %d %d %d %d %s\n", hex.EncodeToString(e.key[:]),
			e.id.Size, e.id.ModTime, e.id.ChangeTime, e.id.Inode, e.id.Device, strconv.Quote(rel))
	}
	fmt.Fprintf(w, "end %d\n", len(files))
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

var errManifest = errors.New("not a manifest of this program")

// loadManifest reads a manifest written with the same salt.
func loadManifest(name, salt string) (map[string]entry, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(string(data), "\n")
	if len(lines) < 3 || lines[0] != manifestHead+hex.EncodeToString([]byte(salt)) || lines[len(lines)-1] != "" {
		return nil, errManifest
	}
	body := lines[1 : len(lines)-2]
	if lines[len(lines)-2] != "end "+strconv.Itoa(len(body)) {
		return nil, errManifest
	}
	files := make(map[string]entry, len(body))
	for _, line := range body {
		rel, e, ok := parseEntry(line)
		if !ok || checkRel(rel) != nil {
			return nil, errManifest
		}
		files[rel] = e
	}
	return files, nil
}

func parseEntry(line string) (string, entry, bool) {
	f := strings.SplitN(line, " ", 7)
	if len(f) != 7 {
		return "", entry{}, false
	}
	var e entry
	key, err := hex.DecodeString(f[0])
	if err != nil || len(key) != len(e.key) {
		return "", entry{}, false
	}
	copy(e.key[:], key)
	var signed [3]int64
	var unsigned [2]uint64
	for i := range signed {
		if signed[i], err = strconv.ParseInt(f[1+i], 10, 64); err != nil {
			return "", entry{}, false
		}
	}
	for i := range unsigned {
		if unsigned[i], err = strconv.ParseUint(f[4+i], 10, 64); err != nil {
			return "", entry{}, false
		}
	}
	e.id = fileid.ID{Size: signed[0], ModTime: signed[1], ChangeTime: signed[2], Inode: unsigned[0], Device: unsigned[1]}
	rel, err := strconv.Unquote(f[6])
	if err != nil {
		return "", entry{}, false
	}
	return rel, e, true
}
