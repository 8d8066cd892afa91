package aircall

import (
	"bufio"
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/aircall-go/aircall/internal/fixture"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var operationLine = regexp.MustCompile(`^(GET|POST|PUT|DELETE|PATCH) /v[12]/[a-z0-9_/:.-]*[a-z0-9_]$`)

// sdkOperations maps each //aircall:operation directive of the root
// package to the functions carrying it, checking the directive is the last
// line of a function's doc comment.
func sdkOperations(t *testing.T) map[string][]string {
	t.Helper()
	ops := map[string][]string{}
	for _, f := range parseRootFiles(t, parser.ParseComments) {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Doc == nil {
				continue
			}
			name := fd.Name.Name
			if fd.Recv != nil {
				recv := fd.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				if generic, ok := recv.(*ast.IndexExpr); ok {
					recv = generic.X // Pager[T]
				}
				name = recv.(*ast.Ident).Name + "." + name
			}
			for i, c := range fd.Doc.List {
				op, ok := strings.CutPrefix(c.Text, "//aircall:operation ")
				if !ok {
					continue
				}
				assert.Regexp(t, operationLine, op, "%s: malformed directive", name)
				assert.Equal(t, len(fd.Doc.List)-1, i, "%s: the directive must end the doc comment", name)
				ops[op] = append(ops[op], name)
			}
		}
	}
	return ops
}

// parseRootFiles parses the non-test Go files of the root package.
func parseRootFiles(t *testing.T, mode parser.Mode) []*ast.File {
	t.Helper()
	root, err := fixture.Root()
	require.NoError(t, err)
	names, err := filepath.Glob(filepath.Join(root, "*.go"))
	require.NoError(t, err)
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, mode)
		require.NoError(t, err)
		files = append(files, f)
	}
	return files
}

func listedOperations(t *testing.T) []string {
	t.Helper()
	var ops []string
	sc := bufio.NewScanner(bytes.NewReader(loadFixture(t, "operations.txt")))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		require.Regexp(t, operationLine, line)
		ops = append(ops, line)
	}
	return ops
}

// TestOperationsCoverage checks mechanically that every documented
// operation has a method and that no method names an unknown operation.
func TestOperationsCoverage(t *testing.T) {
	t.Parallel()
	sdk := sdkOperations(t)
	listed := listedOperations(t)
	for _, op := range listed {
		assert.NotEmpty(t, sdk[op], "no method carries //aircall:operation %s", op)
	}
	for op, fns := range sdk {
		assert.Contains(t, listed, op, "%v name an operation missing from testdata/operations.txt", fns)
	}
	t.Logf("%d operations covered by %d methods", len(listed), countFns(sdk))
}

func countFns(ops map[string][]string) int {
	n := 0
	for _, fns := range ops {
		n += len(fns)
	}
	return n
}

// TestServiceMethodsCarryDirectives checks every exported method of every
// service names the operation it calls.
func TestServiceMethodsCarryDirectives(t *testing.T) {
	t.Parallel()
	withDirective := map[string]bool{}
	for _, fns := range sdkOperations(t) {
		for _, fn := range fns {
			withDirective[fn] = true
		}
	}
	var missing []string
	for _, f := range parseRootFiles(t, 0) {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || !fd.Name.IsExported() {
				continue
			}
			star, ok := fd.Recv.List[0].Type.(*ast.StarExpr)
			if !ok {
				continue
			}
			id, ok := star.X.(*ast.Ident) // not a generic type such as Pager[T]
			if !ok {
				continue
			}
			recv := id.Name
			if strings.HasSuffix(recv, "Service") && !withDirective[recv+"."+fd.Name.Name] {
				missing = append(missing, recv+"."+fd.Name.Name)
			}
		}
	}
	sort.Strings(missing)
	assert.Empty(t, missing, "service methods without an //aircall:operation directive")
}

// TestOperationsMatchTheReference re-extracts the reference's Request lines
// when the reference is reachable (it lives outside the repository).
func TestOperationsMatchTheReference(t *testing.T) {
	t.Parallel()
	root, err := fixture.Root()
	require.NoError(t, err)
	ref := filepath.Join(root, "..", "shared", "reference", "001_c04749125f573cd0.txt")
	data, err := os.ReadFile(ref)
	if err != nil {
		t.Skipf("reference not reachable at %s: the committed list is checked by TestOperationsCoverage", ref)
	}
	listed := listedOperations(t)
	lines := strings.Split(string(data), "\n")
	request := regexp.MustCompile(`^(GET|POST|PUT|DELETE|PATCH) (?:https://api\.aircall\.io)?(/v1/\S*)`)
	n := 0
	for i, line := range lines {
		if strings.TrimSpace(line) != "Request" || i+1 >= len(lines) {
			continue
		}
		if m := request.FindStringSubmatch(lines[i+1]); m != nil {
			n++
			assert.Contains(t, listed, m[1]+" "+m[2], "documented in the reference")
		}
	}
	assert.Greater(t, n, 60, "the reference's Request lines were found")
}

// TestReadmeCoverageTable checks README's coverage table lists every
// operation with the methods that carry it.
func TestReadmeCoverageTable(t *testing.T) {
	t.Parallel()
	root, err := fixture.Root()
	require.NoError(t, err)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	rows := map[string]string{}
	for _, line := range strings.Split(string(readme), "\n") {
		if m := regexp.MustCompile("^\\| `([A-Z]+ /[^`]+)`").FindStringSubmatch(line); m != nil {
			rows[m[1]] = line
		}
	}
	sdk := sdkOperations(t)
	for _, op := range listedOperations(t) {
		row, ok := rows[op]
		if !assert.True(t, ok, "README's coverage table misses %s", op) {
			continue
		}
		for _, fn := range sdk[op] {
			name := strings.TrimSuffix(fn, "Service") // "CallsService.Get" → "Calls.Get"
			name = strings.Replace(name, "Service.", ".", 1)
			assert.Contains(t, row, "`"+name+"`", "README's row for %s", op)
		}
	}
	assert.Len(t, rows, len(listedOperations(t)), "one row per operation")
}
