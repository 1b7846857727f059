package jira

import (
	"reflect"
	"testing"
)

func TestSlab(t *testing.T) {
	s := slab[int]{size: 4}
	var runs [][]int
	for _, n := range []int{3, 0, 6, 2, 1} {
		for i := range n {
			s.push(10*len(runs) + i)
		}
		runs = append(runs, s.end())
	}
	want := [][]int{{0, 1, 2}, nil, {20, 21, 22, 23, 24, 25}, {30, 31}, {40}}
	if !reflect.DeepEqual(runs, want) {
		t.Fatalf("runs = %v, want %v", runs, want)
	}
	// Appending to a run must not write over the next one.
	_ = append(runs[3], 99)
	if runs[4][0] != 40 {
		t.Fatalf("appending to a run changed the next: %v", runs[4])
	}
}
