package rules

import (
	"time"

	"github.com/hatcheck/hatcheck/lint"
)

// More changelog entries for the issue builder of testing_test.go, for the rules that read
// priority, status, estimate and parent changes.

// PriorityChangedBy adds a change of the priority field.
func (ib *issueBuilder) PriorityChangedBy(by lint.Person, t time.Time, from, to string) *issueBuilder {
	return ib.Changed(by, t, lint.Change{
		ChangedField: &lint.ChangedField{Field: "priority", FieldType: "jira", FieldID: "priority", Kind: lint.KindPriority},
		ChangeValues: &lint.ChangeValues{From: "3", FromString: from, To: "2", ToString: to},
	})
}

// MovedBy adds a status transition and sets the issue's status to where it moved.
func (ib *issueBuilder) MovedBy(by lint.Person, t time.Time, from, to, category string) *issueBuilder {
	ib.Status(to, category)
	return ib.Changed(by, t, lint.Change{
		ChangedField: &lint.ChangedField{Field: "status", FieldType: "jira", FieldID: "status", Kind: lint.KindStatus},
		ChangeValues: &lint.ChangeValues{From: "1", FromString: from, To: "10001", ToString: to},
	})
}

// EstimateChangedBy adds a change of the estimate field, values as Jira writes them ("3", "5.0").
func (ib *issueBuilder) EstimateChangedBy(by lint.Person, t time.Time, from, to string) *issueBuilder {
	return ib.Changed(by, t, lint.Change{
		ChangedField: &lint.ChangedField{Field: "Story Points", FieldType: "custom", FieldID: "customfield_10016", Kind: lint.KindEstimate},
		ChangeValues: &lint.ChangeValues{From: from, FromString: from, To: to, ToString: to},
	})
}

// ParentChangedBy adds a change of the parent (as Jira Cloud records it) and sets the
// issue's parent to the new key.
func (ib *issueBuilder) ParentChangedBy(by lint.Person, t time.Time, from, to string) *issueBuilder {
	ib.Parent(to)
	return ib.Changed(by, t, lint.Change{
		ChangedField: &lint.ChangedField{Field: "IssueParentAssociation", FieldType: "jira", Kind: lint.KindParent},
		ChangeValues: &lint.ChangeValues{FromString: from, ToString: to},
	})
}

// Summary sets the issue's summary.
func (ib *issueBuilder) Summary(s string) *issueBuilder { ib.issue.Summary = s; return ib }
